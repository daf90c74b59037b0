/** RAM account-level actions: GetAccountAlias. */
import type { RpcContext } from '../core/types';
import { openRam, ramResource, requirePermission } from './handlers-common';

type Result = Record<string, unknown>;

export function getAccountAlias(ctx: RpcContext): Result {
  const call = openRam(ctx);
  requirePermission(ctx, call, 'GetAccountAlias', ramResource.everything());
  return { RequestId: ctx.requestId, AccountAlias: call.account.alias };
}
