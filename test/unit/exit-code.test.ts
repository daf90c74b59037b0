/** `s plan --detailed-exitcode`: 2 with changes, 0 without, 1 on any error, applied when the process exits. */
import { EventEmitter } from 'node:events';
import { detailedExitCode, wantsDetailedExitCode, type PlanOutcome } from '../../src/commands/exit-code';

describe('detailedExitCode', () => {
  it.each<[PlanOutcome[], number | undefined, number]>([
    [['none'], undefined, 0],
    [['none', 'none'], 0, 0],
    [['none', 'changes'], undefined, 2],
    [['changes', 'error'], 101, 1],
    [['error'], undefined, 1],
    // Another resource failed (s chose 101): an error, whatever the plans found.
    [['changes'], 101, 1],
    [['none'], 100, 1],
  ])('%j with s exiting %s -> %s', (outcomes, sCode, expected) => {
    expect(detailedExitCode(new Set(outcomes), sCode)).toBe(expected);
  });

  it('is read from the raw args', () => {
    expect(wantsDetailedExitCode(['--detailed-exitcode', '-a', 'default'])).toBe(true);
    expect(wantsDetailedExitCode(['--debug'])).toBe(false);
  });

  it('sets the exit code from an exit listener that runs before the ones already there', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { recordPlanOutcome } = require('../../src/commands/exit-code') as typeof import('../../src/commands/exit-code');
      const proc = Object.assign(new EventEmitter(), { exitCode: undefined as number | undefined });
      const seen: Array<number | undefined> = [];
      proc.on('exit', () => seen.push(proc.exitCode)); // as `s`: its listener ends the process with process.exitCode
      recordPlanOutcome('changes', proc as unknown as NodeJS.Process);
      recordPlanOutcome('none', proc as unknown as NodeJS.Process);
      proc.emit('exit');
      expect(seen).toEqual([2]);
      expect(proc.listenerCount('exit')).toBe(2);
    });
  });
});
