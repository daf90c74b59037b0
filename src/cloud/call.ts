/**
 * The one way a wrapper calls the cloud: transient errors retried (src/retry.ts), then any failure
 * mapped to an Fc3RoleError naming the action and the resource.
 */
import { isFc3RoleError } from '../errors';
import { isTransient, withRetry, type RetryTuning } from '../retry';
import type { CloudContext } from './clients';
import { toFc3RoleError } from './cloud-error';
import { limitedCall } from './call-limits';

export interface CallOptions {
  /** The FC region called (FC is limited per region, src/cloud/call-limits.ts). */
  region?: string;
  /** Extra errors worth retrying besides transient ones (e.g. role propagation). */
  alsoRetry?: (e: unknown) => boolean;
  /** Overrides ctx.retry for this call. */
  tuning?: RetryTuning;
}

export async function callCloud<T>(
  ctx: CloudContext,
  action: string,
  resource: string,
  fn: () => Promise<T>,
  opts: CallOptions = {},
): Promise<T> {
  try {
    return await withRetry(limitedCall(ctx, action, opts.region, fn), {
      ...ctx.retry,
      ...opts.tuning,
      retryable: (e) => isTransient(e) || (opts.alsoRetry?.(e) ?? false),
      onRetry: (info) => ctx.onRetry?.({ ...info, action, resource }),
    });
  } catch (e) {
    throw toFc3RoleError(e, action, resource, { command: ctx.command });
  }
}

/** Runs a read that answers `notFoundCodes` for "absent": undefined then, any other error thrown. */
export async function findOrUndefined<T>(
  ctx: CloudContext,
  action: string,
  resource: string,
  notFoundCodes: readonly string[],
  fn: () => Promise<T>,
  opts: CallOptions = {},
): Promise<T | undefined> {
  try {
    return await callCloud(ctx, action, resource, fn, opts);
  } catch (e) {
    if (isFc3RoleError(e) && e.cloudCode !== undefined && notFoundCodes.includes(e.cloudCode)) return undefined;
    throw e;
  }
}
