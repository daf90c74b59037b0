/**
 * Account-scope grants are ONE grant on the cloud, whichever API made it: Resource Manager AttachPolicy
 * with ResourceGroupId = the account id and RAM AttachPolicyToRole/ToUser. The emulator keeps them in
 * the RAM attachment store; Resource Manager reads and writes them through this module. Grants scoped
 * to a resource group stay in RmState.
 */
import { ApiError, type RgAttachment } from '../core/types';
import type { Account } from '../core/world';
import { rolePrincipalName, userPrincipalName } from '../iam/authorize';
import type { PrincipalKind } from '../ram/state-attachments';
import { roleNameOfPrincipal, userNameOfPrincipal } from './access';
import type { AttachmentKey } from './state';

interface RamPrincipal {
  kind: PrincipalKind;
  /** The stored name (as created). */
  name: string;
}

/** True when the grant goes to the whole account (ResourceGroupId = the account id). */
export function isAccountScope(account: Account, resourceGroupId: string): boolean {
  return resourceGroupId === account.id;
}

/** True when an account-scope grant of this principal type lives in the RAM store (IMSGroup: no RAM groups here). */
export function isRamBacked(principalType: RgAttachment['principalType']): boolean {
  return principalType === 'ServiceRole' || principalType === 'IMSUser';
}

function attachmentExists(): ApiError {
  return new ApiError(409, 'EntityAlreadyExists.PolicyAttachment', 'The policy attachment already exists.');
}

function attachmentNotFound(): ApiError {
  return new ApiError(404, 'EntityNotExist.PolicyAttachment', 'The policy attachment does not exist.');
}

/** The RAM role or user an RM principal names, if it exists in the account. */
function findRamPrincipal(account: Account, key: AttachmentKey): RamPrincipal | undefined {
  if (key.principalType === 'ServiceRole') {
    const roleName = roleNameOfPrincipal(account, key.principalName);
    const role = roleName === undefined ? undefined : account.ram.findRole(roleName);
    return role ? { kind: 'role', name: role.roleName } : undefined;
  }
  const userName = userNameOfPrincipal(account, key.principalName);
  const user = userName === undefined ? undefined : account.ram.users.find(userName);
  return user ? { kind: 'user', name: user.userName } : undefined;
}

/**
 * RM AttachPolicy at account scope for a role or user: the same grant RAM AttachPolicyTo* makes.
 * The role (and policy) were checked by the handler; a user must exist here.
 */
export function attachAtAccountScope(account: Account, key: AttachmentKey, now: number): void {
  const principal = findRamPrincipal(account, key);
  if (!principal) {
    // Choice: at account scope an IMSUser principal must be an existing RAM user of the account (else 404 EntityNotExist.User).
    throw new ApiError(404, 'EntityNotExist.User', `The user does not exist: ${key.principalName}.`);
  }
  const ref = { type: key.policyType, name: key.policyName };
  // Choice: a grant that already exists at account scope, whichever API made it, is 409 EntityAlreadyExists.PolicyAttachment through RM (EntityAlreadyExists.Role.Policy / .User.Policy through RAM).
  if (account.ram.attachments.isAttached(principal.kind, principal.name, ref)) throw attachmentExists();
  account.ram.attachPolicy(principal.kind, principal.name, ref, now);
}

/** RM DetachPolicy at account scope for a role or user: removes the RAM grant (404 EntityNotExist.PolicyAttachment when absent). */
export function detachAtAccountScope(account: Account, key: AttachmentKey): void {
  const principal = findRamPrincipal(account, key);
  const ref = { type: key.policyType, name: key.policyName };
  if (!principal || !account.ram.attachments.detach(principal.kind, principal.name, ref)) throw attachmentNotFound();
}

/** Every account-scope grant to a role or user, as Resource Manager lists it (ResourceGroupId = the account id). */
export function accountScopeAttachments(account: Account): RgAttachment[] {
  return account.ram.attachments.list().map((a) => ({
    policyType: a.ref.type,
    policyName: a.ref.name,
    principalType: a.kind === 'role' ? 'ServiceRole' : 'IMSUser',
    principalName: a.kind === 'role' ? rolePrincipalName(account, a.principal) : userPrincipalName(account, a.principal),
    resourceGroupId: account.id,
    attachDate: a.attachDate,
  }));
}
