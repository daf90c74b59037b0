/**
 * `s invoke`: send the test event to the function and show what happened. Reads flags and props,
 * picks the function, reads the event, calls InvokeFunction, prints the report, returns the output.
 * A function error (`x-fc-error-type`) throws FunctionFailed so that `s` exits non-zero, except with
 * `-o/--output-format`, where the output (with errorType) is returned so that the machine gets it, and
 * the process is still made to fail (src/exit-status.ts).
 */
import { Fc3RoleError } from '../errors';
import { failEvenUnderOutputFormat } from '../exit-status';
import { callCloud, traceCall } from '../cloud/call';
import { fcClient } from '../cloud/clients';
import { clientTimeoutSeconds, getFunctionTimeout, invokeFunction, timedOutAfterSeconds, type InvokeBudget } from './call';
import { describeEventSource, planEventSource, readEventBytes } from './event';
import { toInvokeError } from './invoke-error';
import { describeTarget, planInvocation } from './plan';
import { parseFunctionError, writeInvokeReport } from './report';
import type { ComponentLogger, InvocationPlan, InvocationResult, InvokeInputs, InvokeOutput } from './types';

export type { InvokeInputs, InvokeOutput } from './types';

// Choice: an async invocation never reads the function's timeout: its answer is immediate, so the client waits 30 s.
const ASYNC_READ_TIMEOUT_SECONDS = 30;

export async function runInvoke(inputs: InvokeInputs, logger: ComponentLogger): Promise<InvokeOutput> {
  const { config, flags } = inputs;
  const plan = planInvocation({
    flagFunctionName: flags.functionName,
    flagRegion: flags.region,
    flagQualifier: flags.qualifier,
    flagInvocationType: flags.invocationType,
    flagAsyncTaskId: flags.asyncTaskId,
    flagTimeout: flags.timeout,
    propsFunction: config?.invoke.functionName,
    propsRegion: config?.invoke.region ?? config?.region,
    declaredFunctions: config?.desired.functions ?? [],
  });
  const source = planEventSource({
    flagEvent: flags.event,
    flagEventFile: flags.eventFile,
    flagEventStdin: flags.eventStdin,
    propsEvent: config?.invoke.event,
    cwd: inputs.cwd,
  });
  const event = await readEventBytes(source, inputs.stdin);
  logger.debug(`Invoking ${describeTarget(plan)} (${plan.invocationType}) with ${describeEventSource(source)}, ${event.length} bytes`);

  const budget = clientBudget(inputs, plan, logger);
  let result: InvocationResult;
  try {
    result = await traceCall(inputs.cloud, 'InvokeFunction', describeTarget(plan), () => invokeFunction(inputs.cloud, plan, event, budget));
  } catch (e) {
    throw toInvokeError(e, plan, timedOutAfterSeconds(budget, e));
  }
  writeInvokeReport(logger, plan, result);
  if (result.errorType) {
    // On failure only: explaining a denial evaluates the role's policies (src/policy), which a success never needs.
    const { explainDenial } = require('./explain-denial') as typeof import('./explain-denial');
    const explanation = await explainDenial(inputs.cloud, plan, parseFunctionError(result.body.toString('utf8')));
    const failed = functionFailed(plan, result, explanation);
    // Choice: with -o/--output-format (`s` swallows a thrown error there and prints nothing), a failed function's output (errorType, body, logs) is returned, the failure is reported on stderr and the process exits 101; without -o every x-fc-error-type fails the command.
    if (!failEvenUnderOutputFormat(failed, { args: inputs.args ?? [], resourceName: inputs.resourceName, command: 'invoke', cliMode: inputs.cliMode ?? false })) throw failed;
    logger.error(failed.message);
  }
  // Choice: the log tail is printed once: by the report, or (with -o or --silent, where no one reads the report) in the output.
  const reportShowsLogs = flags.outputFormat === undefined && !flags.silent;
  return toOutput(plan, result, { withLogs: !reportShowsLogs });
}

/**
 * `--timeout`, else 30 s for an async call, else the function's timeout + the margin: InvokeFunction
 * goes first, and GetFunction is read only if the call is still running when that can matter.
 */
function clientBudget(inputs: InvokeInputs, plan: InvocationPlan, logger: ComponentLogger): InvokeBudget {
  if (plan.timeoutSeconds !== undefined) return { kind: 'fixed', seconds: plan.timeoutSeconds };
  if (plan.invocationType === 'Async') return { kind: 'fixed', seconds: ASYNC_READ_TIMEOUT_SECONDS };
  return {
    kind: 'function',
    read: async () => {
      try {
        const client = fcClient(inputs.cloud, plan.region);
        const fn = await callCloud(inputs.cloud, 'GetFunction', describeTarget(plan), () => getFunctionTimeout(client, plan));
        const seconds = clientTimeoutSeconds(fn.timeout, fn.runtime);
        logger.debug(`No answer yet from ${describeTarget(plan)}: waiting up to ${seconds} s (its timeout + margin)`);
        return seconds;
      } catch (e) {
        // Choice: when the function's timeout cannot be read (e.g. no fc:GetFunction), the client waits as long as any function may run rather than fail a running invocation.
        logger.debug(`Could not read the timeout of ${describeTarget(plan)} (${toInvokeError(e, plan, undefined).code}); waiting for the answer`);
        return undefined;
      }
    },
  };
}

function toOutput(plan: InvocationPlan, result: InvocationResult, opts: { withLogs: boolean }): InvokeOutput {
  const output: InvokeOutput = {
    functionName: plan.functionName,
    region: plan.region,
    qualifier: plan.qualifier,
    requestId: result.requestId,
    statusCode: result.statusCode,
    body: result.body.toString('utf8'),
  };
  if (result.errorType) output.errorType = result.errorType;
  if (result.logs !== undefined && opts.withLogs) output.logs = result.logs;
  return output;
}

function functionFailed(plan: InvocationPlan, result: InvocationResult, explanation: readonly string[]): Fc3RoleError {
  const err = parseFunctionError(result.body.toString('utf8'));
  return new Fc3RoleError(
    'FunctionFailed',
    `InvokeFunction of ${describeTarget(plan)}: the function failed with ${result.errorType}` +
      `${err.errorType ? ` (${err.errorType})` : ''}: ${err.errorMessage}`,
    {
      hint: explanation.length > 0
        ? explanation.join('\n')
        : 'The function itself failed (see its error, stack and logs above); fix the handler or the event, or the role\'s policies if it was denied access.',
      requestId: result.requestId,
    },
  );
}
