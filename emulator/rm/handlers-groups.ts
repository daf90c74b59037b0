/** Resource Manager: ListResourceGroups, GetResourceGroup. */
import type { RpcContext } from '../core/types';
import { callerAccount, checkPermission, pageOf, resourceGroupNotFound, requiredParam, resourceGroupArn, slice } from './access';
import type { ResourceGroupRecord } from './state';

function groupView(group: ResourceGroupRecord): Record<string, unknown> {
  return {
    AccountId: group.accountId,
    CreateDate: group.createDate,
    DisplayName: group.displayName,
    Id: group.id,
    Name: group.name,
    Status: group.status,
  };
}

export function listResourceGroups(ctx: RpcContext): Record<string, unknown> {
  const account = callerAccount(ctx);
  checkPermission(ctx, 'resourcemanager:ListResourceGroups', resourceGroupArn(account.id, '*'));
  const page = pageOf(ctx);
  const { Name, DisplayName, ResourceGroupId, Status } = ctx.params;
  const groups = account.rm
    .listResourceGroups()
    .filter(
      (g) =>
        (Name === undefined || g.name === Name) &&
        (DisplayName === undefined || g.displayName === DisplayName) &&
        (ResourceGroupId === undefined || g.id === ResourceGroupId) &&
        (Status === undefined || g.status === Status),
    );
  return {
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    TotalCount: groups.length,
    ResourceGroups: { ResourceGroup: slice(groups, page).map(groupView) },
  };
}

export function getResourceGroup(ctx: RpcContext): Record<string, unknown> {
  const account = callerAccount(ctx);
  const id = requiredParam(ctx, 'ResourceGroupId');
  checkPermission(ctx, 'resourcemanager:GetResourceGroup', resourceGroupArn(account.id, id), id);
  const group = account.rm.findResourceGroup(id);
  if (!group) throw resourceGroupNotFound();
  return {
    ResourceGroup: {
      ...groupView(group),
      // Choice: every resource group reports a single region status, cn-hangzhou OK.
      RegionStatuses: { RegionStatus: [{ RegionId: 'cn-hangzhou', Status: 'OK' }] },
    },
  };
}
