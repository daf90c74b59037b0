/**
 * The FC calls of `s invoke`: InvokeFunction (streamed event, decoded answer), called first and alone,
 * through the SDK core with the FC client's request (src/cloud/fc-invoke.ts), and GetFunction, through
 * the real @alicloud/fc20230330 client, only when the function's timeout matters (see InvokeBudget).
 * SDK modules are required on first use only (loading them costs time on every `s` run; see
 * src/cloud/clients.ts).
 */
import { channel } from 'diagnostics_channel';
import type { ClientRequest } from 'http';
import { Readable } from 'stream';
import type Fc from '@alicloud/fc20230330';
import type { CloudContext } from '../cloud/clients';
import { sendInvokeFunction } from '../cloud/fc-invoke';
import { readAll } from './event';
import type { InvocationPlan, InvocationResult } from './types';

function fcModels(): typeof import('@alicloud/fc20230330') {
  return require('@alicloud/fc20230330') as typeof import('@alicloud/fc20230330');
}

/** Margin added to the function's own timeout (as fc3: +5 s, +30 s for custom-container). */
export function clientTimeoutSeconds(functionTimeout: number, runtime: string | undefined): number {
  return functionTimeout + (runtime === 'custom-container' ? 30 : 5);
}

/**
 * FC's bounds for a function's timeout: "Valid values: 1 to 86400" (CreateFunctionInput.timeout,
 * @alicloud/fc20230330, from the FC 3.0 API reference of CreateFunction).
 */
const FC_MIN_FUNCTION_TIMEOUT_SECONDS = 1;
const FC_MAX_FUNCTION_TIMEOUT_SECONDS = 86_400;

/** No function's default deadline ends before this (the shortest timeout + the smaller margin): 6 s. */
export const FIRST_DEADLINE_CHECK_SECONDS = clientTimeoutSeconds(FC_MIN_FUNCTION_TIMEOUT_SECONDS, undefined);
/** The SDK's own timeouts while the deadline is the function's: every function's deadline ends before it. */
const LONGEST_DEADLINE_SECONDS = clientTimeoutSeconds(FC_MAX_FUNCTION_TIMEOUT_SECONDS, 'custom-container');

/**
 * How long the client waits for InvokeFunction's answer.
 * - `fixed`: these seconds (`--timeout`, or an async call), set on the SDK call itself.
 * - `function`: the function's timeout + the margin, from the start of the call. Nothing is read
 *   before the call: when no answer has come after FIRST_DEADLINE_CHECK_SECONDS (no deadline can
 *   have passed before), `read()` gives the deadline (undefined when it cannot be read: the client
 *   then waits as long as any function may run).
 */
export type InvokeBudget = { kind: 'fixed'; seconds: number } | { kind: 'function'; read: () => Promise<number | undefined> };

/** The function's timeout (seconds, FC default 3 when absent) and runtime, from GetFunction. */
export async function getFunctionTimeout(
  client: Fc,
  plan: InvocationPlan,
): Promise<{ timeout: number; runtime?: string }> {
  const { GetFunctionRequest } = fcModels();
  const res = await client.getFunction(plan.functionName, new GetFunctionRequest({ qualifier: plan.qualifier }));
  const timeout = res.body?.timeout;
  return { timeout: typeof timeout === 'number' && timeout > 0 ? timeout : 3, runtime: res.body?.runtime };
}

/** The client timeout (seconds) that `e` ran out of, for the message of InvokeTimedOut. */
export function timedOutAfterSeconds(budget: InvokeBudget, e: unknown): number {
  if (e instanceof InvokeDeadlinePassed) return e.seconds;
  return budget.kind === 'fixed' ? budget.seconds : LONGEST_DEADLINE_SECONDS;
}

/** What the deadline rejects with: named as httpx names its own timeouts, so it maps to InvokeTimedOut. */
export class InvokeDeadlinePassed extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(readonly seconds: number) {
    super(`no answer within ${seconds} s`);
  }
}

/**
 * Calls InvokeFunction within `budget`; platform errors propagate as the SDK's errors, a passed
 * deadline as InvokeDeadlinePassed (`seconds` is the deadline that passed).
 */
// Choice: InvokeFunction is never retried (not idempotent: a dropped answer may hide a run).
export async function invokeFunction(ctx: CloudContext, plan: InvocationPlan, event: Buffer, budget: InvokeBudget): Promise<InvocationResult> {
  const sdkSeconds = budget.kind === 'fixed' ? budget.seconds : LONGEST_DEADLINE_SECONDS;
  if (budget.kind === 'fixed') return sendInvoke(ctx, plan, event, sdkSeconds);
  const capture = captureRequest(`/2023-03-30/functions/${encodeURIComponent(plan.functionName)}/invocations`);
  try {
    return await withDeadline(sendInvoke(ctx, plan, event, sdkSeconds), budget.read, capture.abort);
  } finally {
    capture.stop();
  }
}

async function sendInvoke(ctx: CloudContext, plan: InvocationPlan, event: Buffer, timeoutSeconds: number): Promise<InvocationResult> {
  // The SDK's "connect" timeout is an idle timeout of the whole call (see DEFAULT_CONNECT_TIMEOUT_MS in
  // src/cloud/clients.ts): a function answering later than it would be cut off. So it is the read timeout too.
  const res = await sendInvokeFunction(ctx, plan.region, {
    functionName: plan.functionName,
    qualifier: plan.qualifier,
    body: Readable.from([event]),
    invocationType: plan.invocationType,
    logType: plan.invocationType === 'Sync' ? 'Tail' : 'None',
    asyncTaskId: plan.asyncTaskId,
    timeoutMs: Math.ceil(timeoutSeconds * 1000),
  });
  const h = lowerCaseKeys(res.headers);
  const body = res.body ? await readAll(res.body) : Buffer.alloc(0);
  const result: InvocationResult = {
    statusCode: res.statusCode,
    requestId: h['x-fc-request-id'] ?? h['x-acs-request-id'] ?? '',
    body,
  };
  if (h['x-fc-error-type']) result.errorType = h['x-fc-error-type'];
  if (h['x-fc-log-result'] !== undefined) result.logs = Buffer.from(h['x-fc-log-result'], 'base64').toString('utf8');
  if (h['x-fc-async-task-id']) result.asyncTaskId = h['x-fc-async-task-id'];
  return result;
}

/**
 * `call`, unless its deadline passes first: after FIRST_DEADLINE_CHECK_SECONDS, `read` gives the
 * deadline (seconds from now's start); when it passes, `abort` ends the call and this rejects.
 * A read still running when the call settles is awaited (its errors ignored), so nothing outlives it.
 */
async function withDeadline<T>(call: Promise<T>, read: () => Promise<number | undefined>, abort: (e: Error) => void): Promise<T> {
  const started = Date.now();
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  let reading: Promise<void> = Promise.resolve();
  const passed = new Promise<never>((_, reject) => {
    const expire = (seconds: number): void => {
      const e = new InvokeDeadlinePassed(seconds);
      abort(e);
      reject(e);
    };
    const check = async (): Promise<void> => {
      const seconds = await read().catch(() => undefined);
      if (settled || seconds === undefined) return;
      const left = started + seconds * 1000 - Date.now();
      if (left <= 0) expire(seconds);
      else timer = setTimeout(() => expire(seconds), left);
    };
    timer = setTimeout(() => {
      reading = check();
    }, FIRST_DEADLINE_CHECK_SECONDS * 1000);
  });
  try {
    return await Promise.race([call, passed]);
  } finally {
    settled = true;
    clearTimeout(timer);
    await reading;
    clearTimeout(timer);
  }
}

/**
 * The SDK takes no AbortSignal, so the ClientRequest of our InvokeFunction is picked up from Node's
 * `http.client.request.start` diagnostics channel (Node >= 18.7) by its path, to end it when our own
 * deadline passes (otherwise the open socket keeps `s` running until the SDK's timeout).
 */
function captureRequest(pathPrefix: string): { abort: (e: Error) => void; stop: () => void } {
  const start = channel('http.client.request.start');
  let request: ClientRequest | undefined;
  let listening = true;
  const onStart = (message: unknown): void => {
    const candidate = (message as { request?: unknown } | undefined)?.request;
    if (!isClientRequest(candidate) || candidate.method !== 'POST' || !candidate.path.startsWith(pathPrefix)) return;
    request = candidate;
    stop();
  };
  const stop = (): void => {
    if (listening) start.unsubscribe(onStart);
    listening = false;
  };
  start.subscribe(onStart);
  return { abort: (e) => request?.destroy(e), stop };
}

function isClientRequest(value: unknown): value is ClientRequest {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.path === 'string' && typeof r.method === 'string' && typeof r.destroy === 'function';
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
