/**
 * The FC runtime resources of ONE emulator: its function instances and running handler processes, its
 * extracted code and the node_modules its Node.js handlers see. Owned by the World, so one emulator's
 * reset() or close() never touches another emulator's handlers in the same process.
 */
import type { FunctionCode } from '../state';
import { CodeCache } from './code-cache';
import { HandlerModules } from './handler-modules';
import { HandlerInstance } from './instance';
import { bootstrapFor, instanceSpawn, invocationInput, type RunOutcome, type RunRequest } from './runner';

/**
 * How long an instance stays frozen without a request before it is destroyed, and how many frozen
 * instances one emulator keeps. FC documents neither ("destroyed after it receives no requests for a
 * period of time", function-instance-lifecycle): these are the emulator's, small enough for a test machine.
 */
// Choice: a frozen instance lives 60 s; at most 8 are kept per emulator (the longest frozen goes first).
const IDLE_LIFETIME_MS = 60_000;
const MAX_FROZEN = 8;

export class FcRuntime {
  /** Instances by key (RunRequest.instanceKey), busy or frozen. */
  private readonly instances = new Map<string, Set<HandlerInstance>>();
  /** Frozen instances, longest frozen first, with the timer that destroys them. */
  private readonly frozen = new Map<HandlerInstance, NodeJS.Timeout>();
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

  /** Runs one invocation: on a frozen instance of the same key, else on a new one. */
  async run(request: Omit<RunRequest, 'nodePath' | 'pathMap' | 'cloudPort'>): Promise<RunOutcome & { instanceId: string }> {
    const nodePath = request.runtime.startsWith('nodejs') ? this.modules.nodePath() : '';
    const pathMap = this.pathMap(request.runtime, request.codeDir, nodePath);
    const full: RunRequest = { ...request, nodePath, pathMap, cloudPort: this.cloudPort };
    const instance = this.thaw(full.instanceKey) ?? this.start(full);
    const outcome = await instance.run(invocationInput(full), full.timeoutSeconds);
    // Choice: an instance that crashed, timed out or could not load its handler is destroyed; one that answered (success or handler error) is frozen for the next request.
    if (outcome.reusable && instance.alive) this.freeze(instance);
    else instance.kill();
    const { reusable: _reusable, ...result } = outcome;
    return { ...result, instanceId: instance.id };
  }

  private start(request: RunRequest): HandlerInstance {
    const instance = new HandlerInstance(instanceSpawn(request));
    const ofKey = this.instances.get(request.instanceKey) ?? new Set<HandlerInstance>();
    this.instances.set(request.instanceKey, ofKey);
    ofKey.add(instance);
    instance.onExit = () => {
      ofKey.delete(instance);
      if (ofKey.size === 0 && this.instances.get(request.instanceKey) === ofKey) this.instances.delete(request.instanceKey);
      this.unfreeze(instance);
    };
    return instance;
  }

  private thaw(key: string): HandlerInstance | undefined {
    for (const instance of this.instances.get(key) ?? []) {
      if (this.frozen.has(instance) && instance.idle) {
        this.unfreeze(instance);
        return instance;
      }
    }
    return undefined;
  }

  private freeze(instance: HandlerInstance): void {
    const timer = setTimeout(() => instance.kill(), IDLE_LIFETIME_MS);
    timer.unref();
    this.frozen.set(instance, timer);
    for (const [oldest] of this.frozen) {
      if (this.frozen.size <= MAX_FROZEN) break;
      this.unfreeze(oldest);
      oldest.kill();
    }
  }

  private unfreeze(instance: HandlerInstance): void {
    clearTimeout(this.frozen.get(instance));
    this.frozen.delete(instance);
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

  /** How many handler processes of this emulator are alive (instances, busy or frozen, included). */
  get runningCount(): number {
    let count = 0;
    for (const ofKey of this.instances.values()) for (const instance of ofKey) if (instance.alive) count += 1;
    return count;
  }

  /** Kills this emulator's handlers and instances (running invocations end as ProcessExited). */
  killRunning(): void {
    for (const ofKey of this.instances.values()) for (const instance of ofKey) instance.kill();
    this.instances.clear();
    for (const timer of this.frozen.values()) clearTimeout(timer);
    this.frozen.clear();
  }

  /** Kills the handlers and removes the temp directories (emulator close). */
  dispose(): void {
    this.killRunning();
    this.code.dispose();
    this.modules.dispose();
  }
}
