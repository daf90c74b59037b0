/** Process-level resources of the FC runtime, for the emulator's close(). */
import { disposeCodeCache } from './runtime/code-cache';
import { killRunningHandlers } from './runtime/runner';

/** Kills handlers still running (e.g. async invocations) and removes extracted code. */
export function disposeFcRuntime(): void {
  killRunningHandlers();
  disposeCodeCache();
}
