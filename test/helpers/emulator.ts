/**
 * `useEmulator()`: one emulator per test file (started in beforeAll, reset before each test,
 * closed after all). Read `.current` inside tests/hooks, not at module load.
 */
import { startEmulator, type Emulator, type StartOptions } from '../../emulator';

export interface EmulatorHandle {
  /** The running emulator; throws when read outside the file's tests. */
  readonly current: Emulator;
}

export function useEmulator(options: StartOptions = {}): EmulatorHandle {
  let emu: Emulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator(options);
  });
  beforeEach(() => {
    emu?.reset();
  });
  afterAll(async () => {
    await emu?.close();
    emu = undefined;
  });
  return {
    get current(): Emulator {
      if (!emu) throw new Error('useEmulator: the emulator is not running (read .current inside a test)');
      return emu;
    },
  };
}

/** Longer than any test: a role created meanwhile stays in its propagation window until released. */
const HELD = 24 * 3600_000;

/**
 * Runs `work` while every role it creates stays invisible to FC, STS and Resource Manager (the
 * propagation window after CreateRole) until `seen()` says the caller met that window (e.g. a refused
 * call was logged); then the roles appear. A fixed delay would test the machine's speed instead: on a
 * busy machine the caller may first look after the delay is over, on an idle one long before.
 */
export async function whileRolesPropagate<T>(emu: Emulator, seen: () => boolean, work: () => Promise<T>): Promise<T> {
  emu.faults.setPropagationDelay(HELD);
  const poll = setInterval(() => {
    if (seen()) emu.faults.setPropagationDelay(0);
  }, 25);
  try {
    return await work();
  } finally {
    clearInterval(poll);
    emu.faults.setPropagationDelay(0);
  }
}

/** A role that never leaves its propagation window during the test. */
export function holdRolesInPropagation(emu: Emulator): void {
  emu.faults.setPropagationDelay(HELD);
}
