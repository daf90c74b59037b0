/**
 * How a runtime's instance process is started (the bootstrap of its runtime, in the function's code
 * folder, with its environment) and what one invocation sends it; instance.ts runs the process.
 */
import { execFileSync } from 'child_process';
import { ApiError } from '../../core/types';
import { bootstrapPath } from './bootstrap-path';
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

/** The process of an instance: the runtime's bootstrap, in the code folder, with the function's environment. */
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
