/**
 * Observing the role: RAM's view (the role, its tags, its account-scope attachments), its grants in
 * resource groups (Resource Manager), and the ownership marks matched against both. Read-only.
 */
import type { DesiredPolicy, ObservedAttachment, ObservedRole, ObservedState, Scope } from '../model';
import { parsePolicyDocument } from '../policy';
import type { CloudContext } from '../cloud/clients';
import { attachmentTagKey, parseAttachmentMarks } from '../cloud/ownership';
import { undefinedOn } from '../cloud/call';
import { findRole, getAccountAlias, listPoliciesForRole, ROLE_NOT_FOUND } from '../cloud/ram-role';
import { listTags } from '../cloud/ram-tags';
import { listPolicyAttachments, rolePrincipalName } from '../cloud/rm';

export interface RoleObservation {
  role: ObservedRole;
  attachments: ObservedAttachment[];
  staleMarks: NonNullable<ObservedState['ownershipMarksWithoutAttachment']>;
  /** Names of the custom policies our marks record (present or stale), de-duplicated ignoring case. */
  markedCustomPolicies: string[];
}

/** Sets the role's part of `observed` (role, attachments, stale marks) from a read of it; undefined: no role. */
export function setRoleObservation(observed: ObservedState, roleState: RoleObservation | undefined): void {
  observed.attachments = roleState?.attachments ?? [];
  delete observed.role;
  delete observed.ownershipMarksWithoutAttachment;
  if (!roleState) return;
  observed.role = roleState.role;
  if (roleState.staleMarks.length > 0) observed.ownershipMarksWithoutAttachment = roleState.staleMarks;
}

export interface RoleReadOptions {
  /** Read the role's grants in every resource group even when neither s.yaml nor the marks name one (remove, info). */
  allGrants: boolean;
}

/** Resource groups named in s.yaml plus those recorded in our marks, de-duplicated. */
export function resourceGroupsToRead(policies: readonly DesiredPolicy[], markedScopes: readonly Scope[]): string[] {
  const ids = new Set<string>();
  for (const scope of [...policies.map((p) => p.scope), ...markedScopes]) {
    if (scope.kind === 'resourceGroup') ids.add(scope.resourceGroupId);
  }
  return [...ids].sort();
}

/**
 * The role's resource-group grants: ONE Resource Manager listing by principal, without ResourceGroupId,
 * so that a group that does not exist (a typo, a deleted group named by a mark) never fails the read.
 * Account-scope grants (ResourceGroupId = the account id) are RAM's, read by ListPoliciesForRole.
 */
async function readGroupGrants(ctx: CloudContext, roleName: string): Promise<Array<Omit<ObservedAttachment, 'attachedByUs'>>> {
  const principal = rolePrincipalName(roleName, await getAccountAlias(ctx));
  const grants = await listPolicyAttachments(ctx, principal);
  return grants
    .filter((a) => a.resourceGroupId !== '' && a.resourceGroupId !== ctx.accountId)
    .map((a) => ({ type: a.policyType, name: a.policyName, scope: { kind: 'resourceGroup', resourceGroupId: a.resourceGroupId } }));
}

export async function observeRole(ctx: CloudContext, policies: readonly DesiredPolicy[], name: string, opts: RoleReadOptions): Promise<RoleObservation | undefined> {
  const ram = await findRole(ctx, name);
  if (!ram) return undefined;
  const [tags, accountAttachments] = await Promise.all([
    listTags(ctx, 'role', ram.name),
    // Deleted between the two reads (another run's remove): absent.
    listPoliciesForRole(ctx, ram.name).catch(undefinedOn(ROLE_NOT_FOUND)),
  ]);
  if (!accountAttachments) return undefined;
  const role: ObservedRole = {
    name: ram.name,
    arn: ram.arn,
    roleId: ram.roleId,
    description: ram.description,
    trustPolicy: parsePolicyDocument(ram.trustPolicyText, { kind: 'trust' }).document,
    maxSessionDuration: ram.maxSessionDuration,
    tags,
  };
  const marks = parseAttachmentMarks(tags);
  const found: Array<Omit<ObservedAttachment, 'attachedByUs'>> = accountAttachments.map((a) => ({
    type: a.policyType,
    name: a.policyName,
    scope: { kind: 'account' },
  }));
  if (opts.allGrants || resourceGroupsToRead(policies, marks.map((m) => m.scope)).length > 0) found.push(...(await readGroupGrants(ctx, ram.name)));
  const attachments = found.map((a) => ({
    ...a,
    attachedByUs: attachmentTagKey({ policyType: a.type, policyName: a.name, scope: a.scope }) in tags,
  }));
  const presentKeys = new Set(attachments.map((a) => attachmentTagKey({ policyType: a.type, policyName: a.name, scope: a.scope })));
  // A mark whose value was cut (older versions cut values at 128 characters) no longer decodes to its key: it cannot be forgotten by name, so it is not reported.
  const staleMarks = marks
    .filter((m) => !presentKeys.has(m.tagKey) && attachmentTagKey(m) === m.tagKey)
    .map((m) => ({ policyType: m.policyType, policyName: m.policyName, scope: m.scope }));
  const markedCustomPolicies = [
    ...new Map(
      marks.filter((m) => m.policyType === 'Custom' && attachmentTagKey(m) === m.tagKey).map((m) => [m.policyName.toLowerCase(), m.policyName]),
    ).values(),
  ].sort();
  return { role, attachments, staleMarks, markedCustomPolicies };
}
