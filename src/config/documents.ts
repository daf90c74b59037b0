/** Policy documents given in props: an object, a JSON string, or a JSON file relative to s.yaml. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { PolicyDocument } from '../model';
import { readPolicyDocument, type PolicyKind } from '../policy';
import type { CheckContext } from './context';

/** Reads a text file relative to the base directory; records a problem and returns undefined if it cannot. */
export function readTextFile(file: string, path: string, ctx: CheckContext, example: string): { text: string; absolute: string } | undefined {
  const absolute = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    ctx.add(path, `file ${JSON.stringify(file)} does not exist (looked for ${absolute})`, example);
    return undefined;
  }
  return { text: readFileSync(absolute, 'utf8'), absolute };
}

/** The document value: objects as they are; JSON text parsed; any other string read as a file. */
function loadDocumentValue(value: unknown, path: string, ctx: CheckContext, example: string): unknown {
  if (typeof value !== 'string') return value;
  // Choice: a string starting with "{" is inline JSON; any other string is a file path relative to s.yaml.
  const inline = value.trim().startsWith('{');
  const text = inline ? value : readTextFile(value, path, ctx, example)?.text;
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const where = inline ? 'is not valid JSON' : `file ${JSON.stringify(value)} is not valid JSON`;
    ctx.add(path, `${where}: ${(e as Error).message}`, example);
    return undefined;
  }
}

const PERMISSION_STATEMENT = { Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] };
const TRUST_STATEMENT = { Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } };

/** A valid value for the place inside a document that a problem is about. */
export function documentExample(inner: string, kind: PolicyKind): string {
  const statement = kind === 'trust' ? TRUST_STATEMENT : PERMISSION_STATEMENT;
  const key = /([A-Za-z]+)(\[\d+\])?$/.exec(inner)?.[1] ?? '';
  const byKey: Record<string, unknown> = {
    Version: '1',
    Effect: 'Allow',
    Action: statement.Action,
    NotAction: ['oss:DeleteBucket'],
    Resource: PERMISSION_STATEMENT.Resource,
    NotResource: ['acs:oss:*:*:other-bucket/*'],
    Principal: TRUST_STATEMENT.Principal,
    Service: TRUST_STATEMENT.Principal.Service,
    Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } },
  };
  if (/^Statement\[\d+\]$/.test(inner)) return JSON.stringify(statement);
  const value = byKey[key] ?? { Version: '1', Statement: [statement] };
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Loads and checks a document with the policy model; each problem gets the props path of the place
 * it is about (e.g. `props.policies[0].document.Statement[1].Effect`). `mapPath` renames inner paths.
 */
export function resolveDocument(
  value: unknown,
  path: string,
  kind: PolicyKind,
  ctx: CheckContext,
  mapPath: (inner: string) => string = (inner) => (inner ? `${path}.${inner}` : path),
): PolicyDocument | undefined {
  const loaded = loadDocumentValue(value, path, ctx, kind === 'trust' ? './trust.json' : './policy.json');
  if (loaded === undefined) return undefined;
  const result = readPolicyDocument(loaded, { kind });
  for (const p of result.problems) ctx.add(mapPath(p.path), p.message, documentExample(p.path, kind));
  return result.document;
}
