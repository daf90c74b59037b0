/**
 * The one line deploy ends with: what changed, per kind (role, service-linked role, custom policies,
 * policy attachments, functions), counted as added / changed / removed / unchanged. Pure.
 */
import type { Change, DesiredState, ObservedState } from '../model';
import { desiredKey } from './identity';
import { managedPolicies } from './policies';

export interface KindCount {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface DeploySummary {
  role: KindCount;
  serviceLinkedRole: KindCount;
  customPolicies: KindCount;
  attachments: KindCount;
  functions: KindCount;
}

const zero = (): KindCount => ({ added: 0, changed: 0, removed: 0, unchanged: 0 });

/** Counts what `changes` (the plan deploy applied) did to what s.yaml declares. */
export function summarizeDeploy(desired: DesiredState, observed: ObservedState, changes: readonly Change[]): DeploySummary {
  const summary: DeploySummary = { role: zero(), serviceLinkedRole: zero(), customPolicies: zero(), attachments: zero(), functions: zero() };
  const changedPolicies = new Set<string>();
  const changedFunctions = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'createRole') summary.role.added++;
    else if (c.kind === 'updateRole') summary.role.changed++;
    else if (c.kind === 'createServiceLinkedRole') summary.serviceLinkedRole.added++;
    else if (c.kind === 'createPolicy') {
      summary.customPolicies.added++;
      changedPolicies.add(c.name.toLowerCase());
    } else if ((c.kind === 'createPolicyVersion' || c.kind === 'updatePolicyDescription') && !changedPolicies.has(c.name.toLowerCase())) {
      summary.customPolicies.changed++;
      changedPolicies.add(c.name.toLowerCase());
    } else if (c.kind === 'attachPolicy') summary.attachments.added++;
    else if (c.kind === 'detachPolicy') summary.attachments.removed++;
    else if (c.kind === 'setFunctionRole') {
      summary.functions.changed++;
      changedFunctions.add(`${c.region}/${c.functionName}`);
    }
  }
  if (observed.role && summary.role.changed === 0) summary.role.unchanged = 1;
  if (desired.serviceLinkedRole && summary.serviceLinkedRole.added === 0) summary.serviceLinkedRole.unchanged = 1;
  summary.customPolicies.unchanged = managedPolicies(desired).filter((p) => !changedPolicies.has(p.name.toLowerCase())).length;
  const declaredAttachments = new Set(desired.policies.map(desiredKey)).size;
  summary.attachments.unchanged = Math.max(0, declaredAttachments - summary.attachments.added);
  summary.functions.unchanged = desired.functions.filter((f) => !changedFunctions.has(`${f.region}/${f.name}`)).length;
  return summary;
}

const KIND_LABELS: ReadonlyArray<[keyof DeploySummary, string]> = [
  ['role', 'role'],
  ['serviceLinkedRole', 'service-linked role'],
  ['customPolicies', 'custom policies'],
  ['attachments', 'policy attachments'],
  ['functions', 'functions'],
];

/** `Deploy summary: role: 1 added; policy attachments: 1 added; functions: 1 changed.` (kinds with nothing to count are left out). */
export function formatDeploySummary(summary: DeploySummary): string {
  const parts: string[] = [];
  let changed = false;
  for (const [kind, label] of KIND_LABELS) {
    const count = summary[kind];
    const counts = (['added', 'changed', 'removed', 'unchanged'] as const).filter((k) => count[k] > 0).map((k) => `${count[k]} ${k}`);
    if (counts.length > 0) parts.push(`${label}: ${counts.join(', ')}`);
    if (count.added + count.changed + count.removed > 0) changed = true;
  }
  return `Deploy summary${changed ? '' : ' (nothing changed)'}: ${parts.length > 0 ? parts.join('; ') : 'nothing declared'}.`;
}
