/**
 * Pure RAM policy evaluation: given the documents that apply to a caller and one request
 * (action, resource, context), decide Allow, ExplicitDeny or ImplicitDeny.
 *
 * Rules:
 * - an explicit Deny anywhere beats any Allow; no matching Allow is an implicit deny;
 * - Action/NotAction and Resource/NotResource are a string or an array of strings;
 * - wildcards `*` (any run) and `?` (one character);
 * - Condition: emulator/iam/conditions.ts (the documented operators; all must hold).
 * Documents that do not parse are ignored (they can only come from seeds; RAM validates the rest).
 */

import { conditionsHold, type RequestContext } from './conditions';

export { conditionsHold, type RequestContext } from './conditions';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface AuthRequest {
  /** e.g. `ram:CreateRole` */
  action: string;
  /** e.g. `acs:ram:*:1234567890123456:role/my-role` */
  resource: string;
  context?: RequestContext;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string or an array of strings as a list; anything else as an empty list. */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** `*` matches any run of characters, `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** The statements of a document, or [] when it does not parse. */
export function statementsOf(documentJson: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(documentJson);
  } catch {
    return [];
  }
  if (!isRecord(parsed)) return [];
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  return statements.filter(isRecord);
}

// Choice: action names match case-insensitively (service prefix and operation); resources match case-sensitively.
export function actionMatches(statement: Record<string, unknown>, action: string): boolean {
  if (statement.Action !== undefined) {
    return stringList(statement.Action).some((p) => wildcardMatch(p, action, true));
  }
  if (statement.NotAction !== undefined) {
    return !stringList(statement.NotAction).some((p) => wildcardMatch(p, action, true));
  }
  return false;
}

function resourceMatches(statement: Record<string, unknown>, resource: string): boolean {
  if (statement.Resource !== undefined) {
    return stringList(statement.Resource).some((p) => wildcardMatch(p, resource, false));
  }
  if (statement.NotResource !== undefined) {
    return !stringList(statement.NotResource).some((p) => wildcardMatch(p, resource, false));
  }
  return false;
}

export function evaluate(documents: string[], request: AuthRequest): Decision {
  const context = request.context ?? {};
  let allowed = false;
  for (const document of documents) {
    for (const statement of statementsOf(document)) {
      if (!actionMatches(statement, request.action)) continue;
      if (!resourceMatches(statement, request.resource)) continue;
      if (!conditionsHold(statement.Condition, context)) continue;
      if (statement.Effect === 'Deny') return 'ExplicitDeny';
      if (statement.Effect === 'Allow') allowed = true;
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}
