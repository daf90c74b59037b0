/**
 * One warm instance of a function: a long-lived bootstrap process (node-bootstrap.js, python-bootstrap.py) that runs one invocation at
 * a time. Source: "Function Compute does not create a new instance for
 * each request. After an instance finishes processing a request, it is frozen rather than destroyed. When
 * the next request arrives before the frozen instance is destroyed, Function Compute reuses that instance"
 * (https://www.alibabacloud.com/help/en/functioncompute/fc/how-do-i-create-a-new-instance-for-each-request),
 * and "for built-in runtimes, an instance processes only one request at a time" (Invoke phase,
 * https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/function-instance-lifecycle).
 *
 * Wire: each request is one JSON line on the child's stdin. The child writes the handler's log to stdout
 * and ends each invocation with `RESULT_MARK<nonce>:<base64 of the result JSON>\n` on stdout, so the log
 * and the result arrive in order on one pipe (stderr is read as log too).
 */
import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { errorBody, exitedUnexpectedly, parseResult, timedOut, type RunOutcome } from './outcome';

const RESULT_MARK = '\u0000fc-emulator-result:';
const MAX_OUTPUT_BYTES = 1024 * 1024;

export interface InstanceSpawn {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

interface Busy {
  output: Buffer[];
  outputBytes: number;
  started: number;
  timeoutSeconds: number;
  timer: NodeJS.Timeout;
  timedOut: boolean;
  resolve: (outcome: InstanceOutcome) => void;
}

/** The outcome of one invocation, and whether the instance may serve the next one. */
export interface InstanceOutcome extends RunOutcome {
  reusable: boolean;
}

/** Stops the invocation's timer; what it printed and how long it ran. */
function ended(busy: Busy): { output: string; durationMs: number } {
  clearTimeout(busy.timer);
  return { output: Buffer.concat(busy.output).toString('utf8'), durationMs: Date.now() - busy.started };
}

/** An instance id as FC 3.0 reports it, e.g. c-658af93f-189b68fc-1076dfe07057. */
export function newInstanceId(): string {
  const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
  return `c-${hex(4)}-${hex(4)}-${hex(6)}`;
}

export class HandlerInstance {
  readonly id = newInstanceId();
  private readonly child: ChildProcess;
  private readonly mark: Buffer;
  private pending: Buffer = Buffer.alloc(0);
  private busy: Busy | undefined;
  private exited = false;
  /** Called once when the process is gone (killed, crashed, or exited by itself). */
  onExit: () => void = () => undefined;

  constructor(spawnSpec: InstanceSpawn) {
    const nonce = randomBytes(8).toString('hex');
    this.mark = Buffer.from(`${RESULT_MARK}${nonce}:`);
    this.child = spawn(spawnSpec.file, [...spawnSpec.args, nonce], { cwd: spawnSpec.cwd, env: spawnSpec.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.collect(chunk));
    this.child.stdin?.on('error', () => undefined);
    this.child.on('error', (err) => this.collect(Buffer.from(`emulator: failed to start the runtime: ${err.message}\n`)));
    this.child.on('close', () => this.closed());
  }

  get alive(): boolean {
    return !this.exited;
  }

  get idle(): boolean {
    return !this.exited && this.busy === undefined;
  }

  /** Runs one invocation (the instance must be idle); never rejects for the function's own failures. */
  run(request: object, timeoutSeconds: number): Promise<InstanceOutcome> {
    if (!this.idle) throw new Error('emulator: a function instance runs one invocation at a time');
    this.hold(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.busy) this.busy.timedOut = true;
        this.kill();
      }, timeoutSeconds * 1000);
      this.busy = { output: [], outputBytes: 0, started: Date.now(), timeoutSeconds, timer, timedOut: false, resolve };
      this.child.stdin?.write(`${JSON.stringify(request)}\n`);
    });
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** While idle, the instance does not keep the emulator's process alive. */
  private hold(on: boolean): void {
    const handles: unknown[] = [this.child, this.child.stdin, this.child.stdout, this.child.stderr];
    for (const h of handles) {
      const handle = h as { ref?: () => void; unref?: () => void } | null;
      if (on) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  private collect(chunk: Buffer): void {
    const busy = this.busy;
    if (!busy || busy.outputBytes >= MAX_OUTPUT_BYTES) return;
    busy.output.push(chunk);
    busy.outputBytes += chunk.length;
  }

  /** Stdout: log bytes up to the result mark, then the result line. */
  private read(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      const at = this.pending.indexOf(this.mark);
      if (at < 0) {
        // Keep what may be the start of a mark split across chunks.
        const keep = Math.min(this.pending.length, this.mark.length - 1);
        this.collect(this.pending.subarray(0, this.pending.length - keep));
        this.pending = this.pending.subarray(this.pending.length - keep);
        return;
      }
      const end = this.pending.indexOf(0x0a, at + this.mark.length);
      if (end < 0) return;
      this.collect(this.pending.subarray(0, at));
      const line = this.pending.subarray(at + this.mark.length, end).toString('utf8');
      this.pending = this.pending.subarray(end + 1);
      this.finish(Buffer.from(line, 'base64').toString('utf8'));
    }
  }

  private finish(rawResult: string): void {
    const busy = this.busy;
    if (!busy) return;
    this.busy = undefined;
    this.hold(false);
    const { output, durationMs } = ended(busy);
    const parsed = parseResult(rawResult);
    if (!parsed) {
      busy.resolve({ status: 'Failed', body: errorBody('emulator: unreadable result from the runtime'), output, durationMs, maxMemoryMb: 0, reusable: false });
      return;
    }
    const { maxRssKb, fatal, ...outcome } = parsed;
    busy.resolve({ ...outcome, output, durationMs, maxMemoryMb: maxRssKb / 1024, reusable: !fatal });
  }

  private closed(): void {
    this.exited = true;
    const busy = this.busy;
    if (busy && this.pending.length > 0) this.collect(this.pending);
    this.busy = undefined;
    if (busy) {
      const { output, durationMs } = ended(busy);
      const outcome = busy.timedOut ? timedOut(busy.timeoutSeconds, output, durationMs) : exitedUnexpectedly(output, durationMs);
      busy.resolve({ ...outcome, reusable: false });
    }
    this.onExit();
  }
}
