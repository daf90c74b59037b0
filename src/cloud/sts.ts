/**
 * STS: who the deploying identity is (GetCallerIdentity needs no permission), and whether STS sees a
 * role yet (the probe of a just-created role's propagation).
 */
import { isFc3RoleError } from '../errors';
import { callCloud } from './call';
import { stsClient, type CloudContext } from './clients';
import { stsSdk } from './sdk';

export interface CallerIdentity {
  accountId: string;
  arn: string;
  /** Account | RAMUser | AssumedRoleUser */
  identityType: string;
  userId?: string;
  roleId?: string;
}

export async function getCallerIdentity(ctx: CloudContext): Promise<CallerIdentity> {
  const res = await callCloud(ctx, 'GetCallerIdentity', 'the current credentials', () => stsClient(ctx).getCallerIdentity());
  const body = res.body;
  return {
    accountId: body?.accountId ?? '',
    arn: body?.arn ?? '',
    identityType: body?.identityType ?? '',
    ...(body?.userId ? { userId: body.userId } : {}),
    ...(body?.roleId ? { roleId: body.roleId } : {}),
  };
}

/** Codes STS answers while a role does not exist for it (or, just after CreateRole, not yet). */
const ROLE_UNSEEN_CODES: ReadonlySet<string> = new Set(['EntityNotExist.Role', 'EntityNotExists.Role']);

/**
 * Whether STS sees the role yet: an AssumeRole attempt that answers EntityNotExist.Role means "not
 * yet"; any other answer (usually 403 NoPermission, since the role trusts a service, not the caller)
 * means STS found the role. Credentials, if STS grants them, are dropped unread.
 */
// Choice: a new role's usability is probed with STS AssumeRole (EntityNotExist.Role = not visible yet): STS, like FC and RM, sees a new role only after the propagation window, while RAM GetRole sees it at once and RM ListPolicyAttachments answers an empty list either way.
export async function isRoleVisibleToSts(ctx: CloudContext, roleArn: string): Promise<boolean> {
  const sdk = stsSdk();
  const request = new sdk.AssumeRoleRequest({ roleArn, roleSessionName: 'fc3-role-probe', durationSeconds: 900 });
  try {
    await callCloud(ctx, 'AssumeRole', `role ${roleArn}`, () => stsClient(ctx).assumeRole(request));
    return true;
  } catch (e) {
    if (isFc3RoleError(e) && e.cloudCode !== undefined && ROLE_UNSEEN_CODES.has(e.cloudCode)) return false;
    if (isFc3RoleError(e) && (e.code === 'NetworkError' || e.code === 'Throttled' || e.code === 'ServiceUnavailable')) throw e;
    return true;
  }
}
