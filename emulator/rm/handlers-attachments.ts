/** Resource Manager: AttachPolicy, DetachPolicy, ListPolicyAttachments. */
import { ApiError, type RgAttachment, type RpcContext } from '../core/types';
import type { Account } from '../core/world';
import { findSystemPolicy } from '../iam/catalog';
import {
  callerAccount,
  checkPermission,
  checkScope,
  isoSeconds,
  pageOf,
  requiredParam,
  resourceGroupArn,
  roleNameOfPrincipal,
  slice,
} from './access';
import { accountScopeAttachments, attachAtAccountScope, detachAtAccountScope, isAccountScope, isRamBacked } from './account-scope';
import { matchesAttachmentFilter, type AttachmentFilter, type AttachmentKey } from './state';

const POLICY_TYPES = ['System', 'Custom'] as const;
const PRINCIPAL_TYPES = ['IMSUser', 'IMSGroup', 'ServiceRole'] as const;

function policyType(value: string): RgAttachment['policyType'] {
  const found = POLICY_TYPES.find((t) => t === value);
  if (!found) throw new ApiError(400, 'InvalidParameter.PolicyType', 'The PolicyType is invalid.');
  return found;
}

function principalType(value: string): RgAttachment['principalType'] {
  const found = PRINCIPAL_TYPES.find((t) => t === value);
  if (!found) throw new ApiError(400, 'InvalidParameter.PrincipalType', 'The PrincipalType is invalid.');
  return found;
}

function invalidPrincipalName(): ApiError {
  return new ApiError(400, 'InvalidParameter.PrincipalName', 'The PrincipalName is invalid.');
}

/**
 * The principal name as stored: for a role, `<RoleName as created>@role.<alias>.onaliyunservice.com`.
 * `mustExist`: the role must exist and have propagated (attach), or may be gone (detach).
 */
function canonicalPrincipal(account: Account, ctx: RpcContext, type: RgAttachment['principalType'], name: string, mustExist: boolean): string {
  if (type !== 'ServiceRole') {
    // Choice: IMSUser/IMSGroup principal names are checked for form (<name>@[group.]<alias>.onaliyun.com) only, not for existence.
    if (!/^.+@.+\.onaliyun\.com$/i.test(name)) throw invalidPrincipalName();
    return name;
  }
  const roleName = roleNameOfPrincipal(account, name);
  if (roleName === undefined) throw invalidPrincipalName();
  const role = account.ram.findRole(roleName);
  if (role && ctx.world.isVisibleToServices(role.createdAt)) return `${role.roleName}@role.${account.alias}.onaliyunservice.com`;
  // Choice: attaching to a role that does not exist (or has not propagated) answers 404 EntityNotExist.Role.
  if (mustExist) throw new ApiError(404, 'EntityNotExist.Role', `The role does not exist: ${roleName}.`);
  return name;
}

/** The five parameters, validated for form only. */
function parseKey(ctx: RpcContext): AttachmentKey {
  return {
    policyType: policyType(requiredParam(ctx, 'PolicyType')),
    policyName: requiredParam(ctx, 'PolicyName'),
    principalType: principalType(requiredParam(ctx, 'PrincipalType')),
    principalName: requiredParam(ctx, 'PrincipalName'),
    resourceGroupId: requiredParam(ctx, 'ResourceGroupId'),
  };
}

/** Checks the caller may act on the scope, that the scope (and, when attaching, the role and policy) exist; canonical casing. */
function resolveKey(ctx: RpcContext, action: string, mustExist: boolean): { account: Account; key: AttachmentKey } {
  const account = callerAccount(ctx);
  const raw = parseKey(ctx);
  checkPermission(ctx, action, resourceGroupArn(account.id, raw.resourceGroupId), raw.resourceGroupId);
  checkScope(account, raw.resourceGroupId);
  const principalName = canonicalPrincipal(account, ctx, raw.principalType, raw.principalName, mustExist);
  const ref = { type: raw.policyType, name: raw.policyName };
  if (mustExist && account.ram.findPolicyDocument(ref) === undefined) {
    throw new ApiError(404, 'EntityNotExist.Policy', `The policy does not exist: ${raw.policyName}.`);
  }
  const policyName = raw.policyType === 'System' ? findSystemPolicy(raw.policyName)?.name ?? raw.policyName : raw.policyName;
  return { account, key: { ...raw, policyName, principalName } };
}

/** Account-scope grants to roles and users are the RAM grants (one store, see account-scope.ts). */
function isRamGrant(account: Account, key: AttachmentKey): boolean {
  return isAccountScope(account, key.resourceGroupId) && isRamBacked(key.principalType);
}

export function attachPolicy(ctx: RpcContext): Record<string, unknown> {
  const { account, key } = resolveKey(ctx, 'resourcemanager:AttachPolicy', true);
  if (isRamGrant(account, key)) attachAtAccountScope(account, key, ctx.world.now());
  else account.rm.attach(key, isoSeconds(ctx.world.now()));
  return {};
}

export function detachPolicy(ctx: RpcContext): Record<string, unknown> {
  const { account, key } = resolveKey(ctx, 'resourcemanager:DetachPolicy', false);
  if (isRamGrant(account, key)) detachAtAccountScope(account, key);
  else account.rm.detach(key);
  return {};
}

/** ListPolicyAttachments "Description: The description of the permission policy": the catalog's, or the custom policy's own in RAM. */
function describePolicy(account: Account, attachment: RgAttachment): string {
  if (attachment.policyType === 'System') return findSystemPolicy(attachment.policyName)?.description ?? '';
  return account.ram.policies.find({ type: 'Custom', name: attachment.policyName })?.description ?? '';
}

export function listPolicyAttachments(ctx: RpcContext): Record<string, unknown> {
  const account = callerAccount(ctx);
  const { ResourceGroupId, PolicyType, PolicyName, PrincipalType, PrincipalName } = ctx.params;
  if (ResourceGroupId !== undefined) checkScope(account, ResourceGroupId);
  checkPermission(ctx, 'resourcemanager:ListPolicyAttachments', resourceGroupArn(account.id, ResourceGroupId ?? '*'), ResourceGroupId);
  const page = pageOf(ctx);
  const filter: AttachmentFilter = {
    resourceGroupId: ResourceGroupId,
    policyType: PolicyType,
    policyName: PolicyName,
    principalType: PrincipalType,
    principalName: PrincipalName,
  };
  // Choice: account-scope grants (kept by RAM) are listed first, then Resource Manager's own, each in attach order.
  const all = [...accountScopeAttachments(account).filter((a) => matchesAttachmentFilter(a, filter)), ...account.rm.listAttachments(filter)];
  return {
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    TotalCount: all.length,
    PolicyAttachments: {
      PolicyAttachment: slice(all, page).map((a) => ({
        AttachDate: a.attachDate,
        Description: describePolicy(account, a),
        PolicyName: a.policyName,
        PolicyType: a.policyType,
        PrincipalName: a.principalName,
        PrincipalType: a.principalType,
        ResourceGroupId: a.resourceGroupId,
      })),
    },
  };
}
