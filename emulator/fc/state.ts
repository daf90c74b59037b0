/**
 * Function Compute 3.0 state of one account: functions per region, and the record of every
 * invocation (sync and async) so tests can wait for background results. Plain data, no I/O.
 */
import { ApiError } from '../core/types';

export interface FunctionCode {
  /** The zip as uploaded (decoded from code.zipFile). */
  zip: Buffer;
  /** Decimal CRC-64/ECMA of the zip. */
  checksum: string;
}

/** Configuration the emulator understands; everything else sent by the client is kept in `extra` and echoed back. */
export interface FunctionConfig {
  runtime: string;
  handler: string;
  /** Role ARN as sent, or '' for none. */
  role: string;
  description: string;
  timeout: number;
  memorySize: number;
  cpu: number;
  diskSize: number;
  instanceConcurrency: number;
  internetAccess: boolean;
  environmentVariables: Record<string, string>;
  extra: Record<string, unknown>;
}

export interface FunctionRecord extends FunctionConfig {
  region: string;
  functionName: string;
  functionId: string;
  code: FunctionCode;
  createdTime: string;
  lastModifiedTime: string;
}

export type InvocationStatus = 'Running' | 'Succeeded' | 'Failed' | 'TimedOut';

export interface InvocationRecord {
  requestId: string;
  region: string;
  functionName: string;
  invocationType: 'Sync' | 'Async';
  status: InvocationStatus;
  /** The response body (return value, or the error JSON when the function failed). */
  body?: Buffer;
  /** x-fc-error-type when the function failed (UnhandledInvocationError). */
  errorType?: string;
  /** FC-style log of the run (start/end lines and the handler's output). */
  log: string;
  /** The instance that ran it (x-fc-instance-id), its wall time in ms and peak memory in MB. */
  instanceId?: string;
  durationMs?: number;
  maxMemoryMb?: number;
  /** A platform error that prevented the run (e.g. the role could not be assumed). */
  platformError?: { status: number; code: string; message: string };
}

function functionNotFound(name: string): ApiError {
  return new ApiError(404, 'FunctionNotFound', `function '${name}' does not exist`);
}

export class FcState {
  private readonly regions = new Map<string, Map<string, FunctionRecord>>();
  private readonly invocations = new Map<string, InvocationRecord>();
  private readonly waiters = new Map<string, Array<(record: InvocationRecord) => void>>();

  constructor(readonly accountId: string) {}

  private functionsIn(region: string): Map<string, FunctionRecord> {
    let functions = this.regions.get(region);
    if (!functions) {
      functions = new Map();
      this.regions.set(region, functions);
    }
    return functions;
  }

  findFunction(region: string, name: string): FunctionRecord | undefined {
    return this.regions.get(region)?.get(name);
  }

  /** Throws 404 FunctionNotFound. */
  getFunction(region: string, name: string): FunctionRecord {
    const record = this.findFunction(region, name);
    if (!record) throw functionNotFound(name);
    return record;
  }

  /** Throws 409 FunctionAlreadyExists. */
  addFunction(record: FunctionRecord): void {
    const functions = this.functionsIn(record.region);
    if (functions.has(record.functionName)) {
      throw new ApiError(409, 'FunctionAlreadyExists', `function '${record.functionName}' already exists`);
    }
    functions.set(record.functionName, record);
  }

  /** Replaces an existing function's record; throws 404 FunctionNotFound. */
  replaceFunction(record: FunctionRecord): void {
    this.getFunction(record.region, record.functionName);
    this.functionsIn(record.region).set(record.functionName, record);
  }

  /** Throws 404 FunctionNotFound. */
  deleteFunction(region: string, name: string): void {
    this.getFunction(region, name);
    this.functionsIn(region).delete(name);
  }

  /** Functions of a region sorted by name. */
  listFunctions(region: string): FunctionRecord[] {
    return [...this.functionsIn(region).values()].sort((a, b) => (a.functionName < b.functionName ? -1 : 1));
  }

  recordInvocation(record: InvocationRecord): void {
    this.invocations.set(record.requestId, record);
    if (record.status !== 'Running') this.notify(record);
  }

  /** Marks a running invocation finished and wakes its waiters. */
  finishInvocation(requestId: string, outcome: Partial<InvocationRecord> & { status: InvocationStatus }): InvocationRecord {
    const current = this.invocations.get(requestId);
    if (!current) throw new Error(`emulator: unknown invocation ${requestId}`);
    const finished: InvocationRecord = { ...current, ...outcome };
    this.invocations.set(requestId, finished);
    if (finished.status !== 'Running') this.notify(finished);
    return finished;
  }

  findInvocation(requestId: string): InvocationRecord | undefined {
    return this.invocations.get(requestId);
  }

  listInvocations(): InvocationRecord[] {
    return [...this.invocations.values()];
  }

  /** Resolves once the invocation has finished (immediately if it already has); rejects after timeoutMs. */
  waitForInvocation(requestId: string, timeoutMs = 15000): Promise<InvocationRecord> {
    const known = this.invocations.get(requestId);
    if (known && known.status !== 'Running') return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`emulator: invocation ${requestId} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiters = this.waiters.get(requestId) ?? [];
      waiters.push((record) => {
        clearTimeout(timer);
        resolve(record);
      });
      this.waiters.set(requestId, waiters);
    });
  }

  private notify(record: InvocationRecord): void {
    const waiters = this.waiters.get(record.requestId) ?? [];
    this.waiters.delete(record.requestId);
    for (const wake of waiters) wake(record);
  }
}
