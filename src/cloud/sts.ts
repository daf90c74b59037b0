/**
 * STS: who the deploying identity is (GetCallerIdentity needs no permission).
 */
import { callCloud } from './call';
import { stsClient, type CloudContext } from './clients';

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
