/**
 * RAM input rules: names, lengths, session duration, version ids, tags and policy documents.
 * Each check throws the RAM wire error (errors.ts) or returns the normalized value.
 */
import { ramErrors } from './errors';

export const LIMITS = {
  description: 1024,
  policyDocument: 6144,
  // Choice: AssumeRolePolicyDocument (and NewAssumeRolePolicyDocument) may be at most 2048 characters.
  trustDocument: 2048,
  minSession: 3600,
  maxSession: 43200,
  versionsPerPolicy: 5,
  /** RM limits, "Maximum number of tags that can be added to a single resource | 20" (https://www.alibabacloud.com/help/en/resource-management/product-overview/limits). */
  tagsPerResource: 20,
  /** TagResources / ListTagResources: "The tags. You can specify up to 20 tags." */
  tagsPerRequest: 20,
  /** "The names of the resources. You can specify up to 50 resource names." */
  resourcesPerRequest: 50,
  /** "The key of the tag. The tag key can be up to 128 characters in length." */
  tagKey: 128,
  /** "The value of the tag. The tag value can be up to 256 characters in length." (RAM TagResources / ListTagResources reference). */
  tagValue: 256,
} as const;

export interface Tag {
  key: string;
  value: string;
}

/** "The name must be 1 to 64 characters in length, and can contain letters, digits, periods (.), and hyphens (-)." (CreateRole reference) */
export function validateRoleName(name: string): void {
  if (name.length < 1 || name.length > 64) throw ramErrors.roleNameLength();
  if (!/^[A-Za-z0-9.-]+$/.test(name)) throw ramErrors.roleNameChars(name);
}

export function validatePolicyName(name: string): void {
  if (name.length < 1 || name.length > 128) throw ramErrors.policyNameLength();
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw ramErrors.policyNameChars(name);
}

/**
 * CreateRole / UpdateRole / CreatePolicy / UpdatePolicyDescription: "The description must be 1 to 1,024
 * characters in length." (RAM reference). A description can be left out, never sent empty.
 */
// Choice: an empty Description / NewDescription is 400 InvalidParameter.<Param>.Length, like one that is too long.
export function validateDescription(description: string, param: 'Description' | 'NewDescription'): void {
  if (description.length < 1 || description.length > LIMITS.description) throw ramErrors.descriptionLength(param);
}

// Choice: an out-of-range MaxSessionDuration is 400 InvalidParameter.MaxSessionDuration (or .NewMaxSessionDuration).
export function validateMaxSessionDuration(value: number, param: 'MaxSessionDuration' | 'NewMaxSessionDuration'): void {
  if (!Number.isInteger(value) || value < LIMITS.minSession || value > LIMITS.maxSession) {
    throw ramErrors.maxSessionDuration(param);
  }
}

/** Returns the version number N of `v<N>`. */
export function parseVersionId(versionId: string): number {
  const match = /^v([1-9][0-9]*)$/.exec(versionId);
  if (!match) throw ramErrors.versionIdFormat(versionId);
  return Number(match[1]);
}

export function validateTag(tag: Tag): void {
  const lower = tag.key.toLowerCase();
  // Choice: a tag key may not start with aliyun or acs: (the prefixes Alibaba Cloud reserves across its tags, e.g. FC: "A tag key cannot start with aliyun or acs:", https://www.alibabacloud.com/help/doc-detail/137457.htm); the RAM reference says only the length.
  if (tag.key.length < 1 || tag.key.length > LIMITS.tagKey || lower.startsWith('aliyun') || lower.startsWith('acs:')) {
    throw ramErrors.tagKey(tag.key);
  }
  if (tag.value.length > LIMITS.tagValue) throw ramErrors.tagValue(tag.key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON `Tag` parameter (`[{"Key":"k","Value":"v"}]`), validated. */
export function parseTags(json: string): Tag[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw ramErrors.tag('not a JSON list');
  }
  if (!Array.isArray(parsed)) throw ramErrors.tag('not a JSON list');
  if (parsed.length > LIMITS.tagsPerRequest) throw ramErrors.tag(`at most ${LIMITS.tagsPerRequest} tags`);
  return parsed.map((item: unknown) => {
    if (!isRecord(item) || typeof item.Key !== 'string') throw ramErrors.tag('each tag needs a string Key');
    if (item.Value !== undefined && typeof item.Value !== 'string') throw ramErrors.tag('a tag Value must be a string');
    const tag = { key: item.Key, value: typeof item.Value === 'string' ? item.Value : '' };
    validateTag(tag);
    return tag;
  });
}

export type DocumentKind = 'identity' | 'trust';

const STATEMENT_KEYS: Record<DocumentKind, string[]> = {
  identity: ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'],
  trust: ['Sid', 'Effect', 'Action', 'NotAction', 'Principal', 'Condition'],
};

function isStringList(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item.length > 0);
}

function checkExactlyOne(statement: Record<string, unknown>, a: string, b: string, where: string): string | undefined {
  const hasA = statement[a] !== undefined;
  const hasB = statement[b] !== undefined;
  if (hasA === hasB) return `${where} must have exactly one of ${a} and ${b}`;
  const key = hasA ? a : b;
  if (!isStringList(statement[key])) return `${where}.${key} must be a non-empty string or a non-empty array of strings`;
  return undefined;
}

function checkCondition(condition: unknown, where: string): string | undefined {
  if (condition === undefined) return undefined;
  if (!isRecord(condition)) return `${where}.Condition must be an object`;
  for (const [operator, clauses] of Object.entries(condition)) {
    if (!isRecord(clauses)) return `${where}.Condition.${operator} must be an object`;
    for (const [key, value] of Object.entries(clauses)) {
      const scalar = typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';
      const list = Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number');
      if (!scalar && !list) return `${where}.Condition.${operator}.${key} must be a string or an array of strings`;
    }
  }
  return undefined;
}

function checkPrincipal(principal: unknown, where: string): string | undefined {
  if (!isRecord(principal)) return `${where}.Principal must be an object`;
  const kinds = Object.keys(principal);
  if (kinds.length === 0) return `${where}.Principal must name a Service, RAM or Federated principal`;
  for (const kind of kinds) {
    if (!['Service', 'RAM', 'Federated'].includes(kind)) return `${where}.Principal.${kind} is not a known principal type`;
    if (!isStringList(principal[kind])) return `${where}.Principal.${kind} must be a non-empty string or array of strings`;
  }
  return undefined;
}

function checkStatement(statement: unknown, index: number, kind: DocumentKind): string | undefined {
  const where = `Statement[${index}]`;
  if (!isRecord(statement)) return `${where} must be an object`;
  const unknownKey = Object.keys(statement).find((key) => !STATEMENT_KEYS[kind].includes(key));
  if (unknownKey) return `${where} has an unknown element ${unknownKey}`;
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return `${where}.Effect must be Allow or Deny`;
  const problem = checkExactlyOne(statement, 'Action', 'NotAction', where)
    ?? (kind === 'identity' ? checkExactlyOne(statement, 'Resource', 'NotResource', where) : checkPrincipal(statement.Principal, where))
    ?? checkCondition(statement.Condition, where);
  return problem;
}

/** The first problem of a policy document, or undefined when it is valid. */
export function findDocumentProblem(text: string, kind: DocumentKind): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return `not valid JSON (${err instanceof Error ? err.message : String(err)})`;
  }
  if (!isRecord(parsed)) return 'the document must be a JSON object';
  const unknownKey = Object.keys(parsed).find((key) => key !== 'Version' && key !== 'Statement');
  if (unknownKey) return `unknown top-level element ${unknownKey}`;
  if (parsed.Version !== '1') return 'Version must be "1"';
  if (!Array.isArray(parsed.Statement) || parsed.Statement.length === 0) return 'Statement must be a non-empty array';
  for (const [index, statement] of parsed.Statement.entries()) {
    const problem = checkStatement(statement, index, kind);
    if (problem) return problem;
  }
  return undefined;
}

/** Length first (with the parameter's own code), then grammar (MalformedPolicyDocument). */
export function validateDocument(text: string, kind: DocumentKind, param: string): void {
  const max = kind === 'trust' ? LIMITS.trustDocument : LIMITS.policyDocument;
  if (text.length > max) throw ramErrors.length(param, max);
  const problem = findDocumentProblem(text, kind);
  if (problem) throw ramErrors.malformedPolicyDocument(problem);
}
