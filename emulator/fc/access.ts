/**
 * FC's permission checks: fc:<Action> on the function, ram:PassRole when a role is set, and
 * whether FC itself could assume the role (exists, visible, trusts fc.aliyuncs.com).
 */
import { ApiError, type Caller } from '../core/types';
import type { Account, World } from '../core/world';
import { authorize } from '../iam/authorize';
import type { RequestContext } from '../iam/evaluate';
import { trustAllows } from '../iam/trust';
import { invalidArgument } from './validate';

export const FC_SERVICE = 'fc.aliyuncs.com';
const ROLE_ARN = /^acs:ram::(\d+):role\/([^/]+)$/;

export function functionArn(region: string, accountId: string, functionName: string): string {
  return `acs:fc:${region}:${accountId}:functions/${functionName}`;
}

function isAllowed(world: World, account: Account, caller: Caller, action: string, resource: string, context?: RequestContext): boolean {
  if (caller.kind === 'root' && caller.accountId === account.id) return true;
  return authorize(world, account, caller, action, resource, { context }).allowed;
}

// Choice: a refused fc:<Action> is 403 AccessDenied naming the action and the function ARN.
export function requireFcPermission(world: World, account: Account, caller: Caller, action: string, resource: string): void {
  if (isAllowed(world, account, caller, `fc:${action}`, resource)) return;
  throw new ApiError(403, 'AccessDenied', `the caller is not authorized to perform 'fc:${action}' on resource '${resource}'`);
}

/** Validates the ARN format; returns the role's account id and name. */
export function parseRoleArn(roleArn: string): { accountId: string; roleName: string } {
  const match = ROLE_ARN.exec(roleArn);
  if (!match) {
    throw invalidArgument(`role '${roleArn}' is invalid: it must look like acs:ram::<accountId>:role/<roleName>`);
  }
  return { accountId: match[1], roleName: match[2] };
}

// Choice: setting a role without ram:PassRole on it is 403 AccessDenied (root always passes its own roles).
export function requirePassRole(world: World, account: Account, caller: Caller, roleArn: string): void {
  // Choice: a role of another account is never passable (403 AccessDenied), whatever the caller's policies say.
  const ownRole = parseRoleArn(roleArn).accountId === account.id;
  // The role is passed to FC: conditions on acs:Service (as in AliyunFCFullAccess) see fc.aliyuncs.com.
  if (ownRole && isAllowed(world, account, caller, 'ram:PassRole', roleArn, { 'acs:Service': FC_SERVICE })) return;
  throw new ApiError(
    403,
    'AccessDenied',
    `the caller is not authorized to perform 'ram:PassRole' on resource '${roleArn}'`,
  );
}

export function roleNotAssumable(roleArn: string): ApiError {
  return invalidArgument(
    `failed to assume role '${roleArn}': You are not authorized to do this action. You should be authorized by RAM.`,
  );
}

/**
 * True when FC, acting for the function's account `functionAccountId`, could assume the role now:
 * the role belongs to that account, exists, has propagated, and trusts fc.aliyuncs.com.
 */
export function canFcAssumeRole(world: World, functionAccountId: string, roleArn: string): boolean {
  const { accountId, roleName } = parseRoleArn(roleArn);
  if (accountId !== functionAccountId) return false;
  const role = world.accounts.get(accountId)?.ram.findRole(roleName);
  if (!role || !world.isVisibleToServices(role.createdAt)) return false;
  return trustAllows(role.assumeRolePolicyDocument, { service: FC_SERVICE });
}
