/** Shared pieces of the Resource Manager handlers: parameters, authorization, principals, paging. */
import { ApiError, type RpcContext } from '../core/types';
import type { Account } from '../core/world';
import { authorize } from '../iam/authorize';
import type { RequestContext } from '../iam/evaluate';

export function requiredParam(ctx: RpcContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined || value === '') throw new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`);
  return value;
}

export function callerAccount(ctx: RpcContext): Account {
  return ctx.world.getAccount(ctx.caller.accountId);
}

export function resourceGroupArn(accountId: string, resourceGroupId: string): string {
  return `acs:resourcemanager::${accountId}:resourcegroup/${resourceGroupId}`;
}

/**
 * Root passes; RAM users and roles need an Allow for `action` on `resource` (403 NoPermission + AccessDeniedDetail
 * otherwise). `context` carries the action's condition keys (e.g. ram:ServiceName).
 */
export function checkPermission(ctx: RpcContext, action: string, resource: string, resourceGroupId?: string, context?: RequestContext): void {
  if (ctx.caller.kind === 'root') return;
  const decision = authorize(ctx.world, callerAccount(ctx), ctx.caller, action, resource, { resourceGroupId, context });
  if (!decision.allowed) {
    throw new ApiError(403, 'NoPermission', 'You are not authorized to do this action.', { AccessDeniedDetail: decision.detail });
  }
}

export function resourceGroupNotFound(): ApiError {
  return new ApiError(404, 'EntityNotExists.ResourceGroup', 'The specified resource group does not exist.');
}

/** A resource group id of the account, or the account id itself (account scope); 404 otherwise. */
export function checkScope(account: Account, resourceGroupId: string): void {
  if (!account.rm.isScope(resourceGroupId)) throw resourceGroupNotFound();
}

export interface Page {
  pageNumber: number;
  pageSize: number;
}

function intParam(ctx: RpcContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.params[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ApiError(400, `InvalidParameter.${name}`, `The specified ${name} is invalid.`);
  }
  return value;
}

export function pageOf(ctx: RpcContext): Page {
  return {
    pageNumber: intParam(ctx, 'PageNumber', 1, 1, Number.MAX_SAFE_INTEGER),
    pageSize: intParam(ctx, 'PageSize', 10, 1, 100),
  };
}

export function slice<T>(items: T[], page: Page): T[] {
  const start = (page.pageNumber - 1) * page.pageSize;
  return items.slice(start, start + page.pageSize);
}

/** `<RoleName>@role.<alias>.onaliyunservice.com` -> the role name, when the alias is the account's. */
export function roleNameOfPrincipal(account: Account, principalName: string): string | undefined {
  const match = /^(.+)@role\.(.+)\.onaliyunservice\.com$/i.exec(principalName);
  if (!match || match[2].toLowerCase() !== account.alias.toLowerCase()) return undefined;
  return match[1];
}

/** `<UserName>@<alias>.onaliyun.com` -> the user name, when the alias is the account's (groups are `@group.`). */
export function userNameOfPrincipal(account: Account, principalName: string): string | undefined {
  const match = /^(.+)@(.+)\.onaliyun\.com$/i.exec(principalName);
  if (!match || match[2].toLowerCase() !== account.alias.toLowerCase()) return undefined;
  return match[1];
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
