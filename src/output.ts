/**
 * The outputs of deploy, plan and info. All three return the role's identity (`roleName`, `arn`,
 * `accountId`) at the top, so that `${resources.<name>.output.arn}` resolves in other resources whichever
 * command runs; deploy and info add the role's state as it exists, plan its `current` and `planned` state.
 */
import { DEFAULT_MAX_SESSION_DURATION, type DesiredState, type ObservedState, type PolicyDocument } from './model';
import { arnsEqual, desiredKey, observedKey, roleArnFor, scopeId } from './plan/identity';

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

/** The role's identity: what deploy, plan and info all return (so `${resources.<name>.output.arn}` resolves). */
export interface RoleIdentity {
  roleName: string;
  arn: string;
  accountId: string;
}

/** The role's state: what exists (info, deploy), or what deploy would leave (plan's `planned`). */
export interface RoleState {
  /** Whether the role exists. */
  exists: boolean;
  /** Who may assume the role (its trust policy); absent while the role does not exist. */
  trustPolicy?: PolicyDocument;
  /** Longest session, in seconds, of the role's temporary credentials; absent while the role does not exist. */
  maxSessionDuration?: number;
  policies: PolicyOutput[];
  functions: FunctionOutput[];
}

export type RoleOutput = RoleIdentity & RoleState;

/** The role's identity in every output: as the cloud has it, else as deploy will create it. */
export function roleIdentity(desired: DesiredState, observed: ObservedState): RoleIdentity {
  return {
    roleName: observed.role?.name ?? desired.role.name,
    arn: observed.role?.arn ?? roleArnFor(observed.accountId, desired.role.name),
    accountId: observed.accountId,
  };
}

/** What exists, as read from the cloud (deploy's read-back and info). */
export function outputFromObserved(desired: DesiredState, observed: ObservedState): RoleOutput {
  const identity = roleIdentity(desired, observed);
  const role = observed.role;
  return {
    ...identity,
    exists: role !== undefined,
    ...(role?.trustPolicy ? { trustPolicy: role.trustPolicy } : {}),
    ...(role ? { maxSessionDuration: role.maxSessionDuration } : {}),
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

/** What deploy would leave (plan's `planned`): the role as declared, the declared policies, the functions using the role. */
export function plannedState(desired: DesiredState, observed: ObservedState): RoleState {
  const arn = roleIdentity(desired, observed).arn;
  return {
    exists: true,
    trustPolicy: desired.role.trustPolicy,
    maxSessionDuration: desired.role.maxSessionDuration ?? observed.role?.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
    // Choice: planned policies carry no version (a custom policy deploy creates or versions has none yet); `managed` is false where someone else's attachment stays.
    policies: desired.policies.map((p) => ({
      type: p.type,
      name: p.type === 'System' ? observed.systemPolicies[p.name.toLowerCase()] ?? p.name : p.name,
      scope: scopeId(p.scope),
      managed: observed.attachments.find((a) => observedKey(a) === desiredKey(p))?.attachedByUs ?? true,
    })),
    functions: desired.functions.map((f) => ({
      name: f.name,
      region: f.region,
      exists: observed.functions.some((o) => o.name === f.name && o.region === f.region),
      role: arn,
      usesRole: true,
    })),
  };
}
