/** A short, readable summary of how one policy document differs from another (for plans and logs). */
import type { PolicyDocument } from '../model';
import { normalizePolicyDocument, statementKeys } from './normalize';

function effectActions(doc: PolicyDocument, field: 'Action' | 'Resource'): Set<string> {
  const out = new Set<string>();
  for (const stmt of normalizePolicyDocument(doc).Statement) {
    for (const value of stmt[field] ?? []) out.add(`${stmt.Effect === 'Deny' ? 'deny ' : ''}${value}`);
  }
  return out;
}

function minus(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

/**
 * E.g. `+oss:PutObject, -oss:GetObject; resources +acs:oss:*:*:b/*`; `statements changed` when only
 * other parts (NotAction, conditions, principals, grouping) differ; '' when equal by meaning.
 */
export function summarizeDocumentChange(before: PolicyDocument | undefined, after: PolicyDocument): string {
  if (!before) return 'current document unreadable; replaced';
  const parts: string[] = [];
  for (const [field, label] of [['Action', ''], ['Resource', 'resources ']] as const) {
    const was = effectActions(before, field);
    const now = effectActions(after, field);
    const changes = [...minus(now, was).map((x) => `+${x}`), ...minus(was, now).map((x) => `-${x}`)];
    if (changes.length > 0) parts.push(`${label}${changes.join(', ')}`);
  }
  if (parts.length > 0) return parts.join('; ');
  const a = statementKeys(before);
  const b = statementKeys(after);
  const same = a.length === b.length && a.every((k, i) => k === b[i]);
  return same ? '' : 'statements changed';
}

/** E.g. `Allow oss:PutObject on acs:oss:*:*:b/*` for each statement, joined. */
export function describeDocument(doc: PolicyDocument): string {
  return normalizePolicyDocument(doc)
    .Statement.map((s) => {
      const actions = s.Action ? s.Action.join(', ') : `all but ${(s.NotAction ?? []).join(', ')}`;
      const where = s.Resource ? s.Resource.join(', ') : s.NotResource ? `all but ${s.NotResource.join(', ')}` : '';
      const who = s.Principal ? Object.values(s.Principal).flat().join(', ') : '';
      return `${s.Effect} ${actions}${where ? ` on ${where}` : ''}${who ? ` for ${who}` : ''}${s.Condition ? ' (with conditions)' : ''}`;
    })
    .join('; ');
}
