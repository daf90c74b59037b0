/**
 * The two FC calls of `s invoke`, through the real @alicloud/fc20230330 client: GetFunction (for the
 * default client timeout) and InvokeFunction (streamed event, decoded answer). SDK modules are
 * required on first use only (loading them costs time on every `s` run; see src/cloud/clients.ts).
 */
import { Readable } from 'stream';
import type Fc from '@alicloud/fc20230330';
import { readAll } from './event';
import type { InvocationPlan, InvocationResult } from './types';

function fcModels(): typeof import('@alicloud/fc20230330') {
  return require('@alicloud/fc20230330') as typeof import('@alicloud/fc20230330');
}

/** Margin added to the function's own timeout (as fc3: +5 s, +30 s for custom-container). */
export function clientTimeoutSeconds(functionTimeout: number, runtime: string | undefined): number {
  return functionTimeout + (runtime === 'custom-container' ? 30 : 5);
}

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

/** Calls InvokeFunction; platform errors propagate as the SDK's errors. */
// Choice: InvokeFunction is never retried (not idempotent: a dropped answer may hide a run); only GetFunction goes through callCloud's retries.
export async function invokeFunction(
  client: Fc,
  plan: InvocationPlan,
  event: Buffer,
  readTimeoutSeconds: number,
): Promise<InvocationResult> {
  const { InvokeFunctionHeaders, InvokeFunctionRequest } = fcModels();
  const { RuntimeOptions } = require('@darabonba/typescript') as typeof import('@darabonba/typescript');
  const request = new InvokeFunctionRequest({ body: Readable.from([event]), qualifier: plan.qualifier });
  const headers = new InvokeFunctionHeaders({
    xFcInvocationType: plan.invocationType,
    ...(plan.invocationType === 'Sync' ? { xFcLogType: 'Tail' } : { xFcLogType: 'None' }),
    ...(plan.asyncTaskId !== undefined ? { xFcAsyncTaskId: plan.asyncTaskId } : {}),
  });
  // The SDK's "connect" timeout is an idle timeout of the whole call (see DEFAULT_CONNECT_TIMEOUT_MS in
  // src/cloud/clients.ts): a function answering later than it would be cut off. So it is the read timeout too.
  const waitMs = Math.ceil(readTimeoutSeconds * 1000);
  const runtime = new RuntimeOptions({ readTimeout: waitMs, connectTimeout: waitMs });
  const res = await client.invokeFunctionWithOptions(plan.functionName, request, headers, runtime);
  const h = lowerCaseKeys(res.headers ?? {});
  const body = res.body ? await readAll(res.body) : Buffer.alloc(0);
  const result: InvocationResult = {
    statusCode: res.statusCode ?? 0,
    requestId: h['x-fc-request-id'] ?? h['x-acs-request-id'] ?? '',
    body,
  };
  if (h['x-fc-error-type']) result.errorType = h['x-fc-error-type'];
  if (h['x-fc-log-result'] !== undefined) result.logs = Buffer.from(h['x-fc-log-result'], 'base64').toString('utf8');
  if (h['x-fc-async-task-id']) result.asyncTaskId = h['x-fc-async-task-id'];
  return result;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
