/** planDeploy: the pure difference between s.yaml and the cloud, as an ordered list of changes. */
import type { Change, DesiredState, ObservedState } from '../model';
import { policyDocumentsEqual } from '../policy';
import { arnsEqual, roleArnFor } from './identity';
import { planFunctionRecord } from './function-record';
import { marksOfMissingGroupsNotes, planAttachments, planPolicyDocuments, retainedPolicies } from './policies';

function planRole(desired: DesiredState, observed: ObservedState): Change[] {
  const role = observed.role;
  if (!role) return [{ kind: 'createRole', role: desired.role }];
  const update: Extract<Change, { kind: 'updateRole' }> = { kind: 'updateRole', roleName: role.name };
  if (!role.trustPolicy || !policyDocumentsEqual(role.trustPolicy, desired.role.trustPolicy)) update.trustPolicy = desired.role.trustPolicy;
  // Undeclared description / maxSessionDuration are not managed: the role keeps its own. RAM's
  // NewDescription is 1 to 1,024 characters, so an empty description is never sent (it cannot clear one).
  const { description, maxSessionDuration } = desired.role;
  if (description && role.description !== description) update.description = description;
  if (maxSessionDuration !== undefined && role.maxSessionDuration !== maxSessionDuration) update.maxSessionDuration = maxSessionDuration;
  const differs = update.trustPolicy !== undefined || update.description !== undefined || update.maxSessionDuration !== undefined;
  return differs ? [update] : [];
}

/** The role's ARN: as RAM returns it, or as RAM will make it for a new role. */
export function targetRoleArn(desired: DesiredState, observed: ObservedState): string {
  return observed.role?.arn ?? roleArnFor(observed.accountId, desired.role.name);
}

function planFunctionRoles(desired: DesiredState, observed: ObservedState): Change[] {
  const arn = targetRoleArn(desired, observed);
  const changes: Change[] = [];
  for (const fn of desired.functions) {
    // Missing functions are blockers (findDeployBlockers), not changes.
    const current = observed.functions.find((f) => f.name === fn.name && f.region === fn.region);
    if (current && !arnsEqual(current.role, arn)) {
      changes.push({ kind: 'setFunctionRole', functionName: fn.name, region: fn.region, from: current.role, to: arn });
    }
  }
  return changes;
}

/**
 * Order: role, service-linked role, policy documents and descriptions, detach, forget marks, attach, function roles,
 * the record of the functions (last: written once their roles are set).
 * Equal by meaning = no change, so a second deploy without edits plans nothing.
 */
export function planDeploy(desired: DesiredState, observed: ObservedState): Change[] {
  // Choice: an unknown service-linked-role state (not read) plans its creation; apply treats "exists" as done.
  const slr: Change[] = desired.serviceLinkedRole && observed.serviceLinkedRoleExists !== true ? [{ kind: 'createServiceLinkedRole' }] : [];
  const changes = [
    ...planRole(desired, observed),
    ...slr,
    ...planPolicyDocuments(desired, observed),
    ...planAttachments(desired, observed),
    ...planFunctionRoles(desired, observed),
  ];
  return [...changes, ...planFunctionRecord(desired, observed, changes)];
}

/** What deploy deliberately leaves in place (plan and deploy print these): custom policies it created that s.yaml dropped. */
export function planDeployNotes(desired: DesiredState, observed: ObservedState): string[] {
  return [
    ...retainedPolicies(desired, observed).map(
      (p) => `Custom policy ${p.name} was created by fc3-role and is no longer declared: deploy leaves it detached but does not delete it; \`s remove\` deletes it.`,
    ),
    ...marksOfMissingGroupsNotes(observed),
  ];
}
