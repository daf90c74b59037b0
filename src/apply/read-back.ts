/**
 * Deploy's read-back: after apply, re-read only what the applied changes touched, so that what deploy
 * reports is what the cloud holds, without reading the rest twice. Nothing applied: nothing is read.
 * Read-only.
 */
import type { Change, DesiredState, ObservedFunction, ObservedState } from '../model';
import type { CloudContext } from '../cloud/clients';
import { mapWithConcurrency } from '../cloud/concurrency';
import { findFunction } from '../cloud/fc';
import { serviceLinkedRoleExists } from '../cloud/rm';
import { observeCustomPolicies, READ_CONCURRENCY } from './observe';
import { observeRole, setRoleObservation } from './observe-role';

/** Changes that write only a custom policy (its versions or description), never the role or its tags. */
const POLICY_ONLY = ['createPolicy', 'createPolicyVersion', 'updatePolicyDescription', 'deletePolicy'] as const;
type PolicyOnlyChange = Extract<Change, { kind: (typeof POLICY_ONLY)[number] }>;
const isPolicyOnly = (c: Change): c is PolicyOnlyChange => (POLICY_ONLY as readonly string[]).includes(c.kind);

/** What `changes` touched: the role (its fields, tags or grants), custom policies by name, functions. */
export interface TouchedByChanges {
  role: boolean;
  customPolicies: string[];
  functions: Array<{ region: string; name: string }>;
  serviceLinkedRole: boolean;
}

/** Pure: what to re-read after `changes` were applied. */
export function touchedByChanges(changes: readonly Change[]): TouchedByChanges {
  const policies = new Set<string>();
  const functions: TouchedByChanges['functions'] = [];
  let role = false;
  let serviceLinkedRole = false;
  for (const c of changes) {
    if (isPolicyOnly(c)) policies.add(c.name);
    else if (c.kind === 'setFunctionRole') functions.push({ region: c.region, name: c.functionName });
    else if (c.kind === 'createServiceLinkedRole') serviceLinkedRole = true;
    else role = true;
  }
  return { role, customPolicies: [...policies], functions, serviceLinkedRole };
}

/**
 * `before` with what `changes` touched read again from the cloud. The role is read with the same options as
 * deploy's observe (its grants in the resource groups s.yaml or the marks name).
 */
export async function readBack(ctx: CloudContext, desired: DesiredState, before: ObservedState, changes: readonly Change[]): Promise<ObservedState> {
  if (changes.length === 0) return before;
  const touched = touchedByChanges(changes);
  const [roleState, policies, functions, slr] = await Promise.all([
    touched.role ? observeRole(ctx, desired.policies, desired.role.name, { allGrants: false }) : Promise.resolve(null),
    observeCustomPolicies(ctx, touched.customPolicies),
    mapWithConcurrency(touched.functions, READ_CONCURRENCY, (f) => findFunction(ctx, f.region, f.name)),
    touched.serviceLinkedRole ? serviceLinkedRoleExists(ctx) : Promise.resolve(undefined),
  ]);
  const after: ObservedState = { ...before, customPolicies: { ...before.customPolicies }, functions: [...before.functions] };
  // Read again: absent now means absent (e.g. another run's remove).
  if (roleState !== null) setRoleObservation(after, roleState);
  for (const name of touched.customPolicies) {
    if (policies[name]) after.customPolicies[name] = policies[name];
    else delete after.customPolicies[name];
  }
  touched.functions.forEach((key, i) => {
    // In place: the order stays observe's (s.yaml's).
    const at = after.functions.findIndex((f: ObservedFunction) => f.name === key.name && f.region === key.region);
    const found = functions[i];
    const fresh = found ? [{ name: found.name, region: found.region, role: found.role }] : [];
    if (at >= 0) after.functions.splice(at, 1, ...fresh);
    else after.functions.push(...fresh);
  });
  if (slr !== undefined) after.serviceLinkedRoleExists = slr;
  return after;
}
