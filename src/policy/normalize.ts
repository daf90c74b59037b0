/**
 * Policy documents as values: one normal form, a stable serialization and comparison by meaning
 * (Terraform's "equivalent JSON" idea, CDK's sets of actions and resources).
 */
import type { PolicyDocument, PolicyStatement } from '../model';

/** Plain code-unit order, independent of the machine's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareText);
}

/** Service, RAM, Federated first (the order RAM documents use), any other key after them by name. */
const PRINCIPAL_ORDER = ['Service', 'RAM', 'Federated'];

function principalRank(key: string): number {
  const i = PRINCIPAL_ORDER.indexOf(key);
  return i === -1 ? PRINCIPAL_ORDER.length : i;
}

function normalizePrincipal(principal: Record<string, string[]>): Record<string, string[]> {
  const keys = Object.keys(principal).sort((a, b) => principalRank(a) - principalRank(b) || compareText(a, b));
  const out: Record<string, string[]> = {};
  for (const key of keys) out[key] = sortedUnique(principal[key]);
  return out;
}

function normalizeCondition(condition: NonNullable<PolicyStatement['Condition']>): NonNullable<PolicyStatement['Condition']> {
  const out: NonNullable<PolicyStatement['Condition']> = {};
  for (const operator of Object.keys(condition).sort(compareText)) {
    const entries: Record<string, string[]> = {};
    for (const key of Object.keys(condition[operator]).sort(compareText)) {
      const raw: unknown = condition[operator][key];
      entries[key] = sortedUnique((Array.isArray(raw) ? raw : [raw]).map(String));
    }
    out[operator] = entries;
  }
  return out;
}

/** Fixed key order: Effect, Action, NotAction, Resource, NotResource, Principal, Condition. */
export function normalizeStatement(stmt: PolicyStatement): PolicyStatement {
  const out: PolicyStatement = { Effect: stmt.Effect };
  const asList = (v: string[] | string): string[] => (typeof v === 'string' ? [v] : v);
  if (stmt.Action) out.Action = sortedUnique(asList(stmt.Action));
  if (stmt.NotAction) out.NotAction = sortedUnique(asList(stmt.NotAction));
  if (stmt.Resource) out.Resource = sortedUnique(asList(stmt.Resource));
  if (stmt.NotResource) out.NotResource = sortedUnique(asList(stmt.NotResource));
  if (stmt.Principal) out.Principal = normalizePrincipal(stmt.Principal);
  if (stmt.Condition) out.Condition = normalizeCondition(stmt.Condition);
  return out;
}

/** Lists become sorted de-duplicated arrays; keys come in a fixed order. Statement order is kept. */
export function normalizePolicyDocument(doc: PolicyDocument): PolicyDocument {
  return { Version: String(doc.Version), Statement: doc.Statement.map(normalizeStatement) };
}

/** Compact, stable JSON that RAM accepts (the normal form, so equal documents serialize equally). */
export function serializePolicyDocument(doc: PolicyDocument): string {
  return JSON.stringify(normalizePolicyDocument(doc));
}

/** The statements of a document as a set of canonical strings. */
export function statementKeys(doc: PolicyDocument): string[] {
  return sortedUnique(doc.Statement.map((s) => JSON.stringify(normalizeStatement(s))));
}

/** Equal by meaning: same Version and the same set of normalized statements. */
export function policyDocumentsEqual(a: PolicyDocument, b: PolicyDocument): boolean {
  // Choice: statement order and repeated identical statements do not matter (RAM evaluates statements as a set).
  if (String(a.Version) !== String(b.Version)) return false;
  const ka = statementKeys(a);
  const kb = statementKeys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}
