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
