/**
 * The least-privilege suggestion: a custom policy granting exactly the expectations, as s.yaml text to paste
 * under `policies`. Actions that need the same resources share a statement.
 */
import type { PolicyStatement } from '../model';

export interface Need {
  action: string;
  resource: string;
}

/** Statements granting exactly `needs`: one per distinct set of resources, actions and resources sorted. */
export function statementsFor(needs: readonly Need[]): PolicyStatement[] {
  const resourcesByAction = new Map<string, Set<string>>();
  for (const n of needs) {
    const set = resourcesByAction.get(n.action) ?? new Set<string>();
    set.add(n.resource);
    resourcesByAction.set(n.action, set);
  }
  const actionsByResources = new Map<string, string[]>();
  for (const [action, resources] of resourcesByAction) {
    const key = JSON.stringify([...resources].sort());
    actionsByResources.set(key, [...(actionsByResources.get(key) ?? []), action]);
  }
  return [...actionsByResources.entries()]
    .map(([key, actions]) => ({ Effect: 'Allow' as const, Action: actions.sort(), Resource: JSON.parse(key) as string[] }))
    .sort((a, b) => a.Action[0].localeCompare(b.Action[0], 'en'));
}

/** A policy name from the role name: RAM allows letters, digits and hyphens (1-128). */
export function suggestedPolicyName(roleName: string): string {
  const base = roleName.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'fc3-role';
  const name = `${/^aliyun/i.test(base) ? `x-${base}` : base}-needs`;
  return name.slice(0, 128);
}

const list = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

/** The policy as s.yaml lines (flow lists of JSON strings: valid YAML whatever the characters). */
export function renderPolicyYaml(name: string, statements: readonly PolicyStatement[]): string[] {
  const lines = ['policies:', `  - name: ${name}`, '    statements:'];
  for (const s of statements) {
    lines.push(`      - Effect: ${s.Effect}`, `        Action: ${list(s.Action ?? [])}`, `        Resource: ${list(s.Resource ?? [])}`);
  }
  return lines;
}
