/**
 * Runs one invocation of a Node.js or Python handler in a child process, with the function's
 * timeout enforced. The bootstrap reads its input on stdin, writes the result JSON on fd 3, and
 * everything the handler prints on stdout/stderr becomes the invocation log.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { ApiError } from '../../core/types';
import { bootstrapPath } from './bootstrap-path';

export interface HandlerContext {
  requestId: string;
  /** Empty strings when the function has no role. */
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  function: { name: string; handler: string; memory: number; timeout: number };
  service: { logProject: string; logStore: string; qualifier: string; versionId: string };
  region: string;
  accountId: string;
}

export interface RunRequest {
  runtime: string;
  handler: string;
  codeDir: string;
  event: Buffer;
  context: HandlerContext;
  /** Environment of the child on top of a minimal base (PATH, HOME, ...). */
  env: Record<string, string>;
  timeoutSeconds: number;
  /** NODE_PATH of Node.js handlers: the packages the runtime provides (handler-modules.ts). */
  nodePath: string;
  /** Host path -> the path FC shows (the code at /code, ...): what the handler sees is mapped. */
  pathMap: Array<[string, string]>;
  /** The emulator's shared port: the handler's connections to *.aliyuncs.com:80 go there (undefined: not routed). */
  cloudPort?: number;
}

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

const MAX_OUTPUT_BYTES = 1024 * 1024;
const BASE_ENV_KEYS = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR', 'SYSTEMROOT', 'PYENV_ROOT', 'PYENV_VERSION'];
let pythonExecutable: string | undefined;

function isNodeRuntime(runtime: string): boolean {
  return runtime.startsWith('nodejs');
}

function isPythonRuntime(runtime: string): boolean {
  return runtime.startsWith('python3');
}

/** The real interpreter behind `python3` (resolved once: pyenv shims are slow to start). */
function findPython(): string {
  if (!pythonExecutable) {
    pythonExecutable = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  }
  return pythonExecutable;
}

// Choice: runtimes other than nodejs* and python3* are accepted by CreateFunction but invoking them is 501 NotImplemented.
function command(runtime: string, nodePath = ''): { file: string; args: string[]; env: Record<string, string> } {
  if (isNodeRuntime(runtime)) {
    return { file: process.execPath, args: [bootstrapPath('node-bootstrap.js')], env: { NODE_PATH: nodePath } };
  }
  if (isPythonRuntime(runtime)) {
    return { file: findPython(), args: ['-u', bootstrapPath('python-bootstrap.py')], env: { PYTHONDONTWRITEBYTECODE: '1' } };
  }
  throw new ApiError(501, 'NotImplemented', `the emulator cannot run functions of runtime '${runtime}'`);
}

/** The bootstrap file a runtime runs (its host path is mapped to FC's in what handlers see). */
export function bootstrapFor(runtime: string): string {
  return bootstrapPath(isNodeRuntime(runtime) ? 'node-bootstrap.js' : 'python-bootstrap.py');
}

/** Throws 501 NotImplemented for a runtime the emulator cannot run. */
export function assertRunnable(runtime: string): void {
  if (!isNodeRuntime(runtime) && !isPythonRuntime(runtime)) command(runtime);
}

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of BASE_ENV_KEYS) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

function errorBody(errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorMessage }));
}

type ParsedResult = Omit<RunOutcome, 'output' | 'durationMs' | 'maxMemoryMb'> & { maxRssKb: number };

function parseResult(raw: string): ParsedResult | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const result = parsed as Record<string, unknown>;
  const maxRssKb = typeof result.maxRssKb === 'number' ? result.maxRssKb : 0;
  if (result.ok === true && typeof result.body === 'string') {
    return { status: 'Succeeded', body: Buffer.from(result.body, 'base64'), maxRssKb };
  }
  if (result.ok === false) {
    const body = {
      errorMessage: String(result.errorMessage ?? ''),
      errorType: String(result.errorType ?? 'Error'),
      stackTrace: Array.isArray(result.stackTrace) ? result.stackTrace.map(String) : [],
    };
    return { status: 'Failed', body: Buffer.from(JSON.stringify(body)), maxRssKb };
  }
  return undefined;
}

/**
 * Runs the handler; resolves with its outcome (never rejects for the function's own failures).
 * The child is in `running` until it exits (so its owner can kill it).
 */
export function runHandler(request: RunRequest, running: Set<ChildProcess>): Promise<RunOutcome> {
  const { file, args, env } = command(request.runtime, request.nodePath);
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: request.codeDir,
      env: { ...baseEnv(), ...env, ...request.env },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    const started = Date.now();
    const output: Buffer[] = [];
    let outputBytes = 0;
    const collect = (chunk: Buffer): void => {
      if (outputBytes >= MAX_OUTPUT_BYTES) return;
      output.push(chunk);
      outputBytes += chunk.length;
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const resultChunks: Buffer[] = [];
    const resultPipe = child.stdio[3];
    if (resultPipe && 'on' in resultPipe) resultPipe.on('data', (chunk: Buffer) => resultChunks.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, request.timeoutSeconds * 1000);
    child.on('error', (err) => collect(Buffer.from(`emulator: failed to start the runtime: ${err.message}\n`)));
    child.on('close', () => {
      clearTimeout(timer);
      running.delete(child);
      const printed = Buffer.concat(output).toString('utf8');
      const durationMs = Date.now() - started;
      if (timedOut) {
        // Choice: a timed-out invocation answers {"errorMessage":"Function timed out after N seconds"} with x-fc-error-type UnhandledInvocationError.
        const body = errorBody(`Function timed out after ${request.timeoutSeconds} seconds`);
        resolve({ status: 'TimedOut', body, output: printed, durationMs, maxMemoryMb: 0 });
        return;
      }
      const parsed = parseResult(Buffer.concat(resultChunks).toString('utf8'));
      if (parsed) {
        const { maxRssKb, ...outcome } = parsed;
        resolve({ ...outcome, output: printed, durationMs, maxMemoryMb: maxRssKb / 1024 });
        return;
      }
      // Source: https://www.alibabacloud.com/help/en/functioncompute/user-guide/error-handling-nodejs ("If your function exits while
      // it is running ... Sample response: {"errorMessage": "Process exited unexpectedly before completing request (duration: 12ms, maxMemoryUsage: 0MB)"}").
      const message = `Process exited unexpectedly before completing request (duration: ${durationMs}ms, maxMemoryUsage: 0MB)`;
      resolve({ status: 'Failed', body: errorBody(message), output: printed, durationMs, maxMemoryMb: 0 });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(JSON.stringify({
      codeDir: request.codeDir,
      pathMap: request.pathMap,
      cloudPort: request.cloudPort,
      runtime: request.runtime,
      handler: request.handler,
      event: request.event.toString('base64'),
      context: request.context,
    }));
  });
}
