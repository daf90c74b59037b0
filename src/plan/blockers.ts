/** What makes a deploy impossible before any write: missing functions and unknown policies. */
import { Fc3RoleError } from '../errors';
import type { DesiredState, ObservedState } from '../model';
import { scopeLabel } from './identity';
import { findObservedPolicy, findSystemPolicyName, managedPolicies } from './policies';

export interface Blocker {
  /** What it is about, e.g. `function cn-hangzhou/my-function`. */
  subject: string;
  message: string;
  /** What to do about it. */
  hint: string;
}

export function findDeployBlockers(desired: DesiredState, observed: ObservedState): Blocker[] {
  const blockers: Blocker[] = [];
  for (const fn of desired.functions) {
    if (!observed.functions.some((f) => f.name === fn.name && f.region === fn.region)) {
      blockers.push({
        subject: `function ${fn.region}/${fn.name}`,
        message: `function ${fn.name} does not exist in region ${fn.region}`,
        hint: 'deploy the function first (e.g. with the fc3 component), or fix its name or region in props.functions',
      });
    }
  }
  const managed = new Set(managedPolicies(desired).map((p) => p.name.toLowerCase()));
  for (const policy of desired.policies) {
    if (policy.type === 'System' && findSystemPolicyName(observed, policy.name) === undefined) {
      blockers.push({
        subject: `policy ${policy.name}`,
        message: `system policy ${policy.name} (${scopeLabel(policy.scope)}) is unknown to RAM`,
        hint: 'check the name in the RAM console (system policies start with Aliyun), or add statements to define a custom policy',
      });
    }
    if (policy.type === 'Custom' && !policy.document && !managed.has(policy.name.toLowerCase()) && !findObservedPolicy(observed, policy.name)) {
      blockers.push({
        subject: `policy ${policy.name}`,
        message: `custom policy ${policy.name} (type: Custom, no statements) does not exist`,
        hint: 'create it first, or give it statements so fc3-role creates it',
      });
    }
  }
  // Choice: a declared custom policy with statements that exists but was not created by fc3-role is not taken over.
  for (const policy of managedPolicies(desired)) {
    const current = findObservedPolicy(observed, policy.name);
    if (current && !current.createdByUs) {
      blockers.push({
        subject: `policy ${policy.name}`,
        message: `custom policy ${current.name} already exists and was not created by fc3-role, so fc3-role will not version it`,
        hint: `rename the policy in s.yaml, or attach the existing one with { name: ${current.name}, type: Custom } and no statements`,
      });
    }
  }
  return blockers;
}

export function formatBlocker(b: Blocker): string {
  return `${b.subject}: ${b.message}. Hint: ${b.hint}`;
}

/** Fc3RoleError `DeployBlocked` listing every blocker, one per line. */
export function blockersError(action: string, roleName: string, blockers: readonly string[]): Fc3RoleError {
  return new Fc3RoleError('DeployBlocked', `${action} for role ${roleName} cannot start:\n${blockers.join('\n')}`, {
    hint: 'Nothing was changed. Resolve the items above and run the command again.',
  });
}
