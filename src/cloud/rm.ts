/**
 * Resource Manager: resource-group-scoped policy attachments of a role, and the service-linked role.
 * A role is the principal `<RoleName>@role.<alias>.onaliyunservice.com` of type ServiceRole.
 */
import { isRoleNotVisible, type RetryTuning } from '../retry';
import { callCloud, ensureWrite, findOrUndefined } from './call';
import { rmClient, type CloudContext } from './clients';
import { findRole } from './ram-role';
import { rmSdk } from './sdk';

export interface RgPolicyAttachment {
  policyType: 'System' | 'Custom';
  policyName: string;
  resourceGroupId: string;
}

export const FC_SERVICE_LINKED_ROLE = 'AliyunServiceRoleForFC';
const FC_SERVICE_NAME = 'fc.aliyuncs.com';
const PAGE_SIZE = 100;

/** The RM principal name of a RAM role; `alias` from getAccountAlias (the account id when unset). */
export function rolePrincipalName(roleName: string, alias: string): string {
  return `${roleName}@role.${alias}.onaliyunservice.com`;
}

export interface RmAttachOptions {
  /** Retry `EntityNotExist.Role` as "Resource Manager does not see the role yet": only for a role RAM has. */
  retryWhileRoleInvisible?: boolean;
  /** How long to keep retrying those. */
  propagation?: RetryTuning;
}

function describe(principal: string, att: RgPolicyAttachment): string {
  return `role ${principal.split('@')[0]} (policy ${att.policyType}:${att.policyName} in ${att.resourceGroupId})`;
}

/** The five fields AttachPolicy and DetachPolicy both take, for a role principal. */
function attachmentFields(principalName: string, att: RgPolicyAttachment) {
  return {
    policyType: att.policyType,
    policyName: att.policyName,
    principalType: 'ServiceRole',
    principalName,
    resourceGroupId: att.resourceGroupId,
  };
}

export async function attachPolicyInResourceGroup(
  ctx: CloudContext,
  principalName: string,
  att: RgPolicyAttachment,
  opts: RmAttachOptions = {},
): Promise<void> {
  const request = new (rmSdk().AttachPolicyRequest)(attachmentFields(principalName, att));
  const waiting = opts.retryWhileRoleInvisible ?? false;
  // Already attached (another run, or our lost answer) is done.
  await ensureWrite(ctx, 'AttachPolicy', describe(principalName, att), ['EntityAlreadyExists.PolicyAttachment'], () => rmClient(ctx).attachPolicy(request), {
    alsoRetry: (e) => waiting && isRoleNotVisible(e),
    tuning: waiting ? opts.propagation : undefined,
  });
}

/** DetachPolicy; not attached (any more), or the policy is gone (another run deleted it), is done. */
export async function detachPolicyInResourceGroup(ctx: CloudContext, principalName: string, att: RgPolicyAttachment): Promise<void> {
  const request = new (rmSdk().DetachPolicyRequest)(attachmentFields(principalName, att));
  await ensureWrite(ctx, 'DetachPolicy', describe(principalName, att), ['EntityNotExist.PolicyAttachment', 'EntityNotExists.PolicyAttachment', 'EntityNotExist.Policy'], () =>
    rmClient(ctx).detachPolicy(request),
  );
}

/**
 * Attachments of a role in one resource group, or, when `resourceGroupId` is omitted, every grant of
 * the role: in all resource groups and at account scope (`resourceGroupId` = the account id). Source:
 * https://alibabacloud.com/help/en/resource-management/api-listpolicyattachments, ResourceGroupId:
 * "If you do not configure this parameter, the system lists all policy attachment records within the
 * current account." Paged through.
 */
export async function listPolicyAttachments(
  ctx: CloudContext,
  principalName: string,
  resourceGroupId?: string,
): Promise<RgPolicyAttachment[]> {
  const sdk = rmSdk();
  const out: RgPolicyAttachment[] = [];
  for (let page = 1; ; page++) {
    const request = new sdk.ListPolicyAttachmentsRequest({
      principalType: 'ServiceRole',
      principalName,
      pageNumber: page,
      pageSize: PAGE_SIZE,
      ...(resourceGroupId ? { resourceGroupId } : {}),
    });
    const res = await callCloud(ctx, 'ListPolicyAttachments', `role ${principalName.split('@')[0]}`, () =>
      rmClient(ctx).listPolicyAttachments(request),
    );
    const items = res.body?.policyAttachments?.policyAttachment ?? [];
    for (const a of items) {
      out.push({
        policyType: a.policyType === 'System' ? 'System' : 'Custom',
        policyName: a.policyName ?? '',
        resourceGroupId: a.resourceGroupId ?? '',
      });
    }
    const total = res.body?.totalCount ?? 0;
    if (items.length < PAGE_SIZE || page * PAGE_SIZE >= total) return out;
  }
}

export interface RmPolicyHolder {
  principalType: 'ServiceRole' | 'IMSUser' | 'IMSGroup';
  principalName: string;
  resourceGroupId: string;
}

function principalTypeOf(value: string | undefined): RmPolicyHolder['principalType'] {
  return value === 'IMSUser' || value === 'IMSGroup' ? value : 'ServiceRole';
}

/** Every RM attachment of one policy, whoever the principal and whichever the resource group, paged through. */
export async function listPolicyHolders(ctx: CloudContext, policyType: 'System' | 'Custom', policyName: string): Promise<RmPolicyHolder[]> {
  const sdk = rmSdk();
  const out: RmPolicyHolder[] = [];
  for (let page = 1; ; page++) {
    const request = new sdk.ListPolicyAttachmentsRequest({ policyType, policyName, pageNumber: page, pageSize: PAGE_SIZE });
    const res = await callCloud(ctx, 'ListPolicyAttachments', `${policyType.toLowerCase()} policy ${policyName}`, () =>
      rmClient(ctx).listPolicyAttachments(request),
    );
    const items = res.body?.policyAttachments?.policyAttachment ?? [];
    for (const a of items) {
      // The filter is the service's; this guards against one that ignores PolicyName.
      if ((a.policyName ?? '').toLowerCase() !== policyName.toLowerCase()) continue;
      out.push({ principalType: principalTypeOf(a.principalType), principalName: a.principalName ?? '', resourceGroupId: a.resourceGroupId ?? '' });
    }
    const total = res.body?.totalCount ?? 0;
    if (items.length < PAGE_SIZE || page * PAGE_SIZE >= total) return out;
  }
}

/** Resource Manager answers this (note the s) for a resource group id that does not exist. */
export const RESOURCE_GROUP_NOT_FOUND = ['EntityNotExists.ResourceGroup', 'EntityNotExist.ResourceGroup'] as const;

/** Whether a resource group exists (RM GetResourceGroup). */
export async function resourceGroupExists(ctx: CloudContext, resourceGroupId: string): Promise<boolean> {
  const request = new (rmSdk().GetResourceGroupRequest)({ resourceGroupId });
  const found = await findOrUndefined(ctx, 'GetResourceGroup', `resource group ${resourceGroupId}`, RESOURCE_GROUP_NOT_FOUND, () =>
    rmClient(ctx).getResourceGroup(request),
  );
  return found !== undefined;
}

// Choice: the RM SDK 2.6.1 has no CheckServiceLinkedRoleExistence, so existence is RAM GetRole on AliyunServiceRoleForFC.
export async function serviceLinkedRoleExists(ctx: CloudContext): Promise<boolean> {
  return (await findRole(ctx, FC_SERVICE_LINKED_ROLE)) !== undefined;
}

/** CreateServiceLinkedRole; one that exists already (another run, or our lost answer) is done. */
export async function createServiceLinkedRole(ctx: CloudContext): Promise<void> {
  const sdk = rmSdk();
  await ensureWrite(ctx, 'CreateServiceLinkedRole', `service-linked role ${FC_SERVICE_LINKED_ROLE}`, ['EntityAlreadyExists.Role', 'EntityAlreadyExists.ServiceLinkedRole'], () =>
    rmClient(ctx).createServiceLinkedRole(new sdk.CreateServiceLinkedRoleRequest({ serviceName: FC_SERVICE_NAME })),
  );
}
