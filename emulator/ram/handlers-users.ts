/** RAM user actions: CreateUser, GetUser, DeleteUser; and the AccessKey pairs of a user. */
import { ApiError, type RpcContext } from '../core/types';
import { userPrincipalName } from '../iam/authorize';
import { deleteUserAccessKey, issueUserAccessKey, listUserAccessKeys, setUserAccessKeyStatus } from './access-keys';
import { openRam, ramResource, requirePermission, type RamCall } from './handlers-common';
import { optionalParam, requireParam } from './params';
import { userWire } from './serialize';
import type { UserRecord } from './state';
import { checkUserName } from './state-users';

type Result = Record<string, unknown>;

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

/** ram:DeleteUser on acs:ram:*:<uid>:user/<UserName> (RAM DeleteUser reference, "Required permissions"). */
export function deleteUser(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const userName = requireParam(ctx.params, 'UserName');
  checkUserName(userName);
  requirePermission(ctx, call, 'DeleteUser', ramResource.user(call.account.id, userName));
  const user = call.ram.users.get(userName);
  const rmGrants = call.account.rm.attachmentsFor('IMSUser', userPrincipalName(call.account, user.userName)).length;
  call.ram.deleteUser(user.userName, rmGrants);
  return { RequestId: ctx.requestId };
}

/**
 * The user an AccessKey action is about: UserName, or "If a RAM user calls this operation and does not
 * specify this parameter", the calling RAM user (CreateAccessKey / ListAccessKeys reference). Checks
 * ram:<action> on acs:ram:*:<uid>:user/<UserName> (the "Required permissions" of CreateAccessKey and
 * DeleteAccessKey), then that the user exists (404 EntityNotExist.User).
 */
function keyOwner(ctx: RpcContext, call: RamCall, action: string): UserRecord {
  const given = optionalParam(ctx.params, 'UserName');
  // Choice: without UserName, a caller that is not a RAM user (the account itself, an assumed role) gets 400 MissingUserName.
  const userName = given || (ctx.caller.kind === 'user' ? ctx.caller.userName : undefined);
  if (!userName) throw new ApiError(400, 'MissingUserName', 'UserName is mandatory for this action.');
  checkUserName(userName);
  requirePermission(ctx, call, action, ramResource.user(call.account.id, userName));
  return call.ram.users.get(userName);
}

export function createAccessKey(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const user = keyOwner(ctx, call, 'CreateAccessKey');
  const key = issueUserAccessKey(ctx.world, call.account, user, call.now);
  return {
    RequestId: ctx.requestId,
    AccessKey: { AccessKeyId: key.accessKeyId, AccessKeySecret: key.accessKeySecret, Status: key.status, CreateDate: key.createDate },
  };
}

export function listAccessKeys(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const user = keyOwner(ctx, call, 'ListAccessKeys');
  const keys = listUserAccessKeys(ctx.world, call.account, user);
  return {
    RequestId: ctx.requestId,
    AccessKeys: { AccessKey: keys.map((k) => ({ AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createDate })) },
  };
}

/** Status: "Valid values: `Active` and `Inactive`." (UpdateAccessKey reference). */
function statusParam(ctx: RpcContext): 'Active' | 'Inactive' {
  const status = requireParam(ctx.params, 'Status');
  // Choice: any other Status is 400 InvalidParameter.Status (no document gives the code).
  if (status !== 'Active' && status !== 'Inactive') {
    throw new ApiError(400, 'InvalidParameter.Status', `The parameter Status must be Active or Inactive, got: ${status}`);
  }
  return status;
}

export function updateAccessKey(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const accessKeyId = requireParam(ctx.params, 'UserAccessKeyId');
  const status = statusParam(ctx);
  const user = keyOwner(ctx, call, 'UpdateAccessKey');
  setUserAccessKeyStatus(ctx.world, call.account, user, accessKeyId, status);
  return { RequestId: ctx.requestId };
}

export function deleteAccessKey(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const accessKeyId = requireParam(ctx.params, 'UserAccessKeyId');
  const user = keyOwner(ctx, call, 'DeleteAccessKey');
  deleteUserAccessKey(ctx.world, call.account, user, accessKeyId);
  return { RequestId: ctx.requestId };
}
