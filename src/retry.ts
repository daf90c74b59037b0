/**
 * The component's one retry helper: bounded attempts, exponential backoff with full jitter, and an
 * overall deadline. Errors are classified by their CODE only (never by message text).
 */
import { Fc3RoleError } from './errors';

export interface RetryInfo {
  /** The attempt that just failed (1 = the first call). */
  attempt: number;
  /** How long we wait before the next attempt. */
  delayMs: number;
  error: unknown;
}

export interface RetryOptions {
  /** Whether an error is worth another attempt. */
  retryable: (e: unknown) => boolean;
  /** Total calls, the first included. @default 6 */
  attempts?: number;
  /**
   * Total calls while the cloud answers throttling (the call was refused, not applied, and waiting is
   * the answer): more than `attempts`, still within the deadline. @default 12, or `attempts` when that is given
   */
  throttledAttempts?: number;
  /** Cap of the first retry's delay; doubles each retry. @default 200 */
  baseDelayMs?: number;
  /** No single delay exceeds this. @default 5000 */
  maxDelayMs?: number;
  /** No retry starts once this much time has passed since the first call. @default 30000 */
  deadlineMs?: number;
  /** Called before each wait, to show progress. */
  onRetry?: (info: RetryInfo) => void;
  /** @default a setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); @default Math.random */
  random?: () => number;
  /** Milliseconds clock for the deadline; @default Date.now */
  now?: () => number;
}

/** The tuning part of RetryOptions, for callers that pass it through (e.g. tests shortening waits). */
export type RetryTuning = Omit<RetryOptions, 'retryable' | 'onRetry'>;

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The delay before retry number `retry` (1-based): uniform in [0, min(max, base * 2^(retry-1))). */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * cap);
}

/** Runs `fn`, retrying retryable failures; the last error is rethrown unchanged. */
// Choice: transient errors get 6 attempts, delays jittered under 200 ms, 400 ms, 800 ms, 1.6 s, 3.2 s (cap 5 s), all within 30 s; throttling gets 12: it counts requests per second, and four deploys of one s.yaml at once (four CI jobs) must outlast several full windows.
export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const attempts = Math.max(1, opts.attempts ?? 6);
  const throttledAttempts = Math.max(attempts, opts.throttledAttempts ?? (opts.attempts !== undefined ? attempts : 12));
  const baseDelayMs = opts.baseDelayMs ?? 200;
  const maxDelayMs = opts.maxDelayMs ?? 5000;
  const deadlineMs = opts.deadlineMs ?? 30_000;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const startedAt = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= (isThrottling(error) ? throttledAttempts : attempts) || !opts.retryable(error)) throw error;
      const delayMs = backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
      if (now() - startedAt + delayMs > deadlineMs) throw error;
      opts.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/** The cloud's error code of an SDK error, a Node network error, or an Fc3RoleError (its `cloudCode`). */
export function errorCodeOf(e: unknown): string | undefined {
  if (e instanceof Fc3RoleError) return e.cloudCode;
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' && code !== 'undefined' ? code : undefined;
}

function statusCodeOf(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const status = (e as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function nameOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const name = (e as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** Node socket codes of a dropped or timed-out connection ("socket hang up" carries ECONNRESET). */
// Choice: ECONNREFUSED is not transient (nothing listens: a wrong endpoint should fail fast, not wait out the retries).
export const DROPPED_CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
]);

const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ResourceThrottled',
  'ResourceExhausted',
  'ServiceUnavailable',
  'InternalError',
  'InternalServerError',
  'ServiceBusy',
]);

/** The cloud refused the call for its rate: throttling codes, the SDK's ThrottlingError, or a 429. */
export function isThrottling(e: unknown): boolean {
  if (e instanceof Fc3RoleError) return e.code === 'Throttled';
  const code = errorCodeOf(e);
  if (code !== undefined && (code.startsWith('Throttling') || code === 'ResourceThrottled')) return true;
  return nameOf(e) === 'ThrottlingError' || statusCodeOf(e) === 429;
}

/** Throttling, 5xx, and dropped connections: worth retrying whatever the call. */
export function isTransient(e: unknown): boolean {
  if (e instanceof Fc3RoleError) {
    return e.code === 'Throttled' || e.code === 'ServiceUnavailable' || e.code === 'NetworkError';
  }
  const code = errorCodeOf(e);
  if (code !== undefined) {
    if (code.startsWith('Throttling') || TRANSIENT_CODES.has(code) || DROPPED_CONNECTION_CODES.has(code)) return true;
  }
  const name = nameOf(e);
  // The SDK's read/connect timeouts carry no code, only this class name.
  if (name === 'ThrottlingError' || name === 'RequestTimeoutError') return true;
  const status = statusCodeOf(e);
  return status !== undefined && status >= 500 && status < 600;
}

/**
 * A failed write whose effect is unknown: no answer (reset, timeout) or a 5xx, after which the cloud
 * may or may not have applied it. The caller re-reads before it repeats or undoes anything. Throttling
 * and 4xx answers are definite: the write was not applied.
 */
export function isAmbiguousFailure(e: unknown): boolean {
  if (e instanceof Fc3RoleError) return e.code === 'NetworkError' || e.code === 'ServiceUnavailable';
  const code = errorCodeOf(e);
  if (code !== undefined && (DROPPED_CONNECTION_CODES.has(code) || code === 'ServiceUnavailable' || code === 'InternalError' || code === 'InternalServerError')) return true;
  if (nameOf(e) === 'RequestTimeoutError') return true;
  const status = statusCodeOf(e);
  return status !== undefined && status >= 500 && status < 600;
}

/** Codes Resource Manager answers while it does not see a role RAM already has. */
// Choice: RM's own spelling with an s (as in EntityNotExists.ResourceGroup) is accepted too.
const ROLE_NOT_VISIBLE_CODES: ReadonlySet<string> = new Set(['EntityNotExist.Role', 'EntityNotExists.Role']);

/**
 * RM AttachPolicy answers `EntityNotExist.Role` while it does not see a role yet. Only meaningful for
 * a role RAM has (created in this run, or read from RAM a moment ago): the caller decides that.
 */
export function isRoleNotVisible(e: unknown): boolean {
  const code = errorCodeOf(e);
  return code !== undefined && ROLE_NOT_VISIBLE_CODES.has(code);
}

/**
 * FC Create/UpdateFunction answers 400 `InvalidArgument` ("failed to assume role") while it cannot
 * assume the role. FC uses the same code for validation errors, so this is only asked for an
 * UpdateFunction that sends nothing but `role`, for a role RAM has and whose trust policy admits
 * fc.aliyuncs.com (src/apply/readiness.ts): then it can only mean that FC does not see the role yet.
 */
export function isFcRoleNotAssumable(e: unknown): boolean {
  return errorCodeOf(e) === 'InvalidArgument';
}
