/**
 * The types of `s invoke`: what the component class passes in, what a person and a machine get back,
 * and the invocation as planned from flags and props.
 */
import type { ComponentLogger } from '../logger';
import type { ResolvedConfig } from '../config/types';
import type { InvokeFlags } from '../config/args';
import type { CloudContext } from '../cloud/clients';

export type { ComponentLogger, ResolvedConfig, InvokeFlags, CloudContext };

/** What the component's `invoke(inputs)` hands to runInvoke. */
export interface InvokeInputs {
  /** Undefined in `s cli` mode without props. */
  config?: ResolvedConfig;
  /** From parseCommandArgs('invoke', args). */
  flags: InvokeFlags;
  cloud: CloudContext;
  /** Read only when `-f -` or `-s` is given. */
  stdin: NodeJS.ReadableStream;
  /** Where `s` runs; `-f <path>` is relative to it. */
  cwd: string;
  /** `inputs.args` as `s` passed them (whether `s` swallows errors: src/exit-status.ts). @default [] */
  args?: readonly string[];
  /** The resource's name in s.yaml, for the failure report. */
  resourceName?: string;
  /** `s cli` mode (no s.yaml). @default false */
  cliMode?: boolean;
}

/** The command's return value; clean under `--silent -o json`. */
export interface InvokeOutput {
  functionName: string;
  region: string;
  qualifier: string;
  requestId: string;
  statusCode: number;
  /** The function's result as text ('' for async). */
  body: string;
  /** The `x-fc-error-type` header, when the function failed. */
  errorType?: string;
  /** The decoded log tail (sync only), when the report did not print it: with -o/--output-format or --silent. */
  logs?: string;
}

export type InvocationType = 'Sync' | 'Async';

/** Which function to call and how: the pure result of flags + props. */
export interface InvocationPlan {
  functionName: string;
  region: string;
  qualifier: string;
  invocationType: InvocationType;
  asyncTaskId?: string;
  /** Client read timeout in seconds when given by `--timeout`; else read from the function. */
  timeoutSeconds?: number;
}

/** Where the event comes from, in precedence order. */
export type EventSource =
  | { kind: 'inline'; text: string; origin: '--event' | 'props.invoke.event' | 'props.invoke.eventFile' }
  | { kind: 'file'; path: string; origin: '--event-file' }
  | { kind: 'stdin'; origin: '--event-file -' | '--event-stdin' }
  | { kind: 'none' };

/** What InvokeFunction answered, decoded. */
export interface InvocationResult {
  statusCode: number;
  requestId: string;
  body: Buffer;
  errorType?: string;
  logs?: string;
  /** `x-fc-async-task-id`, when the platform returned one. */
  asyncTaskId?: string;
}
