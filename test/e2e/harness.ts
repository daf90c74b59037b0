/**
 * End-to-end harness: one emulator per test file, an isolated `s` HOME holding the emulator's root
 * key (added with `s config add ... --AccountID`: the README's path), and s.yaml projects naming this
 * repository's built component by absolute path. Not a test file itself.
 *
 * Tests act as real users deploy: by default each fc3-role command runs as a RAM user created through
 * the RAM API (CreateUser, CreatePolicy, AttachPolicyToUser, CreateAccessKey) that holds EXACTLY the
 * least-privilege policy the component prints for that command (requiredDeployerPolicy), passed to `s`
 * as an access (`-a <alias>`, the key in a `<alias>_serverless_devs_key` variable). Runs that name their
 * own access or HOME, files that ask for `identity: 'root'`, and calls with `as: 'root'` use the root key.
 */
import { useEmulator } from '../helpers/emulator';
import { createRamUser } from '../helpers/ram-users';
import { makeProject, makeSHome, removeTemporaryDirs, REPO_ROOT, runS, type SResult } from '../helpers/s-cli';
import { createFunction } from '../fixtures/invoke/functions';
import { requiredDeployerPolicy, type DeployerCommand } from '../../src/cloud/permissions';
import { fcEndpointsEnv } from '../helpers/clients';
import type { Emulator, StartOptions } from '../../emulator';

export const NODE_HELLO = 'node-hello.js';

/** Who runs the fc3-role commands: a least-privilege RAM user per command, or the account's root key. */
export type Identity = 'least-privilege' | 'root';

export interface SOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  /** Another HOME (its own accesses): the root-key default access of that HOME is used. */
  home?: string;
  /** Overrides the file's identity for this run. */
  as?: Identity;
}

export interface E2E {
  readonly emu: Emulator;
  readonly home: string;
  readonly accountId: string;
  /** Runs `s` in `dir` against the emulator (emulatorEnv() set), as the identity of the file (or `opts.as`). */
  s(dir: string, args: string[], opts?: SOptions): Promise<SResult>;
  /** Creates a Node.js function in the emulator, as a user would have before using fc3-role. */
  fn(name: string, region?: string, role?: string): Promise<void>;
}

/**
 * How a user points fc3-role and fc3 at the emulator (README "Pointing fc3 at the emulator"): fc3-role's
 * shared endpoint and FC endpoint per region; fc3's one FC endpoint (cn-hangzhou, the region the e2e
 * projects deploy fc3 functions to) and its code upload endpoint.
 */
export function emulatorEnv(emu: Emulator): Record<string, string> {
  return {
    FC3_ROLE_ENDPOINT: emu.endpoint,
    FC3_ROLE_FC_ENDPOINTS: fcEndpointsEnv(emu),
    FC_CLIENT_CUSTOM_ENDPOINT: emu.fcEndpoints['cn-hangzhou'],
    FC_CODE_TEMP_OSS_ENDPOINT: emu.endpoint,
  };
}

export interface E2EOptions extends StartOptions {
  /** @default 'least-privilege' */
  identity?: Identity;
  /**
   * System policies the least-privilege users also hold: what ANOTHER component of the project needs
   * (fc3 deploying its function next to fc3-role: AliyunFCFullAccess, as fc3's publish.yaml lists).
   * @default none
   */
  alsoGrant?: string[];
}

const COMMANDS: readonly DeployerCommand[] = ['deploy', 'plan', 'info', 'remove', 'invoke'];

/** The access alias of the least-privilege user for `command` (an `s` env-variable access). */
export const leastPrivilegeAccess = (command: DeployerCommand): string => `fc3_role_e2e_${command}_serverless_devs_key`;

/** The fc3-role command `s` runs for these args (`s deploy`, `s fn-role plan`), unless the run names its own access. */
function commandOf(args: readonly string[]): DeployerCommand | undefined {
  if (args.some((a) => a === '-a' || a === '--access' || a.startsWith('--access=')) || args[0] === 'cli') return undefined;
  return COMMANDS.find((c) => args.slice(0, 2).includes(c));
}

/** `options` are the emulator's (e.g. seeded RAM users with their policies), plus who runs the commands. */
export function useE2E(options: E2EOptions = {}): E2E {
  const { identity = 'least-privilege', alsoGrant = [], ...emulatorOptions } = options;
  const handle = useEmulator(emulatorOptions);
  let home = '';
  /** The least-privilege accesses, made anew after each reset of the emulator. */
  let accesses: Record<string, string> = {};
  beforeAll(async () => {
    const account = handle.current.accounts[0];
    home = await makeSHome([{ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, accountId: account.id }]);
  });
  // Tests clean up what they create: every HOME and project folder of this file.
  afterAll(removeTemporaryDirs);
  beforeEach(async () => {
    accesses = {};
    if (identity === 'root') return;
    const emu = handle.current;
    for (const command of COMMANDS) {
      const policies = [{ name: `fc3-role-e2e-${command}`, document: requiredDeployerPolicy(command) }, ...alsoGrant];
      const key = await createRamUser(emu, { name: `fc3-role-e2e-${command}`, policies });
      accesses[leastPrivilegeAccess(command)] = JSON.stringify({ AccountID: emu.accounts[0].id, AccessKeyID: key.accessKeyId, AccessKeySecret: key.accessKeySecret });
    }
    // Each test starts with an empty request log, as if the users had been made long before.
    emu.requests.clear();
  });
  return {
    get emu() {
      return handle.current;
    },
    get home() {
      return home;
    },
    get accountId() {
      return handle.current.accounts[0].id;
    },
    s(dir, args, opts = {}) {
      const command = (opts.as ?? identity) === 'least-privilege' && opts.home === undefined ? commandOf(args) : undefined;
      const alias = command ? leastPrivilegeAccess(command) : undefined;
      return runS(alias ? [...args, '-a', alias] : args, {
        cwd: dir,
        home: opts.home ?? home,
        input: opts.input,
        env: { ...emulatorEnv(handle.current), ...(alias ? { [alias]: accesses[alias] } : {}), ...opts.env },
      });
    },
    async fn(name, region = 'cn-hangzhou', role) {
      await createFunction(handle.current, { name, region, role, source: `${__dirname}/fixtures/${NODE_HELLO}` });
    },
  };
}

/** An s.yaml with one fc3-role resource (named `fn-role`) whose props are given as an object. */
export function roleProject(props: Record<string, unknown>, opts: { extraResources?: string; files?: Record<string, string> } = {}): string {
  const yaml = [
    'edition: 3.0.0',
    'name: e2e',
    'access: default',
    'resources:',
    '  fn-role:',
    `    component: ${REPO_ROOT}`,
    `    props: ${JSON.stringify(props)}`,
    opts.extraResources ?? '',
  ].join('\n');
  return makeProject(`${yaml}\n`, opts.files ?? {});
}

/** An s.yaml whose role `roleName` serves one function in cn-hangzhou, with an `invoke` block when given. */
export function invokeProject(
  roleName: string,
  functionName: string,
  opts: { invoke?: Record<string, unknown>; files?: Record<string, string> } = {},
): string {
  const invoke = opts.invoke ? { invoke: opts.invoke } : {};
  return roleProject({ region: 'cn-hangzhou', role: { name: roleName }, functions: [functionName], ...invoke }, { files: opts.files });
}

/** Fails with the command's whole output when it exited non-zero. */
export function expectOk(r: SResult): SResult {
  if (r.code !== 0) throw new Error(`s exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r;
}

/** The result object of `s ... --silent -o json` for the single resource run. */
export function jsonResult(r: SResult): Record<string, unknown> {
  expectOk(r);
  const start = r.stdout.indexOf('{');
  if (start < 0) throw new Error(`no JSON in output:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout.slice(start)) as Record<string, unknown>;
}
