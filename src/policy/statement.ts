/** Reads one statement of a RAM policy document into a PolicyStatement, recording every problem. */
import type { PolicyStatement } from '../model';
import { checkKnownKeys, globMatches, isRecord, joinPath, quote, readStringList, type PathProblem } from './values';

export type PolicyKind = 'permission' | 'trust';

const STATEMENT_KEYS = ['Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'Condition'] as const;
const PRINCIPAL_KEYS = ['Service', 'RAM', 'Federated'] as const;
/** `service:Action` with wildcards, or `*` alone (the props schema uses the same source). */
export const ACTION_PATTERN_SOURCE = '^(\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_.-]+)$';
const ACTION_PATTERN = new RegExp(ACTION_PATTERN_SOURCE);

function checkAction(action: string): string | undefined {
  return ACTION_PATTERN.test(action) ? undefined : 'must look like "service:Action" (wildcards * and ? allowed) or be "*"';
}

function checkAssumeRole(action: string): string | undefined {
  const shape = checkAction(action);
  if (shape) return shape;
  return globMatches(action, 'sts:AssumeRole') ? undefined : 'must be "sts:AssumeRole" in a trust policy';
}

function readCondition(value: unknown, path: string, problems: PathProblem[]): PolicyStatement['Condition'] {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    problems.push({ path, message: `must be a non-empty object of operator -> { key: value(s) } (got ${quote(value)})` });
    return undefined;
  }
  const out: NonNullable<PolicyStatement['Condition']> = {};
  for (const [operator, entries] of Object.entries(value)) {
    const opPath = joinPath(path, operator);
    if (!isRecord(entries) || Object.keys(entries).length === 0) {
      problems.push({ path: opPath, message: `must be a non-empty object of condition key -> value(s) (got ${quote(entries)})` });
      continue;
    }
    const keys: Record<string, string[]> = {};
    for (const [key, raw] of Object.entries(entries)) {
      // Choice: scalar condition values (numbers, booleans) are kept as strings, the form RAM documents show.
      const list = Array.isArray(raw) ? raw : [raw];
      const scalars = list.every((v) => ['string', 'number', 'boolean'].includes(typeof v));
      if (list.length === 0 || !scalars) {
        problems.push({ path: joinPath(opPath, key), message: `must be a value or a non-empty list of values (got ${quote(raw)})` });
        continue;
      }
      keys[key] = list.map((v) => String(v));
    }
    out[operator] = keys;
  }
  return out;
}

function readPrincipal(value: unknown, path: string, problems: PathProblem[]): Record<string, string[]> | undefined {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    problems.push({ path, message: `must be an object with Service, RAM or Federated (got ${quote(value)})` });
    return undefined;
  }
  checkKnownKeys(value, PRINCIPAL_KEYS, path, problems);
  const out: Record<string, string[]> = {};
  for (const key of PRINCIPAL_KEYS) {
    if (value[key] === undefined) continue;
    const list = readStringList(value[key], joinPath(path, key), problems);
    if (list) out[key] = list;
  }
  return out;
}

/** One of `a`/`b` exactly (e.g. Action/NotAction); returns which one is present, if valid. */
function exactlyOne(stmt: Record<string, unknown>, a: string, b: string, path: string, problems: PathProblem[]): string | undefined {
  const hasA = stmt[a] !== undefined;
  const hasB = stmt[b] !== undefined;
  if (hasA && hasB) problems.push({ path: joinPath(path, b), message: `cannot be used together with ${a}; keep one of them` });
  else if (!hasA && !hasB) problems.push({ path: joinPath(path, a), message: `is required (or ${b})` });
  else return hasA ? a : b;
  return undefined;
}

export function readStatement(value: unknown, path: string, kind: PolicyKind, problems: PathProblem[]): PolicyStatement | undefined {
  if (!isRecord(value)) {
    problems.push({ path, message: `must be an object with Effect, Action and ${kind === 'trust' ? 'Principal' : 'Resource'} (got ${quote(value)})` });
    return undefined;
  }
  const before = problems.length;
  checkKnownKeys(value, STATEMENT_KEYS, path, problems);
  const stmt: PolicyStatement = { Effect: 'Allow' };

  if (value.Effect === 'Allow' || value.Effect === 'Deny') stmt.Effect = value.Effect;
  else problems.push({ path: joinPath(path, 'Effect'), message: `must be "Allow" or "Deny" (got ${quote(value.Effect)})` });

  if (kind === 'permission') {
    const actionKey = exactlyOne(value, 'Action', 'NotAction', path, problems);
    if (actionKey === 'Action' || actionKey === 'NotAction') {
      stmt[actionKey] = readStringList(value[actionKey], joinPath(path, actionKey), problems, checkAction);
    }
    // RAM rejects permission statements without a resource, unlike IAM identity policies' defaults.
    const resourceKey = exactlyOne(value, 'Resource', 'NotResource', path, problems);
    if (resourceKey === 'Resource' || resourceKey === 'NotResource') {
      stmt[resourceKey] = readStringList(value[resourceKey], joinPath(path, resourceKey), problems);
    }
    if (value.Principal !== undefined) {
      problems.push({ path: joinPath(path, 'Principal'), message: 'is only allowed in trust policies (the role itself is the principal here)' });
    }
  } else {
    // Choice: in a trust policy every action must match sts:AssumeRole, and NotAction/Resource/NotResource are rejected.
    if (value.Action === undefined) problems.push({ path: joinPath(path, 'Action'), message: 'is required: "sts:AssumeRole"' });
    else stmt.Action = readStringList(value.Action, joinPath(path, 'Action'), problems, checkAssumeRole);
    for (const key of ['NotAction', 'Resource', 'NotResource'] as const) {
      if (value[key] !== undefined) problems.push({ path: joinPath(path, key), message: 'is not allowed in a trust policy' });
    }
    if (value.Principal === undefined) {
      problems.push({ path: joinPath(path, 'Principal'), message: 'is required in a trust policy: who may assume the role (Service, RAM or Federated)' });
    } else {
      stmt.Principal = readPrincipal(value.Principal, joinPath(path, 'Principal'), problems);
    }
  }
  if (value.Condition !== undefined) stmt.Condition = readCondition(value.Condition, joinPath(path, 'Condition'), problems);
  return problems.length === before ? stmt : undefined;
}
