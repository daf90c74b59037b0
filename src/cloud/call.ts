/**
 * The one way a wrapper calls the cloud: transient errors retried (src/retry.ts), then any failure
 * mapped to an Fc3RoleError naming the action and the resource.
 */
import { isFc3RoleError } from '../errors';
import { isAmbiguousFailure, isTransient, withRetry, type RetryTuning } from '../retry';
import type { CloudContext } from './clients';
import { toFc3RoleError } from './cloud-error';

export interface CallOptions {
  /** Extra errors worth retrying besides transient ones (e.g. role propagation). */
  alsoRetry?: (e: unknown) => boolean;
  /** Overrides ctx.retry for this call. */
  tuning?: RetryTuning;
  /**
   * False for a write that must not be sent again blindly after a failure whose effect is unknown (no
   * answer, 5xx): only definite refusals (throttling) are retried; the caller re-reads instead.
   * @default true
   */
  repeatable?: boolean;
}

export async function callCloud<T>(
  ctx: CloudContext,
  action: string,
  resource: string,
  fn: () => Promise<T>,
  opts: CallOptions = {},
): Promise<T> {
  try {
    return await withRetry(fn, {
      ...ctx.retry,
      ...opts.tuning,
      retryable: (e) => (isTransient(e) && (opts.repeatable !== false || !isAmbiguousFailure(e))) || (opts.alsoRetry?.(e) ?? false),
      onRetry: (info) => ctx.onRetry?.({ ...info, action, resource }),
    });
  } catch (e) {
    throw toFc3RoleError(e, action, resource, { command: ctx.command });
  }
}

/** Whether `e` is a cloud error with one of `codes`. */
export function hasCloudCode(e: unknown, codes: readonly string[]): boolean {
  return isFc3RoleError(e) && e.cloudCode !== undefined && codes.includes(e.cloudCode);
}

/** A `.catch` handler: undefined for an error with one of `codes` (e.g. the entity was deleted meanwhile), any other rethrown. */
export function undefinedOn(codes: readonly string[]): (e: unknown) => undefined {
  return (e) => {
    if (hasCloudCode(e, codes)) return undefined;
    throw e;
  };
}

/** Runs a read that answers `notFoundCodes` for "absent": undefined then, any other error thrown. */
export async function findOrUndefined<T>(
  ctx: CloudContext,
  action: string,
  resource: string,
  notFoundCodes: readonly string[],
  fn: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await callCloud(ctx, action, resource, fn);
  } catch (e) {
    if (hasCloudCode(e, notFoundCodes)) return undefined;
    throw e;
  }
}

/**
 * Runs a write whose `doneCodes` mean the cloud already holds what was wanted: another run of the same
 * s.yaml got there first, or our own earlier attempt took effect and its answer was lost (the transient
 * retry then meets e.g. EntityAlreadyExists.Role.Policy). Returns false when the cloud answered one of them.
 */
export async function ensureWrite(
  ctx: CloudContext,
  action: string,
  resource: string,
  doneCodes: readonly string[],
  fn: () => Promise<unknown>,
  opts: CallOptions = {},
): Promise<boolean> {
  try {
    await callCloud(ctx, action, resource, fn, opts);
    return true;
  } catch (e) {
    if (hasCloudCode(e, doneCodes)) return false;
    throw e;
  }
}
