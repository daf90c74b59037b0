/**
 * Ending the emulator's propagation delay on an event, not on a timer: once a service has refused the
 * role at least once (the request log shows it), the role becomes visible. Tests then assert that the
 * component waited and carried on, whatever the machine's speed.
 */
import type { Emulator, RequestFilter } from '../../emulator';

export interface PropagationEnd {
  /** Resolves once the delay was ended (or stop() was called). */
  done: Promise<void>;
  stop(): void;
}

/** Starts a propagation delay that no run outlives, and ends it after the first refusal matching `refused`. */
export function endPropagationAfterRefusal(emu: Emulator, refused: RequestFilter): PropagationEnd {
  emu.faults.setPropagationDelay(24 * 3600_000);
  let stopped = false;
  const done = (async () => {
    while (!stopped && emu.requests.count({ ...refused, failed: true }) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    emu.faults.setPropagationDelay(0);
  })();
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}
