/** Parses a RAM policy document (object or JSON text) into a value, reporting every problem at once. */
import type { PolicyDocument, PolicyStatement } from '../model';
import { readStatement, type PolicyKind } from './statement';
import { normalizePolicyDocument, serializePolicyDocument } from './normalize';
import { checkKnownKeys, isRecord, joinPath, quote, type PathProblem } from './values';

/** RAM's limit on a policy document (CreatePolicy counts characters). */
export const MAX_POLICY_DOCUMENT_LENGTH = 6144;

export interface PolicyParseOptions {
  kind: PolicyKind;
}

export interface StructuredPolicyParse {
  /** Normalized; set only when there is no problem. */
  document?: PolicyDocument;
  problems: PathProblem[];
}

/** `Statement[0].Action: must ...`, or just the message for the document itself. */
export function formatPathProblem(p: PathProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** Like parsePolicyDocument, with each problem's path inside the document kept apart from its message. */
export function readPolicyDocument(input: unknown, opts: PolicyParseOptions): StructuredPolicyParse {
  const problems: PathProblem[] = [];
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (e) {
      return { problems: [{ path: '', message: `is not valid JSON: ${(e as Error).message}` }] };
    }
  }
  if (!isRecord(value)) {
    return { problems: [{ path: '', message: `must be an object with Version "1" and Statement (got ${quote(value)})` }] };
  }
  checkKnownKeys(value, ['Version', 'Statement'], '', problems);
  // Choice: a YAML number 1 is accepted as Version "1"; any other version is a problem.
  if (value.Version !== '1' && value.Version !== 1) {
    problems.push({ path: 'Version', message: `must be "1" (got ${quote(value.Version)})` });
  }
  const statements: PolicyStatement[] = [];
  if (!Array.isArray(value.Statement) || value.Statement.length === 0) {
    problems.push({ path: 'Statement', message: `must be a non-empty list of statements (got ${quote(value.Statement)})` });
  } else {
    value.Statement.forEach((raw: unknown, i: number) => {
      const stmt = readStatement(raw, joinPath('Statement', i), opts.kind, problems);
      if (stmt) statements.push(stmt);
    });
  }
  if (problems.length > 0) return { problems };
  const document = normalizePolicyDocument({ Version: '1', Statement: statements });
  const length = serializePolicyDocument(document).length;
  if (length > MAX_POLICY_DOCUMENT_LENGTH) {
    return { problems: [{ path: '', message: `is ${length} characters once serialized; RAM allows at most ${MAX_POLICY_DOCUMENT_LENGTH}` }] };
  }
  return { document, problems };
}

/**
 * Accepts an object or a JSON string; returns the normalized document or EVERY problem found,
 * each as `<path inside the document>: <what is wrong>`.
 */
export function parsePolicyDocument(input: unknown, opts: PolicyParseOptions): { document?: PolicyDocument; problems: string[] } {
  const result = readPolicyDocument(input, opts);
  return { document: result.document, problems: result.problems.map(formatPathProblem) };
}
