/**
 * What `s invoke` shows a person: the result body (pretty-printed when JSON), the decoded log tail
 * between markers, the request id; and, when the function failed, its error type, message and stack.
 */
import type { ComponentLogger } from '../logger';
import type { InvocationPlan, InvocationResult } from './types';

export const LOGS_BEGIN = '========= FC invoke Logs begin =========';
export const LOGS_END = '========= FC invoke Logs end =========';

/** The error FC reports in the body when the handler threw (`x-fc-error-type` set). */
export interface FunctionErrorBody {
  errorMessage: string;
  errorType?: string;
  stackTrace: string[];
}

/** Parses `{errorMessage, errorType, stackTrace}`; falls back to the raw text as the message. */
export function parseFunctionError(body: string): FunctionErrorBody {
  const parsed = parseJson(body);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const o = parsed as Record<string, unknown>;
    const message = typeof o.errorMessage === 'string' ? o.errorMessage : undefined;
    if (message !== undefined) {
      const out: FunctionErrorBody = { errorMessage: message, stackTrace: stackLines(o.stackTrace) };
      if (typeof o.errorType === 'string') out.errorType = o.errorType;
      return out;
    }
  }
  return { errorMessage: body, stackTrace: [] };
}

function stackLines(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
  if (typeof raw === 'string') return raw.split('\n');
  return [];
}

/** The body as shown to a person: indented JSON when it parses as an object or array, else the text. */
export function prettyBody(body: string): string {
  const parsed = parseJson(body);
  if (typeof parsed === 'object' && parsed !== null) return JSON.stringify(parsed, null, 2);
  return body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Prints the report of a finished invocation through the logger (raw lines). */
export function writeInvokeReport(logger: ComponentLogger, plan: InvocationPlan, result: InvocationResult): void {
  const target = `${plan.functionName} (region ${plan.region}, qualifier ${plan.qualifier})`;
  if (plan.invocationType === 'Async') {
    logger.write(`Invoked ${target} asynchronously (HTTP ${result.statusCode}).`);
    if (result.asyncTaskId) logger.write(`AsyncTaskId: ${result.asyncTaskId}`);
    logger.write(`RequestId: ${result.requestId}`);
    return;
  }
  if (result.logs !== undefined) {
    logger.write(LOGS_BEGIN);
    logger.write(result.logs.replace(/\n$/, ''));
    logger.write(LOGS_END);
  }
  const text = result.body.toString('utf8');
  if (result.errorType) {
    const err = parseFunctionError(text);
    logger.write(`Invoked ${target}: the function failed.`);
    logger.write(`Error Type: ${result.errorType}${err.errorType ? ` (${err.errorType})` : ''}`);
    logger.write(`Error Message: ${err.errorMessage}`);
    if (err.stackTrace.length > 0) {
      logger.write('Error Stack:');
      for (const frame of err.stackTrace) logger.write(`    ${frame}`);
    }
  } else {
    logger.write(`Invoked ${target}. Result:`);
    logger.write(prettyBody(text));
  }
  logger.write(`RequestId: ${result.requestId}`);
}
