/**
 * End-to-end harness: one emulator per test file, an isolated `s` HOME holding the emulator's root
 * key (added with `s config add ... --AccountID`), and s.yaml projects naming this repository's
 * built component by absolute path. Not a test file itself.
 */
import { useEmulator } from '../helpers/emulator';
import { makeProject, makeSHome, REPO_ROOT, runS, type SResult } from '../helpers/s-cli';
import { createFunction } from '../fixtures/invoke/functions';
import { fcEndpointsEnv } from '../helpers/clients';
import type { Emulator, StartOptions } from '../../emulator';

export const NODE_HELLO = 'node-hello.js';

export interface E2E {
  readonly emu: Emulator;
  readonly home: string;
  readonly accountId: string;
  /** Runs `s` in `dir` against the emulator (emulatorEnv() set). */
  s(dir: string, args: string[], opts?: { env?: Record<string, string | undefined>; input?: string; home?: string }): Promise<SResult>;
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

/** `options` are the emulator's (e.g. seeded RAM users with their policies). */
export function useE2E(options: StartOptions = {}): E2E {
  const handle = useEmulator(options);
  let home = '';
  beforeAll(async () => {
    const account = handle.current.accounts[0];
    home = await makeSHome([{ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, accountId: account.id }]);
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
      return runS(args, {
        cwd: dir,
        home: opts.home ?? home,
        input: opts.input,
        env: { ...emulatorEnv(handle.current), ...opts.env },
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
