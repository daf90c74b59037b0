/**
 * The output every command returns. `deploy`, `plan` and `info` return the same keys, so that
 * `${resources.<name>.output.arn}` resolves in other resources whichever command runs.
 */
import type { DesiredState, ObservedState } from './model';
import { arnsEqual, roleArnFor, scopeId } from './plan/identity';

export interface PolicyOutput {
  type: 'System' | 'Custom';
  name: string;
  /** 'account', or the resource group id. */
  scope: string;
  /** Custom policies: the default version (e.g. v2). */
  version?: string;
  /** False for an attachment someone else made (shown by info). */
  managed: boolean;
}

export interface FunctionOutput {
  name: string;
  region: string;
  /** Whether the declared function exists (info lists missing ones with false). */
  exists: boolean;
  /** The function's current role ARN ('' for none, or when it does not exist). */
  role: string;
  usesRole: boolean;
}

export interface RoleOutput {
  roleName: string;
  arn: string;
  accountId: string;
  /** Whether the role exists now (false in a plan before the first deploy). */
  exists: boolean;
  policies: PolicyOutput[];
  functions: FunctionOutput[];
}

/** The role's identity in every output: as the cloud has it, else as deploy will create it. */
function roleIdentity(desired: DesiredState, observed: ObservedState): Pick<RoleOutput, 'roleName' | 'arn' | 'accountId' | 'exists'> {
  return {
    roleName: observed.role?.name ?? desired.role.name,
    arn: observed.role?.arn ?? roleArnFor(observed.accountId, desired.role.name),
    accountId: observed.accountId,
    exists: observed.role !== undefined,
  };
}

/** What exists, as read from the cloud (deploy's read-back and info). */
export function outputFromObserved(desired: DesiredState, observed: ObservedState): RoleOutput {
  const identity = roleIdentity(desired, observed);
  return {
    ...identity,
    policies: observed.attachments.map((a) => ({
      type: a.type,
      name: a.name,
      scope: scopeId(a.scope),
      version: a.type === 'Custom' ? observed.customPolicies[a.name]?.defaultVersion : undefined,
      managed: a.attachedByUs,
    })),
    // Choice: info (and deploy's read-back) list every declared function in s.yaml order; a missing one has exists: false, role '' and usesRole: false.
    functions: desired.functions.map((d) => {
      const f = observed.functions.find((o) => o.name === d.name && o.region === d.region);
      if (!f) return { name: d.name, region: d.region, exists: false, role: '', usesRole: false };
      return { name: f.name, region: f.region, exists: true, role: f.role, usesRole: f.role !== '' && arnsEqual(f.role, identity.arn) };
    }),
  };
}

/** What deploy would leave (plan): the declared policies and, for functions, their role after deploy. */
export function outputFromPlan(desired: DesiredState, observed: ObservedState): RoleOutput {
  const identity = roleIdentity(desired, observed);
  return {
    ...identity,
    policies: desired.policies.map((p) => ({
      type: p.type,
      name: p.type === 'System' ? observed.systemPolicies[p.name.toLowerCase()] ?? p.name : p.name,
      scope: scopeId(p.scope),
      version: p.type === 'Custom' ? observed.customPolicies[p.name]?.defaultVersion : undefined,
      managed: true,
    })),
    functions: desired.functions.map((f) => ({
      name: f.name,
      region: f.region,
      exists: observed.functions.some((o) => o.name === f.name && o.region === f.region),
      role: identity.arn,
      usesRole: true,
    })),
  };
}
