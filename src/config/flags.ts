/**
 * One flag table per command: it drives both parsing (src/config/args.ts) and the help `option`
 * lists (src/commands/help). Global flags are the ones `s` leaves in `inputs.args`.
 */
import { FUNCTION_NAME_PATTERN, ROLE_NAME_PATTERN } from './patterns';
import { FC3_REGIONS, isFc3Region } from './regions';

const matches = (pattern: string) => (v: string) => (new RegExp(pattern).test(v) ? undefined : `must match ${pattern}`);

export type CommandName = 'deploy' | 'plan' | 'info' | 'remove' | 'invoke';
export const COMMAND_NAMES: readonly CommandName[] = ['deploy', 'plan', 'info', 'remove', 'invoke'];

export interface FlagSpec {
  /** Long name without dashes, e.g. `assume-yes`. */
  name: string;
  /** One letter, e.g. `y`. */
  short?: string;
  kind: 'boolean' | 'string';
  /** Placeholder in help, e.g. `region` -> `--region <region>`. */
  valueName?: string;
  /** Help text, starting with [Optional] or [C-Required] (required in `s cli` mode). */
  description: string;
  /** A valid use, e.g. `--region cn-hangzhou`. */
  example: string;
  /** Returns what is wrong with a value, if anything. */
  check?: (value: string) => string | undefined;
}

const regionFlag: FlagSpec = {
  name: 'region',
  kind: 'string',
  valueName: 'region',
  description:
    '[C-Required] Only the functions s.yaml declares in this region (the role and its policies are account-wide); in `s cli` mode, the region when the props have none. Default: every declared function',
  example: '--region cn-hangzhou',
  check: (v) => (isFc3Region(v) ? undefined : `must be an FC 3.0 region (one of ${FC3_REGIONS.join(', ')})`),
};

const assumeYesFlag: FlagSpec = {
  name: 'assume-yes',
  short: 'y',
  kind: 'boolean',
  description: '[Optional] Skip the confirmation and apply the changes',
  example: '--assume-yes',
};

const roleNameFlag: FlagSpec = {
  name: 'role-name',
  kind: 'string',
  valueName: 'name',
  description: '[Optional] RAM role name, instead of props.role.name (handy in `s cli` mode)',
  example: '--role-name fc-oss-writer',
  check: matches(ROLE_NAME_PATTERN),
};

/** Flags `s` itself understands and leaves in args; accepted by every command, listed by `s` under Global Options. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'debug', kind: 'boolean', description: 'Open debug mode', example: '--debug' },
  { name: 'silent', kind: 'boolean', description: 'Silent mode', example: '--silent' },
  { name: 'skip-actions', kind: 'boolean', description: 'Skip the actions section', example: '--skip-actions' },
  { name: 'verify', kind: 'boolean', description: 'Verify the yaml (--no-verify skips it)', example: '--no-verify' },
  { name: 'help', short: 'h', kind: 'boolean', description: 'Display help', example: '--help' },
  { name: 'version', short: 'v', kind: 'boolean', description: 'Show version', example: '--version' },
  { name: 'access', short: 'a', kind: 'string', valueName: 'aliasName', description: 'Access alias', example: '--access default' },
  { name: 'template', short: 't', kind: 'string', valueName: 'path', description: 'Template file', example: '--template s.yaml' },
  { name: 'output-format', short: 'o', kind: 'string', valueName: 'outputFormat', description: 'Output format', example: '-o json' },
  { name: 'output', kind: 'string', valueName: 'outputFormat', description: 'Output format', example: '--output json' },
  { name: 'output-file', kind: 'string', valueName: 'outputFilePath', description: 'Output file', example: '--output-file out.json' },
  { name: 'env', kind: 'string', valueName: 'envName', description: 'Env name', example: '--env dev' },
  { name: 'baseline-template', kind: 'string', valueName: 'path', description: 'Baseline yaml', example: '--baseline-template base.yaml' },
  { name: 'props', short: 'p', kind: 'string', valueName: 'jsonString', description: 'Props in `s cli` mode', example: `-p '{"region":"cn-hangzhou"}'` },
  // Choice: -y/--assume-yes is accepted by every command: `s` appends -y when a flow step runs several resources at once; only deploy and remove have anything to confirm.
  { name: 'assume-yes', short: 'y', kind: 'boolean', description: 'Assume yes (meaningful for deploy and remove)', example: '-y' },
];

const invokeFlags: readonly FlagSpec[] = [
  {
    name: 'event',
    short: 'e',
    kind: 'string',
    valueName: 'event',
    description: '[Optional] Event payload as a string; wins over -f, -s and props. Default: props.invoke.event or eventFile, else an empty body',
    example: `--event '{"key":"value"}'`,
  },
  {
    name: 'event-file',
    short: 'f',
    kind: 'string',
    valueName: 'path',
    description: '[Optional] File holding the event, relative to the current directory ("-" reads stdin), sent as its exact bytes (JSON or not); wins over -s and props',
    example: '--event-file ./event.json',
  },
  { name: 'event-stdin', short: 's', kind: 'boolean', description: '[Optional] Read the event from stdin; wins over props', example: '--event-stdin' },
  {
    name: 'function-name',
    kind: 'string',
    valueName: 'name',
    description: '[C-Required] Function to invoke. Default: props.invoke.function, else the only declared function',
    example: '--function-name my-function',
    check: matches(FUNCTION_NAME_PATTERN),
  },
  regionFlag,
  {
    name: 'qualifier',
    kind: 'string',
    valueName: 'qualifier',
    description: '[Optional] Version or alias to invoke. Default: LATEST',
    example: '--qualifier LATEST',
  },
  {
    name: 'invocation-type',
    kind: 'string',
    valueName: 'type',
    description: '[Optional] sync or async (case-insensitive). Default: sync',
    example: '--invocation-type async',
    check: (v) => (/^(sync|async)$/i.test(v) ? undefined : 'must be sync or async'),
  },
  {
    name: 'async-task-id',
    kind: 'string',
    valueName: 'id',
    description: '[Optional] Task id of an async invocation (with --invocation-type async)',
    example: '--async-task-id my-task-1',
  },
  {
    name: 'timeout',
    kind: 'string',
    valueName: 'seconds',
    description: '[Optional] Seconds to wait for a sync invocation (positive integer). Default: the function\'s own timeout plus 5 s (30 s for custom-container), read from the function',
    example: '--timeout 60',
    check: (v) => (/^[0-9]+$/.test(v) && Number(v) > 0 ? undefined : 'must be a positive whole number of seconds'),
  },
];

// Choice: --region works for every command; --role-name only for info and remove (acting on a role by name in `s cli` mode).
export const COMMAND_FLAGS: Readonly<Record<CommandName, readonly FlagSpec[]>> = {
  deploy: [assumeYesFlag, regionFlag],
  plan: [
    regionFlag,
    {
      name: 'detailed-exitcode',
      kind: 'boolean',
      description:
        '[Optional] Exit 2 when the plan has changes, 0 when it has none and 1 on any error (as terraform plan -detailed-exitcode), e.g. for a scheduled drift check. Default: exit 0 unless an error (s: 101)',
      example: '--detailed-exitcode',
    },
  ],
  info: [regionFlag, roleNameFlag],
  remove: [
    assumeYesFlag,
    {
      name: 'force',
      kind: 'boolean',
      description: '[Optional] Delete the role even if functions not declared in s.yaml still use it',
      example: '--force',
    },
    regionFlag,
    roleNameFlag,
  ],
  invoke: invokeFlags,
};

/** `-y, --assume-yes` or `--region <region>`, as commander and the help show them. */
export function flagUsage(flag: FlagSpec): string {
  const value = flag.kind === 'string' ? ` <${flag.valueName ?? 'value'}>` : '';
  return `${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${value}`;
}
