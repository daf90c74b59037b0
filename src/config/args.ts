/** Parses `inputs.args` with minimist against the command's flag table; every problem at once. */
import minimist from 'minimist';
import { COMMAND_FLAGS, GLOBAL_FLAGS, flagUsage, type CommandName, type FlagSpec } from './flags';
import { closest } from './text';
import type { Problem } from './types';

export interface GlobalFlags {
  debug: boolean;
  /** `-y/--assume-yes`: accepted by every command; only deploy and remove ask anything. */
  assumeYes: boolean;
  silent: boolean;
  skipActions: boolean;
  access?: string;
  template?: string;
  outputFormat?: string;
  outputFile?: string;
  env?: string;
  /** `-p/--props` in `s cli` mode (JSON text). */
  props?: string;
}
export interface DeployFlags extends GlobalFlags {
  region?: string;
  /** `--strict`: least-privilege warnings are errors (absent = not given). */
  strict?: boolean;
}
export interface PlanFlags extends GlobalFlags {
  region?: string;
  /** `--strict`: least-privilege warnings are errors (absent = not given). */
  strict?: boolean;
  /** `--detailed-exitcode`: exit 2 with changes, 0 without, 1 on error (src/exit-status.ts). */
  detailedExitcode: boolean;
}
export interface InfoFlags extends GlobalFlags {
  region?: string;
  roleName?: string;
}
export interface RemoveFlags extends GlobalFlags {
  region?: string;
  roleName?: string;
  force: boolean;
}
export interface InvokeFlags extends GlobalFlags {
  region?: string;
  functionName?: string;
  event?: string;
  /** `-` = stdin. */
  eventFile?: string;
  eventStdin: boolean;
  /** Default LATEST. */
  qualifier: string;
  /** Lower-cased; default sync. */
  invocationType: 'sync' | 'async';
  asyncTaskId?: string;
  timeout?: number;
}
export interface SimulateFlags extends GlobalFlags {
  region?: string;
  roleName?: string;
  action?: string;
  resource?: string;
  /** `--current`: the role as it is now, not as deploy would leave it. */
  current: boolean;
}
export interface CommandFlagsMap {
  deploy: DeployFlags;
  plan: PlanFlags;
  info: InfoFlags;
  remove: RemoveFlags;
  invoke: InvokeFlags;
  simulate: SimulateFlags;
}
export type CommandFlags = CommandFlagsMap[CommandName];

/** Reads parsed values, turning missing or bad values into problems. */
class FlagReader {
  readonly problems: Problem[] = [];

  constructor(
    private readonly parsed: minimist.ParsedArgs,
    private readonly specs: readonly FlagSpec[],
  ) {}

  private spec(name: string): FlagSpec {
    const spec = this.specs.find((s) => s.name === name);
    if (!spec) throw new Error(`flag table has no --${name}`);
    return spec;
  }

  /** Given on the command line (a boolean set to true, or a string flag with or without value). */
  has(name: string): boolean {
    const value: unknown = this.parsed[name];
    return value !== undefined && value !== false;
  }

  bool(name: string): boolean {
    const value: unknown = this.parsed[name];
    return Array.isArray(value) ? value.some((v) => v === true) : value === true;
  }

  /** undefined when absent; a problem when given without a value (or the value fails its check). */
  str(name: string): string | undefined {
    const raw: unknown = this.parsed[name];
    if (raw === undefined) return undefined;
    // Choice: a repeated flag is not a problem; the last value wins, as in most CLIs.
    const last: unknown = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    const spec = this.spec(name);
    if (typeof last !== 'string' || last === '') {
      // `s` strips args equal to the command or resource name, so `-e invoke` arrives as `-e` alone.
      this.problems.push({ path: `args.--${name}`, message: 'needs a value', example: spec.example });
      return undefined;
    }
    const wrong = spec.check?.(last);
    if (wrong) {
      this.problems.push({ path: `args.--${name}`, message: `${wrong} (got "${last}")`, example: spec.example });
      return undefined;
    }
    return last;
  }
}

function readGlobal(r: FlagReader): GlobalFlags {
  return {
    debug: r.bool('debug'),
    assumeYes: r.bool('assume-yes'),
    silent: r.bool('silent'),
    skipActions: r.bool('skip-actions'),
    access: r.str('access'),
    template: r.str('template'),
    outputFormat: r.str('output-format') ?? r.str('output'),
    outputFile: r.str('output-file'),
    env: r.str('env'),
    props: r.str('props'),
  };
}

function readInvoke(r: FlagReader, global: GlobalFlags): InvokeFlags {
  // Several event sources are not an error: the precedence applies (-e, then -f, then -s, then props).
  const invocationType = r.str('invocation-type')?.toLowerCase() === 'async' ? 'async' : 'sync';
  const asyncTaskId = r.str('async-task-id');
  if (asyncTaskId !== undefined && invocationType !== 'async') {
    r.problems.push({ path: 'args.--async-task-id', message: 'only applies to --invocation-type async', example: '--invocation-type async --async-task-id my-task-1' });
  }
  const timeout = r.str('timeout');
  return {
    ...global,
    region: r.str('region'),
    functionName: r.str('function-name'),
    event: r.str('event'),
    eventFile: r.str('event-file'),
    eventStdin: r.bool('event-stdin'),
    qualifier: r.str('qualifier') ?? 'LATEST',
    invocationType,
    asyncTaskId,
    timeout: timeout === undefined ? undefined : Number(timeout),
  };
}

function readSimulate(r: FlagReader, global: GlobalFlags): SimulateFlags {
  const action = r.str('action');
  const resource = r.str('resource');
  // Choice: --action and --resource go together (one request); neither means every props.expect.
  if (r.has('action') !== r.has('resource')) {
    const missing = r.has('action') ? 'resource' : 'action';
    r.problems.push({ path: `args.--${missing}`, message: `is required with --${missing === 'action' ? 'resource' : 'action'}`, example: `--action oss:PutObject --resource 'acs:oss:*:*:my-bucket/*'` });
  }
  return { ...global, region: r.str('region'), roleName: r.str('role-name'), action, resource, current: r.bool('current') };
}

/** `{ strict: true }` when --strict is given, else nothing. */
function strict(r: FlagReader): { strict?: true } {
  return r.bool('strict') ? { strict: true } : {};
}

function readCommand<C extends CommandName>(command: C, r: FlagReader): CommandFlagsMap[C] {
  const global = readGlobal(r);
  const byCommand: { [K in CommandName]: () => CommandFlagsMap[K] } = {
    deploy: () => ({ ...global, region: r.str('region'), ...strict(r) }),
    plan: () => ({ ...global, region: r.str('region'), ...strict(r), detailedExitcode: r.bool('detailed-exitcode') }),
    info: () => ({ ...global, region: r.str('region'), roleName: r.str('role-name') }),
    remove: () => ({ ...global, region: r.str('region'), roleName: r.str('role-name'), force: r.bool('force') }),
    invoke: () => readInvoke(r, global),
    simulate: () => readSimulate(r, global),
  };
  return byCommand[command]();
}

/** Problems for arguments minimist did not recognise: unknown flags and stray words. */
function strayProblems(strays: readonly string[], specs: readonly FlagSpec[], command: CommandName): Problem[] {
  const names = specs.map((s) => s.name);
  const fallback = COMMAND_FLAGS[command][0]?.example ?? '--debug';
  return [...new Set(strays)].map((arg) => {
    // Choice: no command takes positional arguments, so a stray word is a problem (often a value s stripped).
    if (!arg.startsWith('-')) {
      return { path: `args.${arg}`, message: `is not expected: ${command} takes no positional arguments (a flag value that starts with "-" needs --flag=value)`, example: fallback };
    }
    const flag = arg.replace(/=.*$/, '');
    const guess = closest(flag.replace(/^-+/, ''), names);
    const spec = specs.find((s) => s.name === guess);
    const hint = spec ? `; did you mean ${flagUsage(spec)}?` : '';
    return { path: `args.${flag}`, message: `is not a flag of ${command}${hint}`, example: spec?.example ?? fallback };
  });
}

/** Parses `inputs.args` for one command: typed flags, and every problem (unknown flags, missing or bad values). */
export function parseCommandArgs<C extends CommandName>(command: C, args: readonly string[]): { flags: CommandFlagsMap[C]; problems: Problem[] } {
  // A flag in both tables (e.g. -y: documented for deploy and remove, global for the engine) counts once.
  const specs = [...COMMAND_FLAGS[command], ...GLOBAL_FLAGS.filter((g) => !COMMAND_FLAGS[command].some((c) => c.name === g.name))];
  const strays: string[] = [];
  const parsed = minimist([...args], {
    string: specs.filter((s) => s.kind === 'string').map((s) => s.name),
    boolean: specs.filter((s) => s.kind === 'boolean').map((s) => s.name),
    alias: Object.fromEntries(specs.filter((s) => s.short).map((s) => [s.short, s.name])),
    unknown: (arg) => {
      strays.push(arg);
      return false;
    },
  });
  const reader = new FlagReader(parsed, specs);
  const flags = readCommand(command, reader);
  return { flags, problems: [...strayProblems(strays, specs, command), ...reader.problems] };
}
