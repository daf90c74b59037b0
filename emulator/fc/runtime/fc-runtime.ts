/**
 * The FC runtime resources of ONE emulator: its running handler processes, its extracted code and
 * the node_modules its Node.js handlers see. Owned by the World, so one emulator's reset() or close()
 * never touches another emulator's handlers in the same process.
 */
import type { ChildProcess } from 'child_process';
import type { FunctionCode } from '../state';
import { CodeCache } from './code-cache';
import { HandlerModules } from './handler-modules';
import { bootstrapFor, runHandler, type RunOutcome, type RunRequest } from './runner';

export class FcRuntime {
  private readonly running = new Set<ChildProcess>();
  private readonly code = new CodeCache();
  private readonly modules = new HandlerModules();
  private cloudPort: number | undefined;

  /** The emulator's shared port, where handlers' connections to Alibaba Cloud hosts (*.aliyuncs.com) go. */
  routeCloudHostsTo(port: number): void {
    this.cloudPort = port;
  }

  ensureCodeDir(code: FunctionCode): string {
    return this.code.ensureCodeDir(code);
  }

  /** Runs one invocation in a child process tracked by this runtime. */
  run(request: Omit<RunRequest, 'nodePath' | 'pathMap' | 'cloudPort'>): Promise<RunOutcome> {
    const nodePath = request.runtime.startsWith('nodejs') ? this.modules.nodePath() : '';
    const pathMap = this.pathMap(request.runtime, request.codeDir, nodePath);
    return runHandler({ ...request, nodePath, pathMap, cloudPort: this.cloudPort }, this.running);
  }

  /**
   * Host paths -> the paths FC shows: the code at /code, the runtime's files under /var/fc/runtime/<runtime>.
   */
  // Choice: handlers run in the extracted code folder (no chroot: that needs root); process.cwd()/os.getcwd() report /code and stack traces and error messages show /code and /var/fc/runtime/<runtime> instead of host paths; __dirname/__file and fs paths stay the real folder.
  private pathMap(runtime: string, codeDir: string, nodePath: string): Array<[string, string]> {
    const runtimeDir = `/var/fc/runtime/${runtime}`;
    const map: Array<[string, string]> = [[codeDir, '/code'], [bootstrapFor(runtime), `${runtimeDir}/bootstrap`]];
    for (const [name, dir] of this.modules.packageDirs) map.push([dir, `${runtimeDir}/node_modules/${name}`]);
    if (nodePath !== '') map.push([nodePath, `${runtimeDir}/node_modules`]);
    return map.sort((a, b) => b[0].length - a[0].length);
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
