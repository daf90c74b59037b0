/**
 * The subset of the `s` engine logger the component uses. `s` injects its logger into the
 * constructor; everything the component prints goes through it (never console.*), so that
 * `--silent -o json` output stays clean and secrets are masked by the engine.
 */
export interface ComponentLogger {
  info(msg: string): void;
  warn(msg: string): void;
  debug(msg: string): void;
  error(msg: string): void;
  /** A raw line. */
  write(msg: string): void;
}

type LogMethod = (msg: string) => void;

function pick(source: unknown, name: string): LogMethod | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const fn: unknown = (source as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (msg: string) => (fn as (m: string) => void).call(source, msg) : undefined;
}

const silentSink: LogMethod = () => undefined;

/** Adapts whatever logger `s` passed (or none) to ComponentLogger; missing methods fall back sensibly. */
export function adaptLogger(raw: unknown): ComponentLogger {
  const info = pick(raw, 'info') ?? silentSink;
  return {
    info,
    warn: pick(raw, 'warn') ?? info,
    debug: pick(raw, 'debug') ?? silentSink,
    error: pick(raw, 'error') ?? info,
    write: pick(raw, 'write') ?? info,
  };
}
