/**
 * Issuing temporary credentials for a role: to a caller (STS AssumeRole) or to a cloud service
 * (FC assuming a function's role). The keys land in the credential store with their expiry.
 */
import { randomBytes } from 'crypto';
import { ApiError, type Caller } from '../core/types';
import type { World } from '../core/world';
import type { RoleRecord } from '../ram/state';
import { randomAlnum } from '../core/ids';
import { trustAllows } from '../iam/trust';

export interface TemporaryCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** ISO-8601 UTC at second precision, e.g. 2026-11-30T02:23:16Z. */
  expiration: string;
}

export interface IssuedCredentials {
  credentials: TemporaryCredentials;
  caller: Caller;
  role: RoleRecord;
}

export const NOT_AUTHORIZED_BY_RAM = 'You are not authorized to do this action. You should be authorized by RAM.';
export const MIN_DURATION_SECONDS = 900;
export const DEFAULT_DURATION_SECONDS = 3600;

const ROLE_ARN = /^acs:ram::(\d+):role\/(.+)$/i;

export function parseRoleArn(roleArn: string): { accountId: string; roleName: string } {
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new ApiError(400, 'InvalidParameter.RoleArn', 'The parameter RoleArn is wrongly formed.');
  return { accountId: match[1], roleName: match[2] };
}

/** The role an ARN names, if it exists and has propagated; else 404 EntityNotExist.Role. */
export function getVisibleRole(world: World, roleArn: string): { accountId: string; role: RoleRecord } {
  const { accountId, roleName } = parseRoleArn(roleArn);
  const role = world.accounts.get(accountId)?.ram.findRole(roleName);
  // Choice: a role still inside the propagation delay is reported exactly like a missing one.
  if (!role || !world.isVisibleToServices(role.createdAt)) {
    throw new ApiError(404, 'EntityNotExist.Role', `The specified Role not exists: ${roleArn}`);
  }
  return { accountId, role };
}

/** Duration in seconds: default 3600 (capped by the role's maximum), else 900..MaxSessionDuration. */
export function checkDuration(role: RoleRecord, requested: number | undefined): number {
  const max = role.maxSessionDuration || DEFAULT_DURATION_SECONDS;
  if (requested === undefined) return Math.min(DEFAULT_DURATION_SECONDS, max);
  if (!Number.isInteger(requested) || requested < MIN_DURATION_SECONDS || requested > max) {
    throw new ApiError(
      400,
      'InvalidParameter.DurationSeconds',
      `The Min/Max value of DurationSeconds is ${MIN_DURATION_SECONDS}s/${max}s.`,
    );
  }
  return requested;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Mints a key pair + token for `role`, registers it (expiring) and returns it with the session's caller. */
export function issueRoleCredentials(
  world: World,
  accountId: string,
  role: RoleRecord,
  sessionName: string,
  durationSeconds: number,
  sessionPolicy?: string,
): IssuedCredentials {
  const accessKeyId = `STS.${randomAlnum(25)}`;
  const accessKeySecret = randomAlnum(44);
  const securityToken = `CAIS${randomBytes(192).toString('base64')}`;
  const expiresAt = world.now() + durationSeconds * 1000;
  const caller: Caller = {
    accountId,
    kind: 'assumed-role',
    arn: `acs:ram::${accountId}:assumed-role/${role.roleName.toLowerCase()}/${sessionName}`,
    accessKeyId,
    roleName: role.roleName,
    roleId: role.roleId,
    sessionName,
    ...(sessionPolicy !== undefined ? { sessionPolicy } : {}),
  };
  world.credentials.register({ accessKeyId, accessKeySecret, securityToken, expiresAt, caller });
  return { credentials: { accessKeyId, accessKeySecret, securityToken, expiration: isoSeconds(expiresAt) }, caller, role };
}

/**
 * A cloud service (e.g. fc.aliyuncs.com) assumes a role on behalf of `accountId`.
 * Throws 404 EntityNotExist.Role (missing or not yet propagated), 403 NoPermission (trust policy
 * does not name the service), 400 InvalidParameter.RoleArn / .DurationSeconds.
 */
export function assumeRoleAsService(
  world: World,
  accountId: string,
  roleArn: string,
  service: string,
  sessionName: string,
  durationSeconds?: number,
): TemporaryCredentials {
  const { accountId: roleAccountId, role } = getVisibleRole(world, roleArn);
  // Choice: a service assumes roles of the account it acts for only; another account's role is refused with 403 NoPermission.
  if (roleAccountId !== accountId || !trustAllows(role.assumeRolePolicyDocument, { service })) {
    throw new ApiError(403, 'NoPermission', NOT_AUTHORIZED_BY_RAM);
  }
  return issueRoleCredentials(world, roleAccountId, role, sessionName, checkDuration(role, durationSeconds)).credentials;
}
