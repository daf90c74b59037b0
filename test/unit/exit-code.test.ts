/**
 * The process's exit code, decided in one place (src/exit-status.ts): a failure `s` swallows under `-o`
 * exits 101; `s plan --detailed-exitcode` exits 2 with changes, 0 without, 1 on any error.
 */
import { EventEmitter } from 'node:events';
import { exitCodeFor, wantsDetailedExitCode, type PlanOutcome } from '../../src/exit-status';

type ExitStatus = typeof import('../../src/exit-status');

describe('exitCodeFor', () => {
  it.each<[PlanOutcome[], number | undefined, number]>([
    [['none'], undefined, 0],
    [['none', 'none'], 0, 0],
    [['none', 'changes'], undefined, 2],
    [['changes', 'error'], 101, 1],
    [['error'], undefined, 1],
    // Another resource failed (s chose 101): an error, whatever the plans found.
    [['changes'], 101, 1],
    [['none'], 100, 1],
  ])('--detailed-exitcode: %j with s exiting %s -> %s', (plans, sCode, expected) => {
    expect(exitCodeFor({ failedUnderOutputFormat: false, plans: new Set(plans) }, sCode)).toBe(expected);
  });

  it('a failure under -o: 101 where s would exit 0; 1 with --detailed-exitcode, whatever the plans found', () => {
    expect(exitCodeFor({ failedUnderOutputFormat: true, plans: new Set() }, 0)).toBe(101);
    expect(exitCodeFor({ failedUnderOutputFormat: true, plans: new Set() }, undefined)).toBe(101);
    expect(exitCodeFor({ failedUnderOutputFormat: true, plans: new Set<PlanOutcome>(['changes']) }, 0)).toBe(1);
  });

  it("nothing recorded: s's own code stands", () => {
    expect(exitCodeFor({ failedUnderOutputFormat: false, plans: new Set() }, 101)).toBe(101);
    expect(exitCodeFor({ failedUnderOutputFormat: false, plans: new Set() }, undefined)).toBeUndefined();
  });

  it('--detailed-exitcode is read from the raw args', () => {
    expect(wantsDetailedExitCode(['--detailed-exitcode', '-a', 'default'])).toBe(true);
    expect(wantsDetailedExitCode(['--debug'])).toBe(false);
  });
});

/** A process stand-in whose first 'exit' listener is `s`'s: it ends the run with process.exitCode. */
function fakeProcess(): { proc: NodeJS.Process; exit: (sCode?: number) => Array<number | undefined> } {
  const proc = Object.assign(new EventEmitter(), { exitCode: undefined as number | undefined });
  const seen: Array<number | undefined> = [];
  proc.on('exit', () => seen.push(proc.exitCode));
  return {
    proc: proc as unknown as NodeJS.Process,
    exit: (sCode) => {
      if (sCode !== undefined) proc.exitCode = sCode;
      proc.emit('exit');
      return seen;
    },
  };
}

function isolated(run: (m: ExitStatus) => void): void {
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    run(require('../../src/exit-status') as ExitStatus);
  });
}

describe('one exit listener, before the ones already there', () => {
  it('plans: sets the detailed code once, however many plans recorded', () => {
    isolated(({ recordPlanOutcome }) => {
      const { proc, exit } = fakeProcess();
      recordPlanOutcome('changes', proc);
      recordPlanOutcome('none', proc);
      expect(exit()).toEqual([2]);
      expect(proc.listenerCount('exit')).toBe(2);
    });
  });

  it('a failure under -o: reported on stderr, and 101 although s exits 0', () => {
    isolated(({ failEvenUnderOutputFormat }) => {
      const { proc, exit } = fakeProcess();
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        const ctx = { args: ['-o', 'json'], resourceName: 'fn-role', command: 'deploy', cliMode: false };
        expect(failEvenUnderOutputFormat(new Error('boom'), ctx, proc)).toBe(true);
        expect(failEvenUnderOutputFormat(new Error('boom'), { ...ctx, args: ['-y'] }, proc)).toBe(false);
        expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual(['✖ [fn-role] failed to [deploy]:\nboom\n']);
      } finally {
        stderr.mockRestore();
      }
      expect(exit(0)).toEqual([101]);
    });
  });

  it('a plan that failed under -o with --detailed-exitcode: 1, from the same listener', () => {
    isolated(({ failEvenUnderOutputFormat, recordPlanOutcome }) => {
      const { proc, exit } = fakeProcess();
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        recordPlanOutcome('error', proc);
        failEvenUnderOutputFormat(new Error('boom'), { args: ['--detailed-exitcode', '-o', 'json'], command: 'plan', cliMode: false }, proc);
      } finally {
        stderr.mockRestore();
      }
      expect(exit(0)).toEqual([1]);
      expect(proc.listenerCount('exit')).toBe(2);
    });
  });
});
