/** What makes a deploy impossible before any write: missing functions, unknown policies, too many role tags. */
import { Fc3RoleError } from '../errors';
import type { Change, DesiredState, ObservedState } from '../model';
import { planDeploy } from './deploy';
import { scopeLabel } from './identity';
import { findObservedPolicy, findSystemPolicyName, managedPolicies } from './policies';
import { countRoleTagsAfter, MAX_ROLE_TAGS } from './tag-count';

export { countRoleTagsAfter, MAX_ROLE_TAGS, type RoleTagCount } from './tag-count';

function tagLimitBlocker(desired: DesiredState, observed: ObservedState): Blocker | undefined {
  const count = countRoleTagsAfter(observed, planDeploy(desired, observed));
  if (count.after <= MAX_ROLE_TAGS || count.added === 0) return undefined;
  return {
    subject: `role ${desired.role.name}`,
    message:
      `the role would carry ${count.after} tags after this deploy, and RAM allows ${MAX_ROLE_TAGS} ` +
      `(${count.existing} now, +${count.added} ownership marks for new attachments, -${count.removed} for detached ones` +
      `${count.kept > 0 ? `; ${count.kept} marks stay for custom policies fc3-role created that s.yaml no longer declares, so that \`s remove\` can delete them` : ''})`,
    hint:
      'fc3-role records each attachment it makes as a tag on the role: declare fewer policies, remove tags you added to the role yourself, ' +
      'or delete the custom policies fc3-role created that s.yaml no longer declares (their marks are then dropped)',
  };
}

export interface Blocker {
  /** What it is about, e.g. `function cn-hangzhou/my-function`. */
  subject: string;
  message: string;
  /** What to do about it. */
  hint: string;
}

/** A better hint for an unknown system policy, by lower-cased name (see src/apply/policy-hints.ts). */
export type PolicyNameHints = Readonly<Record<string, { guess: string; hint: string }>>;

export function findDeployBlockers(desired: DesiredState, observed: ObservedState, policyHints: PolicyNameHints = {}): Blocker[] {
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
  const missingGroups = new Set(observed.missingResourceGroups ?? []);
  const reported = new Set<string>();
  for (const policy of desired.policies) {
    if (policy.scope.kind !== 'resourceGroup' || !missingGroups.has(policy.scope.resourceGroupId) || reported.has(policy.scope.resourceGroupId)) continue;
    reported.add(policy.scope.resourceGroupId);
    blockers.push({
      subject: `resource group ${policy.scope.resourceGroupId}`,
      message: `resource group ${policy.scope.resourceGroupId} (policy ${policy.name}) does not exist in this account`,
      hint: 'check the id in the Resource Manager console (ids look like rg-acfmxyz123), or drop resourceGroupId to attach at account scope',
    });
  }
  const managed = new Set(managedPolicies(desired).map((p) => p.name.toLowerCase()));
  for (const policy of desired.policies) {
    if (policy.type === 'System' && findSystemPolicyName(observed, policy.name) === undefined) {
      const better = policyHints[policy.name.toLowerCase()];
      blockers.push({
        subject: `policy ${policy.name}`,
        message: `system policy ${policy.name} (${scopeLabel(policy.scope)}) is unknown to RAM${better?.guess ?? ''}`,
        hint: better?.hint ?? 'check the name in the RAM console (system policies start with Aliyun), or add statements to define a custom policy',
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
  const tags = tagLimitBlocker(desired, observed);
  if (tags) blockers.push(tags);
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
