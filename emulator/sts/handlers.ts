/** STS 2015-04-01 handlers: parse the parameters, call the issuing logic, shape the response. */
import { ApiError, type RpcContext } from '../core/types';
import { authorize } from '../iam/authorize';
import { trustAllows } from '../iam/trust';
import { checkDuration, getVisibleRole, issueRoleCredentials, NOT_AUTHORIZED_BY_RAM } from './assume';

const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

function required(ctx: RpcContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined || value === '') throw new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`);
  return value;
}

function optionalInteger(ctx: RpcContext, name: string, code: string): number | undefined {
  const value = ctx.params[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new ApiError(400, code, `The parameter ${name} is wrongly formed.`);
  return Number(value);
}

function checkPolicy(policy: string | undefined): void {
  if (policy === undefined) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    parsed = undefined;
  }
  if (policy.length < 1 || policy.length > 2048 || typeof parsed !== 'object' || parsed === null) {
    throw new ApiError(400, 'InvalidParameter.PolicyGrammar', 'The parameter Policy has not passed grammar check.');
  }
}

export function getCallerIdentity(ctx: RpcContext): Record<string, unknown> {
  const { caller } = ctx;
  if (caller.kind === 'root') {
    return { AccountId: caller.accountId, Arn: caller.arn, IdentityType: 'Account', PrincipalId: caller.accountId, UserId: caller.accountId };
  }
  if (caller.kind === 'user') {
    const userId = caller.userId ?? '';
    return { AccountId: caller.accountId, Arn: caller.arn, IdentityType: 'RAMUser', PrincipalId: userId, UserId: userId };
  }
  return {
    AccountId: caller.accountId,
    Arn: caller.arn,
    IdentityType: 'AssumedRoleUser',
    PrincipalId: `${caller.roleId ?? ''}:${caller.sessionName ?? ''}`,
    RoleId: caller.roleId ?? '',
  };
}

export function assumeRole(ctx: RpcContext): Record<string, unknown> {
  const { world, caller, params } = ctx;
  const roleArn = required(ctx, 'RoleArn');
  const sessionName = required(ctx, 'RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) {
    throw new ApiError(400, 'InvalidParameter.RoleSessionName', 'The parameter RoleSessionName is wrongly formed.');
  }
  const requestedDuration = optionalInteger(ctx, 'DurationSeconds', 'InvalidParameter.DurationSeconds');
  checkPolicy(params.Policy);
  const externalId = params.ExternalId;
  // "The value must be 2 to 1,224 characters in length and can contain letters, digits, and the following special characters: = , . @ : / - _." (AssumeRole reference)
  if (externalId !== undefined && (externalId.length < 2 || externalId.length > 1224 || !/^[\w+=,.@:/-]+$/.test(externalId))) {
    throw new ApiError(400, 'InvalidParameter.ExternalId', 'The parameter ExternalId is wrongly formed.');
  }

  // The order of the checks (https://www.alibabacloud.com/help/en/ram/api-assumerole, "Prerequisites";
  // FAQ https://www.alibabacloud.com/help/en/ram/support/faq-about-ram-roles-and-sts-tokens):
  // 1. the caller: "You cannot use an Alibaba Cloud account to call this operation. The requester of this
  //    operation can only be a RAM user or RAM role." -> 403 NoPermission, whatever the role;
  // 2. the caller's own permission, sts:AssumeRole on the role ARN ("Make sure that the
  //    AliyunSTSAssumeRoleAccess policy is attached to the requester"): evaluated on the ARN as given,
  //    so a caller without it learns nothing about which roles exist;
  // 3. the role exists (404 EntityNotExist.Role; also while it has not propagated);
  // 4. its trust policy admits the caller ("The role's trust policy does not include the calling
  //    identity as a principal") -> 403 NoPermission; 5. DurationSeconds against its MaxSessionDuration.
  if (caller.kind === 'root') throw new ApiError(403, 'NoPermission', NOT_AUTHORIZED_BY_RAM);
  const decision = authorize(world, world.getAccount(caller.accountId), caller, 'sts:AssumeRole', roleArn);
  if (!decision.allowed) throw new ApiError(403, 'NoPermission', NOT_AUTHORIZED_BY_RAM, { AccessDeniedDetail: decision.detail });
  const { accountId, role } = getVisibleRole(world, roleArn);
  const context = externalId !== undefined ? { 'sts:ExternalId': externalId } : {};
  if (!trustAllows(role.assumeRolePolicyDocument, { ramArn: caller.arn, accountId: caller.accountId }, context)) {
    throw new ApiError(403, 'NoPermission', NOT_AUTHORIZED_BY_RAM);
  }
  const duration = checkDuration(role, requestedDuration);

  // The session Policy narrows what the credentials may do (emulator/iam/authorize.ts).
  const issued = issueRoleCredentials(world, accountId, role, sessionName, duration, params.Policy);
  const { credentials } = issued;
  return {
    ...(params.SourceIdentity !== undefined ? { SourceIdentity: params.SourceIdentity } : {}),
    AssumedRoleUser: {
      Arn: `acs:ram::${accountId}:role/${role.roleName.toLowerCase()}/${sessionName}`,
      AssumedRoleId: `${role.roleId}:${sessionName}`,
    },
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      AccessKeySecret: credentials.accessKeySecret,
      SecurityToken: credentials.securityToken,
      Expiration: credentials.expiration,
    },
  };
}
