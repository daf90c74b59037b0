/**
 * STS: who the deploying identity is (GetCallerIdentity needs no permission). The component never
 * calls AssumeRole: an Alibaba Cloud account may not, and a RAM user cannot assume a role that trusts
 * only fc.aliyuncs.com, so it would prove nothing about a role's readiness (src/apply/readiness.ts).
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
