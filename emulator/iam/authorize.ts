/**
 * Identity-based authorization of one request: which policies apply to the caller, and what they decide.
 * - root of the account: always allowed;
 * - RAM user: its account-scope RAM attachments, plus Resource Manager attachments of the user principal
 *   at account scope or in the resource's group;
 * - assumed role: the role's account-scope RAM attachments, plus Resource Manager attachments of
 *   `<RoleName>@role.<alias>.onaliyunservice.com` at account scope or in the resource's group;
 * - a caller of another account: denied.
 */
import { ApiError, type Caller, type PolicyRef, type RgAttachment } from '../core/types';
import type { Account, World } from '../core/world';
import { evaluate, type Decision, type RequestContext } from './evaluate';

/** Field names as in real 403 bodies and DecodeDiagnosticMessage. */
export interface AccessDeniedDetail {
  AuthAction: string;
  /** SubUser | AssumedRoleUser | Account */
  AuthPrincipalType: string;
  AuthPrincipalOwnerId: string;
  AuthPrincipalDisplayName: string;
  /** AccountLevelIdentityBasedPolicy | ResourceGroupLevelIdentityBasedPolicy */
  PolicyType: string;
  NoPermissionType: 'ImplicitDeny' | 'ExplicitDeny';
  EncodedDiagnosticMessage: string;
}

export interface AuthorizeOptions {
  /** The resource group of the resource acted on; its RG-scoped grants then count too. */
  resourceGroupId?: string;
  context?: RequestContext;
}

export const NO_PERMISSION_MESSAGE = 'You are not authorized to do this action.';

export function noPermission(detail: AccessDeniedDetail): ApiError {
  return new ApiError(403, 'NoPermission', NO_PERMISSION_MESSAGE, { AccessDeniedDetail: detail });
}

export function rolePrincipalName(account: Account, roleName: string): string {
  return `${roleName}@role.${account.alias}.onaliyunservice.com`;
}

export function userPrincipalName(account: Account, userName: string): string {
  return `${userName}@${account.alias}.onaliyun.com`;
}

function principalTypeOf(caller: Caller): string {
  if (caller.kind === 'user') return 'SubUser';
  if (caller.kind === 'assumed-role') return 'AssumedRoleUser';
  return 'Account';
}

// Choice: AuthPrincipalDisplayName is the user's id (else name) for users, `<RoleName>:<session>` for roles, the account id for root.
function displayNameOf(caller: Caller): string {
  if (caller.kind === 'user') return caller.userId ?? caller.userName ?? caller.arn;
  if (caller.kind === 'assumed-role') return `${caller.roleName ?? ''}:${caller.sessionName ?? ''}`;
  return caller.accountId;
}

function inScope(attachment: RgAttachment, account: Account, resourceGroupId: string | undefined): boolean {
  return attachment.resourceGroupId === account.id || (resourceGroupId !== undefined && attachment.resourceGroupId === resourceGroupId);
}

/** The policies that apply to the caller in `account` for a resource (optionally in a resource group). */
export function policiesFor(account: Account, caller: Caller, resourceGroupId?: string): PolicyRef[] {
  const refs: PolicyRef[] = [];
  let rm: RgAttachment[] = [];
  if (caller.kind === 'user' && caller.userName) {
    refs.push(...account.ram.listAttachedPolicies('user', caller.userName));
    // Choice: RM grants to a RAM user principal (<name>@<alias>.onaliyun.com) count like those to roles.
    rm = account.rm.attachmentsFor('IMSUser', userPrincipalName(account, caller.userName));
  } else if (caller.kind === 'assumed-role' && caller.roleName) {
    const roleName = account.ram.findRole(caller.roleName)?.roleName ?? caller.roleName;
    refs.push(...account.ram.listAttachedPolicies('role', roleName));
    rm = account.rm.attachmentsFor('ServiceRole', rolePrincipalName(account, roleName));
  }
  for (const attachment of rm) {
    if (inScope(attachment, account, resourceGroupId)) refs.push({ type: attachment.policyType, name: attachment.policyName });
  }
  return refs;
}

function decide(world: World, account: Account, caller: Caller, action: string, resource: string, opts: AuthorizeOptions): Decision {
  if (caller.accountId !== account.id || !world.accounts.has(account.id)) return 'ImplicitDeny';
  if (caller.kind === 'root') return 'Allow';
  const documents: string[] = [];
  for (const ref of policiesFor(account, caller, opts.resourceGroupId)) {
    const document = account.ram.findPolicyDocument(ref);
    if (document !== undefined) documents.push(document);
  }
  const request = { action, resource, context: opts.context };
  const identity = evaluate(documents, request);
  // AssumeRole Policy: "the permissions of the returned STS token are the permissions that are included in
  // the value of this parameter and owned by the RAM role" (STS AssumeRole reference).
  if (identity !== 'Allow' || caller.sessionPolicy === undefined) return identity;
  return evaluate([caller.sessionPolicy], request);
}

export function authorize(
  world: World,
  account: Account,
  caller: Caller,
  action: string,
  resource: string,
  opts: AuthorizeOptions = {},
): { allowed: boolean; detail: AccessDeniedDetail } {
  const decision = decide(world, account, caller, action, resource, opts);
  const noPermissionType = decision === 'ExplicitDeny' ? 'ExplicitDeny' : 'ImplicitDeny';
  // Choice: EncodedDiagnosticMessage is base64 of a small JSON summary (action, resource, explicit deny), not Alibaba's opaque format.
  const diagnostic = { AuthAction: action, AuthResource: resource, ExplicitDeny: decision === 'ExplicitDeny' };
  const detail: AccessDeniedDetail = {
    AuthAction: action,
    AuthPrincipalType: principalTypeOf(caller),
    AuthPrincipalOwnerId: caller.accountId,
    AuthPrincipalDisplayName: displayNameOf(caller),
    // Choice: PolicyType is always AccountLevelIdentityBasedPolicy (the emulator does not track which scope denied).
    PolicyType: 'AccountLevelIdentityBasedPolicy',
    NoPermissionType: noPermissionType,
    EncodedDiagnosticMessage: Buffer.from(JSON.stringify(diagnostic)).toString('base64'),
  };
  return { allowed: decision === 'Allow', detail };
}
