/**
 * Readiness of a role: RAM shows a role at once, but Function Compute and Resource Manager see a new
 * (or just re-trusted) role only a little later. Nothing lets the deploying identity ask them whether
 * they see it: STS refuses AssumeRole from an account's own AccessKey, and a RAM user cannot assume a
 * role that trusts only fc.aliyuncs.com. So readiness is read from the answers they give to the writes
 * that use the role, retried with progress inside a deadline:
 * - Resource Manager AttachPolicy: `EntityNotExist.Role` for a role RAM has;
 * - FC UpdateFunction sending only `role`: 400 `InvalidArgument` for a role RAM has and whose trust
 *   policy admits fc.aliyuncs.com.
 * Both hold for a role created in this run and for one an earlier, interrupted run created.
 */
import { Fc3RoleError, isFc3RoleError } from '../errors';
import type { PolicyDocument } from '../model';
import type { RetryTuning } from '../retry';

/** Code of the error thrown when FC or Resource Manager still do not see the role at the deadline. */
export const ROLE_NOT_USABLE = 'RoleNotUsableYet';

export const FC_SERVICE = 'fc.aliyuncs.com';

// Choice: a role gets up to 60 s (40 attempts, delays jittered up to 4 s) to become visible to RM and FC.
export const DEFAULT_PROPAGATION: RetryTuning = { attempts: 40, baseDelayMs: 500, maxDelayMs: 4000, deadlineMs: 60_000 };

/** Whether an Allow statement lets `service` (fc.aliyuncs.com by default) assume the role. */
export function trustsService(trust: PolicyDocument, service = FC_SERVICE): boolean {
  const wanted = service.toLowerCase();
  return trust.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      (s.Action ?? []).some((a) => a.toLowerCase() === 'sts:assumerole' || a === '*' || a.toLowerCase() === 'sts:*') &&
      (s.Principal?.Service ?? []).some((p) => p.toLowerCase() === wanted),
  );
}

/**
 * The error of a write that still met "role not visible yet" at the deadline: the role exists in RAM,
 * the service does not see it yet, and a rerun in a moment finds it (making no second RAM change).
 */
export function roleNotUsableYet(e: unknown, service: 'Function Compute' | 'Resource Manager', roleName: string, tuning: RetryTuning): Fc3RoleError {
  const seconds = Math.round((tuning.deadlineMs ?? 30_000) / 1000);
  const failure = isFc3RoleError(e) ? e.message.split('\n')[0] : `A call for role ${roleName} failed`;
  return new Fc3RoleError(ROLE_NOT_USABLE, `${failure} (${service} still does not see role ${roleName} after about ${seconds} s)`, {
    hint: `RAM has the role; a new or just re-trusted role usually becomes visible to ${service} within a minute. Run the command again in a moment: fc3-role makes no second RAM change.`,
    cause: e,
    ...(isFc3RoleError(e) ? { requestId: e.requestId, cloudCode: e.cloudCode } : {}),
  });
}
