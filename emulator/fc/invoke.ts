/**
 * InvokeFunction: runs the handler for real (sync, or async in the background), records the
 * invocation in FcState, and answers like FC: 200 + return value, 200 + x-fc-error-type on a
 * function error, 202 for async; the log tail in x-fc-log-result when asked.
 */
import { createHash } from 'crypto';
import { ApiError, type RestContext, type RestResult } from '../core/types';
import type { Account, World } from '../core/world';
import { assumeRoleAsService } from '../sts/assume';
import { FC_SERVICE, parseRoleArn, roleNotAssumable } from './access';
import { openFunctionRequest, requireLatestQualifier } from './handlers';
import { newInstanceId } from './runtime/instance';
import { assertRunnable, type HandlerContext, type RunOutcome } from './runtime/runner';
import type { FunctionRecord, InvocationRecord } from './state';

const LOG_TAIL_BYTES = 4096;
// Choice: payload limits are 32 MB (sync) and 128 KB (async). Larger is 400 EntityTooLarge "payload size exceeds maximum
// allowed size (%s bytes)" (source: https://www.alibabacloud.com/help/en/functioncompute/error-codes).
const MAX_SYNC_PAYLOAD = 32 * 1024 * 1024;
const MAX_ASYNC_PAYLOAD = 128 * 1024;

function header(ctx: RestContext, name: string): string | undefined {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Choice: without a role, context.credentials still exists with empty strings (handlers reading its fields do not crash).
const NO_CREDENTIALS = { accessKeyId: '', accessKeySecret: '', securityToken: '' };

// Choice: a role FC cannot assume at invoke time is a platform error 400 InvalidArgument (same text as at update), raised before an async invocation is accepted.
function functionCredentials(world: World, account: Account, fn: FunctionRecord, requestId: string): HandlerContext['credentials'] {
  if (fn.role === '') return NO_CREDENTIALS;
  parseRoleArn(fn.role);
  try {
    // FC acts for the function's account: assumeRoleAsService refuses a role of any other account.
    const creds = assumeRoleAsService(world, account.id, fn.role, FC_SERVICE, `fc-${requestId}`.slice(0, 64));
    return { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, securityToken: creds.securityToken };
  } catch (err) {
    if (err instanceof ApiError) throw roleNotAssumable(fn.role);
    throw err;
  }
}

function handlerEnv(fn: FunctionRecord, context: HandlerContext): Record<string, string> {
  const env: Record<string, string> = {
    ...fn.environmentVariables,
    FC_FUNCTION_NAME: fn.functionName,
    FC_FUNCTION_HANDLER: fn.handler,
    FC_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    FC_REGION: context.region,
    FC_ACCOUNT_ID: context.accountId,
  };
  if (context.credentials.accessKeyId !== '') {
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = context.credentials.accessKeyId;
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = context.credentials.accessKeySecret;
    env.ALIBABA_CLOUD_SECURITY_TOKEN = context.credentials.securityToken;
  }
  return env;
}

function invocationLog(requestId: string, outcome: RunOutcome, timeoutSeconds: number): string {
  const printed = outcome.output === '' || outcome.output.endsWith('\n') ? outcome.output : `${outcome.output}\n`;
  const timedOut = outcome.status === 'TimedOut'
    ? `${new Date().toISOString()} ${requestId} [ERROR] Function timed out after ${timeoutSeconds} seconds\n`
    : '';
  return `FC Invoke Start RequestId: ${requestId}\n${printed}${timedOut}FC Invoke End RequestId: ${requestId}\n`;
}

/** Base64 of the last ≤ 4 KB of the log, cut on a UTF-8 character boundary. */
export function logTail(log: string): string {
  let tail = Buffer.from(log, 'utf8');
  if (tail.length > LOG_TAIL_BYTES) tail = tail.subarray(tail.length - LOG_TAIL_BYTES);
  let start = 0;
  while (start < tail.length && (tail[start] & 0xc0) === 0x80) start += 1;
  return tail.subarray(start).toString('base64');
}

/**
 * What identifies the function's instances: the function and its whole configuration, so that after any
 * update the next request starts a new instance (the code, role, variables and handler it holds may have changed).
 */
function instanceKey(account: Account, fn: FunctionRecord): string {
  const config = JSON.stringify({ ...fn, code: fn.code.checksum });
  return `${account.id}/${fn.region}/${fn.functionId}/${createHash('sha256').update(config).digest('hex')}`;
}

async function execute(world: World, account: Account, fn: FunctionRecord, event: Buffer, context: HandlerContext): Promise<InvocationRecord> {
  const outcome = await world.fcRuntime.run({
    instanceKey: instanceKey(account, fn),
    runtime: fn.runtime,
    handler: fn.handler,
    codeDir: world.fcRuntime.ensureCodeDir(fn.code),
    event,
    context,
    env: handlerEnv(fn, context),
    timeoutSeconds: fn.timeout,
  });
  return account.fc.finishInvocation(context.requestId, {
    status: outcome.status,
    body: outcome.body,
    errorType: outcome.status === 'Succeeded' ? undefined : 'UnhandledInvocationError',
    log: invocationLog(context.requestId, outcome, fn.timeout),
    instanceId: outcome.instanceId,
    durationMs: outcome.durationMs,
    maxMemoryMb: outcome.maxMemoryMb,
  });
}

/**
 * Source: InvokeFunction response headers, https://www.alibabacloud.com/help/en/functioncompute/fc-2-0/developer-reference/api-invokefunction
 * (X-Fc-Error-Type "UnhandledInvocationError", X-Fc-Log-Result, X-Fc-Code-Checksum "the CRC-64 value of the code package",
 * X-Fc-Instance-Id "the ID of the function instance", X-Fc-Request-Id, X-Fc-Max-Memory-Usage "memory used, in MB" (e.g. 9.2),
 * X-Fc-Invocation-Duration "time the execution took, in milliseconds" (e.g. 10), X-Fc-Invocation-Service-Version),
 * as FC 3.0 still sends them (observed: x-fc-instance-id c-658af93f-189b68fc-1076dfe07057, x-fc-max-memory-usage 31.12,
 * x-fc-invocation-duration 76); devsapp/fc3 invoke prints x-fc-code-checksum, x-fc-instance-id, x-fc-invocation-service-version,
 * x-fc-request-id, x-fc-error-type and x-fc-log-result.
 */
function syncResult(fn: FunctionRecord, record: InvocationRecord, wantTail: boolean): RestResult {
  const headers: Record<string, string> = {
    'x-fc-request-id': record.requestId,
    'x-fc-code-checksum': fn.code.checksum,
    'x-fc-invocation-service-version': 'LATEST',
    'x-fc-instance-id': record.instanceId ?? newInstanceId(),
    'x-fc-invocation-duration': String(record.durationMs ?? 0),
    'x-fc-max-memory-usage': (record.maxMemoryMb ?? 0).toFixed(2),
    'content-type': record.errorType ? 'application/json' : 'application/octet-stream',
  };
  if (record.errorType) headers['x-fc-error-type'] = record.errorType;
  if (wantTail) headers['x-fc-log-result'] = logTail(record.log);
  return { status: 200, headers, body: record.body ?? Buffer.alloc(0) };
}

export async function invokeFunction(ctx: RestContext): Promise<RestResult> {
  const { region, account, name } = openFunctionRequest(ctx, 'InvokeFunction');
  requireLatestQualifier(ctx);
  const fn = account.fc.getFunction(region, name);
  assertRunnable(fn.runtime);
  const isAsync = (header(ctx, 'x-fc-invocation-type') ?? 'Sync').toLowerCase() === 'async';
  const limit = isAsync ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
  if (ctx.body.length > limit) {
    throw new ApiError(400, 'EntityTooLarge', `payload size exceeds maximum allowed size (${limit} bytes)`);
  }
  const context: HandlerContext = {
    requestId: ctx.requestId,
    credentials: functionCredentials(ctx.world, account, fn, ctx.requestId),
    function: { name: fn.functionName, handler: fn.handler, memory: fn.memorySize, timeout: fn.timeout },
    service: { logProject: '', logStore: '', qualifier: 'LATEST', versionId: '' },
    region,
    accountId: account.id,
  };
  account.fc.recordInvocation({
    requestId: ctx.requestId,
    region,
    functionName: fn.functionName,
    invocationType: isAsync ? 'Async' : 'Sync',
    status: 'Running',
    log: '',
  });
  const run = execute(ctx.world, account, fn, ctx.body, context).catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    account.fc.finishInvocation(ctx.requestId, { status: 'Failed', body: Buffer.from(JSON.stringify({ errorMessage: message })) });
    throw err;
  });
  if (isAsync) {
    run.catch(() => undefined);
    return { status: 202, headers: { 'x-fc-request-id': ctx.requestId }, body: '' };
  }
  const wantTail = (header(ctx, 'x-fc-log-type') ?? 'None').toLowerCase() === 'tail';
  return syncResult(fn, await run, wantTail);
}
