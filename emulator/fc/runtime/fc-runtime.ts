/**
 * The FC runtime resources of ONE emulator: its running handler processes, its extracted code and
 * the node_modules its Node.js handlers see. Owned by the World, so one emulator's reset() or close()
 * never touches another emulator's handlers in the same process.
 */
import type { ChildProcess } from 'child_process';
import type { FunctionCode } from '../state';
import { CodeCache } from './code-cache';
import { HandlerModules } from './handler-modules';
import { runHandler, type RunOutcome, type RunRequest } from './runner';

export class FcRuntime {
  private readonly running = new Set<ChildProcess>();
  private readonly code = new CodeCache();
  private readonly modules = new HandlerModules();

  ensureCodeDir(code: FunctionCode): string {
    return this.code.ensureCodeDir(code);
  }

  /** Runs one invocation in a child process tracked by this runtime. */
  run(request: Omit<RunRequest, 'nodePath'>): Promise<RunOutcome> {
    const nodePath = request.runtime.startsWith('nodejs') ? this.modules.nodePath() : '';
    return runHandler({ ...request, nodePath }, this.running);
  }

  /** How many handler processes of this emulator are alive. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Kills this emulator's running handlers (their invocations end as ProcessExited). */
  killRunning(): void {
    for (const child of this.running) child.kill('SIGKILL');
    this.running.clear();
  }

  /** Kills the handlers and removes the temp directories (emulator close). */
  dispose(): void {
    this.killRunning();
    this.code.dispose();
    this.modules.dispose();
  }
}
