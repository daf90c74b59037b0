/**
 * A table of bad inputs: each fails, says where the problem is (the props/args path, or the key fact)
 * with an example or hint, and writes nothing. Rows marked `s` run through the real `s` CLI (exit code,
 * what `s` prints: credentials, env, flags, props that are no object, several problems at once, refusals
 * before any call); the others call the component's entry (dist/index.js, as `s` loads it) in this process
 * with the inputs `s` passes: the same code path after `s`, without an `s` start per row.
 */
import { join } from 'path';
import { makeSHome, REPO_ROOT } from '../helpers/s-cli';
import { emulatorEnv, roleProject, useE2E } from './harness';

const e2e = useE2E({ accounts: [{ users: [{ name: 'fc-only', policies: ['AliyunFCReadOnlyAccess'] }] }] });
const ROLE = 'e2e-bad';
const base = { region: 'cn-hangzhou', role: { name: ROLE } };
const stmt = { Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] };
const custom = (over: Record<string, unknown>): Record<string, unknown> => ({ ...base, policies: [{ name: 'my-writer', statements: [stmt], ...over }] });

type HomeKind = 'empty' | 'wrongSecret' | 'fcOnlyUser';

interface Row {
  name: string;
  props?: unknown;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  files?: Record<string, string>;
  home?: HomeKind;
  setup?: () => Promise<void>;
  /** Every pattern must appear in stdout + stderr. */
  expect: RegExp[];
  /** Refused before any cloud call at all (not even a read). */
  noCloudCall?: boolean;
  /** Run through the `s` CLI; otherwise through the component's entry in this process. */
  s?: true;
}

const rows: Row[] = [
  { name: 'role name with bad characters', s: true, props: { ...base, role: { name: 'bad name!' } }, expect: [/props\.role\.name: must match/, /example: fc-oss-writer/] },
  { name: 'role name too long', props: { ...base, role: { name: 'r'.repeat(65) } }, expect: [/props\.role\.name: must match/, /example: fc-oss-writer/] },
  { name: 'role missing', props: { region: 'cn-hangzhou' }, expect: [/props\.role: is required/, /example:/] },
  { name: 'description too long', props: { ...base, role: { name: ROLE, description: 'd'.repeat(1025) } }, expect: [/props\.role\.description: must be at most 1024 characters/, /example:/] },
  { name: 'maxSessionDuration too small', props: { ...base, role: { name: ROLE, maxSessionDuration: 60 } }, expect: [/props\.role\.maxSessionDuration: must be at least 3600/, /example: 3600/] },
  { name: 'maxSessionDuration too large', props: { ...base, role: { name: ROLE, maxSessionDuration: 50000 } }, expect: [/props\.role\.maxSessionDuration: must be at most 43200/, /example: 3600/] },
  { name: 'unknown prop key (typo)', props: { ...base, polices: ['AliyunOSSFullAccess'] }, expect: [/props\.polices: is not a known property/, /did you mean "policies"/, /example:/] },
  { name: 'unknown role key (typo)', props: { ...base, role: { name: ROLE, descripton: 'x' } }, expect: [/props\.role\.descripton: is not a known property/, /did you mean "description"/] },
  {
    name: 'services and trustPolicy together',
    props: { ...base, role: { name: ROLE, services: ['fc.aliyuncs.com'], trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } }] } } },
    expect: [/props\.role\.(services|trustPolicy)/, /together|exclusive|not both|one of/i, /example:/],
  },
  { name: 'bad trusted service', props: { ...base, role: { name: ROLE, services: ['fc'] } }, expect: [/props\.role\.services/, /example:/] },
  { name: 'malformed trust policy JSON string', props: { ...base, role: { name: ROLE, trustPolicy: '{"Version": "1", "Statement": [' } }, expect: [/props\.role\.trustPolicy: is not valid JSON/, /example:/] },
  {
    name: 'trust policy without Principal',
    props: { ...base, role: { name: ROLE, trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'] }] } } },
    expect: [/props\.role\.trustPolicy\.Statement\[0\]/, /Principal/, /example:/],
  },
  {
    name: 'trust policy that admits everyone (RAM: ["*"])', s: true,
    props: { ...base, role: { name: ROLE, trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['*'] } }] } }, policies: ['AliyunOSSFullAccess'] },
    expect: [/props\.role\.trustPolicy\.Statement\[0\]\.Principal\.RAM: admits any principal through "\*"/, /example: \["fc\.aliyuncs\.com"\]/],
    noCloudCall: true,
  },
  {
    name: 'trust policy that admits every service (Service: ["*"])',
    props: { ...base, role: { name: ROLE, trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: '*' } }] } } },
    expect: [/props\.role\.trustPolicy\.Statement\[0\]\.Principal\.Service: admits any principal through "\*"/],
    noCloudCall: true,
  },
  {
    name: 'role handed to functions that does not trust fc.aliyuncs.com', s: true,
    props: { ...base, role: { name: ROLE, services: ['ecs.aliyuncs.com'] }, functions: ['f1'] },
    expect: [/props\.role\.services: does not let Function Compute \(fc\.aliyuncs\.com\) assume the role/, /props\.functions declares cn-hangzhou\/f1/, /example: fc\.aliyuncs\.com/],
    noCloudCall: true,
  },
  { name: 'missing trust policy file', s: true, props: { ...base, role: { name: ROLE, trustPolicy: './trust.json' } }, expect: [/props\.role\.trustPolicy/, /trust\.json/, /example:/] },
  { name: 'missing policy document file', props: custom({ statements: undefined, document: './nope.json' }), expect: [/props\.policies\[0\]\.document/, /nope\.json/, /example:/] },
  { name: 'policy document file that is not JSON', props: custom({ statements: undefined, document: './bad.json' }), files: { 'bad.json': 'Version: 1' }, expect: [/props\.policies\[0\]\.document/, /not valid JSON/] },
  { name: 'statement with a bad Effect', props: custom({ statements: [{ ...stmt, Effect: 'Permit' }] }), expect: [/props\.policies\[0\]\.statements\[0\]\.Effect/, /Allow, Deny/, /example:/] },
  { name: 'Action without a service prefix', props: custom({ statements: [{ ...stmt, Action: ['PutObject'] }] }), expect: [/props\.policies\[0\]\.statements\[0\]\.Action\[0\]/, /service:Action/, /example:/] },
  { name: 'statement without Resource', props: custom({ statements: [{ Effect: 'Allow', Action: ['oss:PutObject'] }] }), expect: [/props\.policies\[0\]\.statements\[0\]/, /Resource/, /example:/] },
  {
    name: 'document over 6144 characters',
    props: custom({ statements: [{ ...stmt, Resource: Array.from({ length: 250 }, (_, i) => `acs:oss:*:*:bucket-number-${i}/*`) }] }),
    expect: [/props\.policies\[0\]/, /6144/, /example:|Hint:/],
  },
  { name: 'statement and statements together', props: custom({ statement: [stmt] }), expect: [/props\.policies\[0\]\.statement: cannot be used together with statements/, /example:/] },
  { name: 'type System with statements', props: custom({ type: 'System' }), expect: [/props\.policies\[0\]\.type: is System/, /example: Custom/] },
  { name: 'custom policy named like a system policy', props: custom({ name: 'AliyunMine' }), expect: [/props\.policies\[0\]\.name: must not start with "Aliyun"/, /example:/] },
  { name: 'duplicate policy', props: { ...base, policies: ['AliyunOSSFullAccess', 'aliyunossfullaccess'] }, expect: [/props\.policies\[1\]/, /AliyunOSSFullAccess|aliyunossfullaccess/i, /example:/] },
  { name: 'too many policies', props: { ...base, policies: Array.from({ length: 19 }, (_, i) => `AliyunPolicy${i}`) }, expect: [/props\.policies: must have at most 18 items/, /20 tags/] },
  { name: 'resourceGroupId format', props: { ...base, policies: [{ name: 'AliyunOSSFullAccess', resourceGroupId: 'group-1' }] }, expect: [/props\.policies\[0\]\.resourceGroupId: must match/, /example: rg-/] },
  { name: 'unknown system policy (blocked at read)', s: true, props: { ...base, policies: ['AliyunNoSuchThingAccess'] }, expect: [/DeployBlocked|cannot start/, /AliyunNoSuchThingAccess/, /unknown to RAM/, /Hint:/] },
  { name: 'missing function (blocked at read)', s: true, props: { ...base, functions: ['ghost'] }, expect: [/cannot start/, /function cn-hangzhou\/ghost/, /deploy the function first/] },
  { name: 'bad region', props: { ...base, region: 'cn-nowhere' }, expect: [/props\.region: must be one of/, /got "cn-nowhere"/, /example: cn-hangzhou/] },
  { name: 'bad function region', props: { ...base, functions: [{ name: 'f', region: 'mars-1' }] }, expect: [/props\.functions\[0\]\.region: must be one of/, /example: cn-hangzhou/] },
  { name: 'invalid function name', props: { ...base, functions: ['bad/name'] }, expect: [/props\.functions\[0\]: must match/, /example: my-function/] },
  { name: 'duplicate function', props: { ...base, functions: ['f1', { name: 'f1' }] }, expect: [/props\.functions\[1\]: repeats/, /example:/] },
  { name: 'invoke.function not declared', props: { ...base, functions: ['f1'], invoke: { function: 'f2' } }, expect: [/props\.invoke\.function: is not one of props\.functions/, /example: f1/] },
  { name: 'invoke event and eventFile together', props: { ...base, invoke: { event: 'x', eventFile: './e.json' } }, expect: [/props\.invoke\.eventFile: cannot be used together/, /example:/] },
  { name: 'props a list, not an object', s: true, props: ['cn-hangzhou'], expect: [/props: must be an object/, /example:/] },
  { name: 'props a string, not an object', s: true, props: 'cn-hangzhou', expect: [/props: must be an object/, /example:/] },
  { name: 'bad endpoint prop', props: { ...base, endpoint: 'localhost:9000' }, expect: [/props\.endpoint/, /example: http:\/\/127\.0\.0\.1:9000/] },
  { name: 'bad endpoint env', s: true, props: base, env: { FC3_ROLE_ENDPOINT: 'ftp://127.0.0.1/x' }, expect: [/env\.FC3_ROLE_ENDPOINT/, /example:|Hint:/] },
  { name: 'unknown flag', s: true, props: base, args: ['--bogus'], expect: [/args\.--bogus: is not a flag of deploy/, /example:/] },
  { name: 'flag of another command', s: true, props: base, args: ['--force'], expect: [/args\.--force: is not a flag of deploy/] },
  { name: 'bad --region flag', props: base, args: ['--region', 'mars-1'], expect: [/args\.--region: must be an FC 3\.0 region/, /example: --region cn-hangzhou/] },
  { name: '--timeout abc for invoke', s: true, props: { ...base, functions: ['f1'] }, command: 'invoke', args: ['--timeout', 'abc'], expect: [/args\.--timeout: must be a positive whole number/, /example: --timeout 60/] },
  { name: 'no credentials (empty HOME)', s: true, props: base, home: 'empty', expect: [/credential|AccessKey/i, /s config add/] },
  { name: 'bad credentials (wrong secret)', s: true, props: base, home: 'wrongSecret', expect: [/InvalidCredentials|SignatureDoesNotMatch/, /Hint:/] },
  {
    name: 'a RAM user without RAM permissions', s: true,
    props: base,
    home: 'fcOnlyUser',
    expect: [/PermissionDenied|not allowed/, /ram:GetRole/, /role\/e2e-bad|e2e-bad/, /"ram:CreateRole"/],
  },
  {
    name: 'several mistakes at once', s: true,
    props: { region: 'cn-nowhere', role: { name: 'bad name!', maxSessionDuration: 1 }, polices: [] },
    args: ['--bogus'],
    expect: [/\(5 problems\)/, /args\.--bogus/, /props\.region/, /props\.role\.name/, /props\.role\.maxSessionDuration/, /props\.polices/],
  },
];

const homes = new Map<HomeKind, string>();
beforeAll(async () => {
  const account = e2e.emu.accounts[0];
  const user = account.users[0];
  homes.set('empty', await makeSHome([]));
  homes.set('wrongSecret', await makeSHome([{ accessKeyId: account.accessKeyId, accessKeySecret: 'NotTheSecret0000000000', accountId: account.id }]));
  homes.set('fcOnlyUser', await makeSHome([{ accessKeyId: user.accessKeyId, accessKeySecret: user.accessKeySecret, accountId: account.id }]));
});

/** What a run printed, and whether it failed: through `s`, or through the component's entry here. */
async function run(row: Row, dir: string): Promise<{ failed: boolean; output: string }> {
  const command = row.command ?? 'deploy';
  const args = ['-y', ...(row.args ?? [])];
  if (row.s) {
    const r = await e2e.s(dir, [command, ...args], { env: row.env, home: row.home ? homes.get(row.home) : undefined });
    return { failed: r.code !== 0, output: `${r.stdout}\n${r.stderr}` };
  }
  const lines: string[] = [];
  const log = (m: unknown): void => {
    lines.push(String(m));
  };
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(join(REPO_ROOT, 'dist', 'index.js')) as { default: new (p: { logger: unknown }) => Record<string, (inputs: unknown) => Promise<unknown>> };
  const component = new mod.default({ logger: { info: log, warn: log, debug: log, error: log, write: log } });
  const account = e2e.emu.accounts[0];
  const inputs = {
    props: row.props,
    args,
    cwd: dir,
    command,
    yaml: { path: join(dir, 's.yaml') },
    resource: { name: 'fn-role', component: REPO_ROOT, access: 'default' },
    getCredential: async () => ({ AccessKeyID: account.accessKeyId, AccessKeySecret: account.accessKeySecret, AccountID: account.id }),
  };
  try {
    await component[command](inputs);
    return { failed: false, output: lines.join('\n') };
  } catch (e) {
    return { failed: true, output: [...lines, e instanceof Error ? e.message : String(e)].join('\n') };
  }
}

const savedEnv: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const [key, value] of Object.entries(emulatorEnv(e2e.emu))) {
    savedEnv[key] = process.env[key];
    process.env[key] = value;
  }
});
afterAll(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('bad inputs', () => {
  it('the table is big enough, and the s CLI runs the rows that depend on it', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.filter((r) => r.s).length).toBeGreaterThanOrEqual(12);
    // Every row that needs s's own handling runs through it.
    for (const r of rows) if (r.home || r.env || typeof r.props !== 'object' || Array.isArray(r.props)) expect(r).toMatchObject({ s: true });
  });

  it.each(rows.map((r) => [`${r.s ? 's: ' : ''}${r.name}`, r] as const))('%s', async (_name, row) => {
    await row.setup?.();
    const dir = roleProject(row.props as Record<string, unknown>, { files: row.files });
    e2e.emu.requests.clear();
    const r = await run(row, dir);
    expect(r.failed).toBe(true);
    for (const pattern of row.expect) expect(r.output).toMatch(pattern);
    expect(r.output).toMatch(/example:|Hint:|s config add/);
    expect(e2e.emu.requests.writes()).toEqual([]);
    if (row.noCloudCall) expect(e2e.emu.requests.list()).toEqual([]);
  });
});
