/**
 * How a runtime's process is started, and one invocation of a Python handler in a child process of its
 * own, with the function's timeout enforced: the bootstrap reads its input on stdin, writes the result
 * JSON on fd 3, and everything the handler prints on stdout/stderr becomes the invocation log.
 * (Node.js handlers run in warm instances instead: instance.ts.)
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { ApiError } from '../../core/types';
import { bootstrapPath } from './bootstrap-path';
import { exitedUnexpectedly, parseResult, timedOut as timedOutOutcome, type RunOutcome } from './outcome';

export type { RunOutcome } from './outcome';

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
  /** Invocations with the same key may share a warm instance (the function and its configuration: any update changes it). */
  instanceKey: string;
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

/** Whether the runtime's handlers run in warm instances (instance.ts) rather than a process per invocation. */
// Choice: Node.js functions keep warm instances; Python functions still start a process per invocation (a cold start each time).
export function keepsInstances(runtime: string): boolean {
  return isNodeRuntime(runtime);
}

/** The process of a Node.js instance: the bootstrap in serve mode, in the code folder, with the function's environment. */
export function instanceSpawn(request: RunRequest): { file: string; args: string[]; cwd: string; env: Record<string, string> } {
  const { file, args, env } = command(request.runtime, request.nodePath);
  return { file, args, cwd: request.codeDir, env: { ...baseEnv(), ...env, ...request.env } };
}

/** The input line of one invocation, as the bootstraps read it. */
export function invocationInput(request: RunRequest): Record<string, unknown> {
  return {
    codeDir: request.codeDir,
    pathMap: request.pathMap,
    cloudPort: request.cloudPort,
    runtime: request.runtime,
    handler: request.handler,
    env: request.env,
    event: request.event.toString('base64'),
    context: request.context,
  };
}

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of BASE_ENV_KEYS) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/**
 * Runs the handler in a process of its own; resolves with its outcome (never rejects for the function's own failures).
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
        resolve(timedOutOutcome(request.timeoutSeconds, printed, durationMs));
        return;
      }
      const parsed = parseResult(Buffer.concat(resultChunks).toString('utf8'));
      if (parsed) {
        const { maxRssKb, fatal: _fatal, ...outcome } = parsed;
        resolve({ ...outcome, output: printed, durationMs, maxMemoryMb: maxRssKb / 1024 });
        return;
      }
      resolve(exitedUnexpectedly(printed, durationMs));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(JSON.stringify(invocationInput(request)));
  });
}
