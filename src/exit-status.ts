/**
 * A failure must fail the process. `s` 3.x treats every step as `allow_failure` when its command line
 * holds `-o` or `--output-format` (engine `getAllowFailure` reads `process.argv` for exactly these two
 * tokens): a component that throws is then reported as completed, nothing is printed (with --silent),
 * and `s` exits 0. So in that case the component itself prints its error report on stderr and makes
 * the process exit non-zero (`process.exitCode`, re-asserted on `exit` in case anything calls
 * `process.exit(0)`). Without `-o` nothing changes: `s` prints its own report and exits 101.
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

let exitHookInstalled = false;

function failProcess(): void {
  process.exitCode = FAILED_STEP_EXIT_CODE;
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    process.exitCode = FAILED_STEP_EXIT_CODE;
  });
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
export function failEvenUnderOutputFormat(error: unknown, ctx: FailureContext): boolean {
  if (ctx.cliMode || !errorsAreSwallowed(ctx.args)) return false;
  process.stderr.write(formatFailureReport(error, ctx));
  failProcess();
  return true;
}
