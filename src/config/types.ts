/** What config validation produces: every problem at once, or the resolved configuration. */
import type { DesiredFunction, DesiredState } from '../model';

/** One thing wrong with the props or the command line, said so the user can fix it. */
export interface Problem {
  /** Where, e.g. `props.role.name`, `props.policies[2].statements[0].Action`, `args.--timeout`. */
  path: string;
  /** What is wrong, e.g. `must match ^[A-Za-z0-9.-]{1,64}$ (got "bad name!")`. */
  message: string;
  /** A valid value for that place, e.g. `fc-oss-writer`. */
  example: string;
}

export interface ResolvedEvent {
  source: 'inline' | 'file';
  /** The event payload, resolved at validation (a file's content is read). */
  text: string;
  /** Absolute path of the event file, for `source: 'file'`. */
  path?: string;
}

export interface ResolvedInvoke {
  /** `invoke.function`, or the only declared function. */
  functionName?: string;
  /** The declared function's region, else `props.region`. */
  region?: string;
  event?: ResolvedEvent;
}

export interface ResolvedConfig {
  /** Default region of the functions. */
  region: string;
  /** `http(s)://host[:port]` from props (already checked); env FC3_ROLE_ENDPOINT is resolved separately. */
  endpoint?: string;
  /** Props `fcEndpoints` (region -> `http(s)://host[:port]`, already checked); env FC3_ROLE_FC_ENDPOINTS is resolved separately. */
  fcEndpoints?: Record<string, string>;
  desired: DesiredState;
  invoke: ResolvedInvoke;
  /** Directory that relative file paths (documents, eventFile) were resolved against. */
  baseDir: string;
  /** Set when `--region` narrowed the command to the functions of one region (see narrow.ts). */
  narrowing?: Narrowing;
}

/** What `--region` left out: the declared functions in other regions. */
export interface Narrowing {
  region: string;
  /** Declared functions outside `region`, in s.yaml order. */
  excluded: DesiredFunction[];
}
