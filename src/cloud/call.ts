/**
 * The one way a wrapper calls the cloud: transient errors retried (src/retry.ts), then any failure
 * mapped to an Fc3RoleError naming the action and the resource.
 */
import { isFc3RoleError } from '../errors';
import { isAmbiguousFailure, isTransient, withRetry, type RetryTuning } from '../retry';
import type { CloudContext } from './clients';
import { qualifiedAction, readCloudError, toFc3RoleError } from './cloud-error';
import { limitedCall } from './call-limits';

export interface CallOptions {
  /** The FC region called (FC is limited per region, src/cloud/call-limits.ts). */
  region?: string;
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

/** One cloud call as `--debug` shows it: never a secret (no credentials, no request or answer body). */
export interface CallTrace {
  /** RAM, STS, ResourceManager or FC. */
  product: string;
  action: string;
  resource: string;
  /** The HTTP status, or the network error's code when there was no answer. */
  status: string;
  /** The cloud's error code, when the call failed. */
  code?: string;
  requestId?: string;
  durationMs: number;
  /** 1 for the first call, 2 for its first retry, ... */
  attempt: number;
}

const PRODUCTS: Record<string, string> = { ram: 'RAM', sts: 'STS', resourcemanager: 'ResourceManager', fc: 'FC' };

function productOf(action: string): string {
  return PRODUCTS[qualifiedAction(action).split(':')[0]] ?? 'cloud';
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** What an SDK answer says about itself: `{ statusCode, headers, body: { requestId } }`. */
function answerTrace(res: unknown): Pick<CallTrace, 'status' | 'requestId'> {
  const headers = field(res, 'headers');
  const requestId =
    text(field(field(res, 'body'), 'requestId')) ??
    text(field(headers, 'x-acs-request-id')) ??
    text(field(headers, 'x-fc-request-id')) ??
    text(field(res, 'requestId'));
  return { status: text(field(res, 'statusCode')) ?? 'ok', ...(requestId ? { requestId } : {}) };
}

function failureTrace(e: unknown): Pick<CallTrace, 'status' | 'code' | 'requestId'> {
  const f = readCloudError(e);
  return {
    status: f.statusCode !== undefined ? String(f.statusCode) : f.code ?? f.name ?? 'error',
    ...(f.code ? { code: f.code } : {}),
    ...(f.requestId ? { requestId: f.requestId } : {}),
  };
}

/** `FC UpdateFunction function cn-hangzhou/f -> 200 (RequestId 1-ab..., 35 ms)`: one line of the --debug trace. */
export function formatTrace(t: CallTrace): string {
  const code = t.code && t.code !== t.status ? ` ${t.code}` : '';
  const retry = t.attempt > 1 ? `, attempt ${t.attempt}` : '';
  return `${t.product} ${t.action} ${t.resource} -> ${t.status}${code} (RequestId ${t.requestId ?? '-'}, ${t.durationMs} ms${retry})`;
}

/**
 * Runs one call and reports it to ctx.onCall (the `--debug` trace): every call to the cloud passes
 * here, through callCloud or directly (calls that are never retried, e.g. InvokeFunction).
 */
export async function traceCall<T>(ctx: CloudContext, action: string, resource: string, fn: () => Promise<T>, attempt = 1): Promise<T> {
  if (!ctx.onCall) return fn();
  const product = productOf(action);
  const started = Date.now();
  try {
    const res = await fn();
    ctx.onCall({ product, action, resource, attempt, durationMs: Date.now() - started, ...answerTrace(res) });
    return res;
  } catch (e) {
    ctx.onCall({ product, action, resource, attempt, durationMs: Date.now() - started, ...failureTrace(e) });
    throw e;
  }
}

export async function callCloud<T>(
  ctx: CloudContext,
  action: string,
  resource: string,
  fn: () => Promise<T>,
  opts: CallOptions = {},
): Promise<T> {
  let attempt = 0;
  try {
    // Each attempt waits for its turn in the limiter; the trace times the call itself.
    return await withRetry(limitedCall(ctx, action, opts.region, () => traceCall(ctx, action, resource, fn, ++attempt)), {
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
  opts: CallOptions = {},
): Promise<T | undefined> {
  try {
    return await callCloud(ctx, action, resource, fn, opts);
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
