/**
 * The process's exit code, in ONE place: one 'exit' listener, put before every other, decides it from
 * what the component's steps recorded. Two things need it:
 *
 * - A failure must fail the process. `s` 3.x treats every step as `allow_failure` when its command line
 *   holds `-o` or `--output-format` (engine `getAllowFailure` reads `process.argv` for exactly these two
 *   tokens): a component that throws is then reported as completed, nothing is printed (with --silent),
 *   and `s` exits 0. So in that case the component itself prints its error report on stderr and the
 *   process exits 101 (`s`'s own code for a failed step). Without `-o` `s` prints its report and exits 101.
 * - `s plan --detailed-exitcode`, as `terraform plan -detailed-exitcode`: 0 when no plan has changes, 2
 *   when one has, 1 on any error (ours, or any failure `s` reports: 101 component, 100 CLI, 1 yaml).
 *
 * `s` ends the run with `process.exit()` from its own 'exit' listener, which takes `process.exitCode`,
 * and a component's own exit code is otherwise dropped: hence the listener runs first and sets it.
 *
 * Loaded by the component class on every call: it imports nothing heavy.
 */

/** The exit code `s` itself uses for a failed component step. */
export const FAILED_STEP_EXIT_CODE = 101;

/** The tokens that make `s` swallow a step's error (`-o json`, `--output-format yaml`). */
const SWALLOWING_FLAGS: readonly string[] = ['-o', '--output-format'];

/** Whether `s` swallows a thrown error for this command line (`inputs.args` keeps these tokens). */
export function errorsAreSwallowed(args: readonly string[]): boolean {
  return args.some((a) => SWALLOWING_FLAGS.includes(a));
}

export interface FailureContext {
  /** `inputs.args`. */
  args: readonly string[];
  /** The resource's name in s.yaml. */
  resourceName?: string;
  command: string;
  /** `s cli` mode (no s.yaml): `s` exits 101 there itself, so nothing is done. */
  cliMode: boolean;
}

/** Secrets to mask in a report written outside `s`'s logger (set once credentials are resolved). */
let secrets: string[] = [];

/** Registers values that must never be printed (the AccessKey secret, the token, the key id). */
export function registerSecrets(values: ReadonlyArray<string | undefined>): void {
  const fresh = values.filter((v): v is string => typeof v === 'string' && v.length >= 4);
  secrets = [...new Set([...secrets, ...fresh])].sort((a, b) => b.length - a.length);
}

function mask(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

/** What one `s plan --detailed-exitcode` found. */
export type PlanOutcome = 'none' | 'changes' | 'error';

/** What this process's steps recorded: read once, when the process exits. */
export interface ProcessOutcome {
  /** A step failed where `s` swallows the error (`-o`). */
  failedUnderOutputFormat: boolean;
  /** One entry per resource `s plan --detailed-exitcode` ran. */
  plans: ReadonlySet<PlanOutcome>;
}

/**
 * The exit code for what was recorded and the code `s` chose (pure): with --detailed-exitcode 1 / 2 / 0,
 * else 101 for a failure `s` swallowed, else `s`'s own code.
 */
export function exitCodeFor(outcome: ProcessOutcome, sExitCode: number | undefined): number | undefined {
  if (outcome.plans.size > 0) {
    if (outcome.plans.has('error') || outcome.failedUnderOutputFormat || (sExitCode !== undefined && sExitCode !== 0)) return 1;
    return outcome.plans.has('changes') ? 2 : 0;
  }
  return outcome.failedUnderOutputFormat ? FAILED_STEP_EXIT_CODE : sExitCode;
}

const recorded = { failedUnderOutputFormat: false, plans: new Set<PlanOutcome>() };
let listening = false;

/**
 * Puts the one exit listener before every other (once per process). It alone sets the code, when the
 * process exits, so that the code it reads there is the one `s` chose.
 */
function decideExitCode(proc: NodeJS.Process): void {
  if (listening) return;
  listening = true;
  proc.prependListener('exit', () => {
    const current = typeof proc.exitCode === 'number' ? proc.exitCode : undefined;
    const final = exitCodeFor(recorded, current);
    if (final !== undefined) proc.exitCode = final;
  });
}

/** Records what one plan found; from the first call on, the process exits with the detailed code. */
export function recordPlanOutcome(outcome: PlanOutcome, proc: NodeJS.Process = process): void {
  recorded.plans.add(outcome);
  decideExitCode(proc);
}

/** `--detailed-exitcode`, read from the raw args before parsing, so that even a command line problem exits 1. */
export function wantsDetailedExitCode(args: readonly string[]): boolean {
  return args.includes('--detailed-exitcode');
}

/** The report `s` would have printed: `✖ [<resource>] failed to [<command>]:` and the message. */
export function formatFailureReport(error: unknown, ctx: Pick<FailureContext, 'resourceName' | 'command'>): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
  const head = `✖ [${ctx.resourceName ?? 'fc3-role'}] failed to [${ctx.command}]${code ? ` (${code})` : ''}:`;
  return `${head}\n${mask(message)}\n`;
}

/**
 * When `s` would swallow the error: prints the report on stderr and marks the process failed.
 * Returns whether it did (callers still rethrow, so that `s` records the step as failed where it can).
 */
export function failEvenUnderOutputFormat(error: unknown, ctx: FailureContext, proc: NodeJS.Process = process): boolean {
  if (ctx.cliMode || !errorsAreSwallowed(ctx.args)) return false;
  process.stderr.write(formatFailureReport(error, ctx));
  recorded.failedUnderOutputFormat = true;
  decideExitCode(proc);
  return true;
}
