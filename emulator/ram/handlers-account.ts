/** RAM account-level and user actions: GetAccountAlias, CreateUser, GetUser (minimal). */
import type { RpcContext } from '../core/types';
import { openRam, ramResource, requirePermission } from './handlers-common';
import { optionalParam, requireParam } from './params';
import { userWire } from './serialize';

type Result = Record<string, unknown>;

export function getAccountAlias(ctx: RpcContext): Result {
  const call = openRam(ctx);
  requirePermission(ctx, call, 'GetAccountAlias', ramResource.everything());
  return { RequestId: ctx.requestId, AccountAlias: call.account.alias };
}

export function createUser(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const userName = requireParam(ctx.params, 'UserName');
  requirePermission(ctx, call, 'CreateUser', ramResource.user(call.account.id, userName));
  const user = call.ram.users.create(
    {
      userName,
      displayName: optionalParam(ctx.params, 'DisplayName'),
      comments: optionalParam(ctx.params, 'Comments'),
      email: optionalParam(ctx.params, 'Email'),
      mobilePhone: optionalParam(ctx.params, 'MobilePhone'),
    },
    call.now,
  );
  const { UpdateDate: _omitted, ...created } = userWire(user);
  return { RequestId: ctx.requestId, User: created };
}

export function getUser(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const userName = requireParam(ctx.params, 'UserName');
  requirePermission(ctx, call, 'GetUser', ramResource.user(call.account.id, userName));
  return { RequestId: ctx.requestId, User: userWire(call.ram.users.get(userName)) };
}
