/** What one invocation of a handler ended with, and how the bootstraps' result JSON is read. */

export interface RunOutcome {
  status: 'Succeeded' | 'Failed' | 'TimedOut';
  /** The return value (Succeeded), or the FC error JSON (Failed, TimedOut). */
  body: Buffer;
  /** What the handler printed (FC-style lines from console/logging). */
  output: string;
  /** Wall time of the run, in ms. */
  durationMs: number;
  /** Peak resident memory of the handler process, in MB (0 when it did not report it). */
  maxMemoryMb: number;
}

export function errorBody(errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorMessage }));
}

/** The bootstrap's result: the outcome, the process's peak memory, and whether the instance must go (a crash). */
export type ParsedResult = Pick<RunOutcome, 'status' | 'body'> & { maxRssKb: number; fatal: boolean };

export function parseResult(raw: string): ParsedResult | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const result = parsed as Record<string, unknown>;
  const maxRssKb = typeof result.maxRssKb === 'number' ? result.maxRssKb : 0;
  const fatal = result.fatal === true;
  if (result.ok === true && typeof result.body === 'string') {
    return { status: 'Succeeded', body: Buffer.from(result.body, 'base64'), maxRssKb, fatal };
  }
  if (result.ok === false) {
    const body = {
      errorMessage: String(result.errorMessage ?? ''),
      errorType: String(result.errorType ?? 'Error'),
      stackTrace: Array.isArray(result.stackTrace) ? result.stackTrace.map(String) : [],
    };
    return { status: 'Failed', body: Buffer.from(JSON.stringify(body)), maxRssKb, fatal };
  }
  return undefined;
}

// Choice: a timed-out invocation answers {"errorMessage":"Function timed out after N seconds"} with x-fc-error-type UnhandledInvocationError.
export function timedOut(timeoutSeconds: number, output: string, durationMs: number): RunOutcome {
  return { status: 'TimedOut', body: errorBody(`Function timed out after ${timeoutSeconds} seconds`), output, durationMs, maxMemoryMb: 0 };
}

/**
 * Source: https://www.alibabacloud.com/help/en/functioncompute/user-guide/error-handling-nodejs ("If your function exits while
 * it is running ... Sample response: {"errorMessage": "Process exited unexpectedly before completing request (duration: 12ms, maxMemoryUsage: 0MB)"}").
 */
export function exitedUnexpectedly(output: string, durationMs: number): RunOutcome {
  const message = `Process exited unexpectedly before completing request (duration: ${durationMs}ms, maxMemoryUsage: 0MB)`;
  return { status: 'Failed', body: errorBody(message), output, durationMs, maxMemoryMb: 0 };
}
