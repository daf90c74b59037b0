/**
 * The propagation window of a just-created role: RAM shows it at once, but FC, STS and Resource
 * Manager see it only a little later, and FC refuses a role it cannot assume yet. Before a new
 * role is used by FC or handed out (deploy output, plugin return), wait until STS sees it.
 */
import { Fc3RoleError, isFc3RoleError } from '../errors';
import { withRetry, type RetryInfo, type RetryTuning } from '../retry';
import type { CloudContext } from '../cloud/clients';
import { isRoleVisibleToSts } from '../cloud/sts';

/** Code of the error thrown while the role is not visible yet (retried), and when the wait gives up. */
export const ROLE_NOT_USABLE = 'RoleNotUsableYet';

// Choice: a just-created role gets up to 60 s (40 attempts, delays jittered up to 4 s) to become visible to RM and FC.
export const DEFAULT_PROPAGATION: RetryTuning = { attempts: 40, baseDelayMs: 500, maxDelayMs: 4000, deadlineMs: 60_000 };

export interface RoleWaitOptions {
  /** @default DEFAULT_PROPAGATION */
  tuning?: RetryTuning;
  /** Progress: called before each wait. */
  onWait?: (info: RetryInfo) => void;
}

function notUsable(roleArn: string, tuning: RetryTuning): Fc3RoleError {
  const seconds = Math.round((tuning.deadlineMs ?? 30_000) / 1000);
  return new Fc3RoleError(ROLE_NOT_USABLE, `Waiting for role ${roleArn} failed: it was created, but STS and Function Compute still do not see it after about ${seconds} s`, {
    hint: 'A new RAM role usually propagates within a minute. Run the command again in a moment: fc3-role makes no second RAM change, and the role is then usable.',
  });
}

/** Polls (bounded, jittered, with progress) until STS sees the role; throws RoleNotUsableYet when it never does. */
export async function waitUntilRoleUsable(ctx: CloudContext, roleArn: string, opts: RoleWaitOptions = {}): Promise<void> {
  const tuning = opts.tuning ?? DEFAULT_PROPAGATION;
  await withRetry(
    async () => {
      if (!(await isRoleVisibleToSts(ctx, roleArn))) throw notUsable(roleArn, tuning);
    },
    { ...tuning, retryable: (e) => isFc3RoleError(e, ROLE_NOT_USABLE), onRetry: opts.onWait },
  );
}
