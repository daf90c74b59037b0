/**
 * `s plan --detailed-exitcode`, as `terraform plan -detailed-exitcode`: the process exits 0 when no
 * plan has changes, 2 when one has, 1 on any error. `s` itself exits 101 when a component fails and 0
 * otherwise (also with `-o`, where it swallows failures), and a component's own exit code is dropped.
 * So the outcome is kept here and applied when the process exits: `s` ends the run with
 * `process.exit()` from its own 'exit' listener, which takes `process.exitCode`; this listener is put
 * before it and sets that code.
 */

export type PlanOutcome = 'none' | 'changes' | 'error';

/** The outcomes recorded in this process (one per resource `s plan` ran). */
const outcomes = new Set<PlanOutcome>();
let installed = false;

/** The exit code for the outcomes and the code `s` chose (pure). */
export function detailedExitCode(recorded: ReadonlySet<PlanOutcome>, sExitCode: number | undefined): number {
  // Any failure `s` reports (101 component, 100 CLI, 1 yaml) is an error too.
  if (recorded.has('error') || (sExitCode !== undefined && sExitCode !== 0)) return 1;
  return recorded.has('changes') ? 2 : 0;
}

/** Records what one plan found; from the first call on, the process exits with the detailed code. */
export function recordPlanOutcome(outcome: PlanOutcome, proc: NodeJS.Process = process): void {
  outcomes.add(outcome);
  if (installed) return;
  installed = true;
  proc.prependListener('exit', () => {
    const current = typeof proc.exitCode === 'number' ? proc.exitCode : undefined;
    proc.exitCode = detailedExitCode(outcomes, current);
  });
}

/** The flag, read from the raw args before parsing, so that even a command line problem exits 1. */
export function wantsDetailedExitCode(args: readonly string[]): boolean {
  return args.includes('--detailed-exitcode');
}
