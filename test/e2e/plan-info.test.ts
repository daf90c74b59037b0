/**
 * `s plan` and `s info` through the real `s` CLI: plan writes nothing and announces exactly what
 * deploy then does; info shows what exists; deploy and info return the same output keys, plan the same
 * identity with the state labelled current and planned.
 */
import { UpdateFunctionInput, UpdateFunctionRequest } from '@alicloud/fc20230330';
import { fcClient } from '../helpers/clients';
import { parseJsonOutput, type SResult } from '../helpers/s-cli';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-plan-info';

const writer = { name: 'e2e-plan-writer', description: 'writes bucket-p', statements: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:bucket-p/*'] }] };

const first = { region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess'], functions: ['one'] };
const second = {
  region: 'cn-hangzhou',
  role: { name: ROLE, description: 'now described', maxSessionDuration: 7200 },
  policies: ['AliyunLogReadOnlyAccess', writer],
  functions: ['one', { name: 'two', region: 'cn-shanghai' }],
};

/** The write calls a plan line stands for (an attachment also writes its ownership tag). */
function writesOfLine(line: string): string[] {
  const rules: Array<[RegExp, string[]]> = [
    [/^\+ create role /, ['CreateRole']],
    [/^~ update role /, ['UpdateRole']],
    [/^\+ create service-linked role/, ['CreateServiceLinkedRole']],
    [/^\+ create policy /, ['CreatePolicy']],
    [/^~ update policy .*rotates out /, ['DeletePolicyVersion', 'CreatePolicyVersion']],
    [/^~ update policy /, ['CreatePolicyVersion']],
    [/^\+ attach .*\(account scope\)$/, ['TagResources', 'AttachPolicyToRole']],
    [/^\+ attach /, ['TagResources', 'AttachPolicy']],
    [/^- detach .*\(account scope\)$/, ['DetachPolicyFromRole', 'UntagResources']],
    [/^- detach /, ['DetachPolicy', 'UntagResources']],
    [/^[~-] (un)?set role of function /, ['UpdateFunction']],
    [/^~ record the \d+ function\(s\) that use the role/, ['TagResources']],
    [/^- drop the record of the functions/, ['UntagResources']],
  ];
  const hit = rules.find(([re]) => re.test(line));
  if (!hit) throw new Error(`unexpected plan line: ${line}`);
  return hit[1];
}

async function planThenDeploy(dir: string): Promise<{ lines: string[]; deploy: SResult }> {
  e2e.emu.requests.clear();
  const plan = await e2e.s(dir, ['plan', '--silent', '-o', 'json']);
  const out = jsonResult(plan);
  expect(e2e.emu.requests.writes()).toEqual([]);
  expect(e2e.emu.requests.count()).toBeGreaterThan(0);
  const lines = out.changes as string[];

  e2e.emu.requests.clear();
  const deploy = expectOk(await e2e.s(dir, ['deploy', '-y']));
  // Deploy writes exactly what the plan lists, in the plan's order.
  const writes = e2e.emu.requests.writes({ failed: false }).map((w) => w.action);
  expect(writes).toEqual(lines.flatMap(writesOfLine));
  // Deploy logs the same lines as it goes.
  for (const line of lines) expect(deploy.stdout).toContain(line);
  return { lines, deploy };
}

describe('s plan', () => {
  it('writes nothing and lists exactly the changes deploy then makes: from nothing, then an edit', async () => {
    await e2e.fn('one');
    await e2e.fn('two', 'cn-shanghai');
    const created = await planThenDeploy(roleProject(first));
    expect(created.lines).toEqual([
      expect.stringMatching(/^\+ create role e2e-plan-info \(trusts fc\.aliyuncs\.com; maxSessionDuration 3600\)/),
      '+ attach System policy AliyunOSSFullAccess (account scope)',
      expect.stringMatching(/^~ set role of function cn-hangzhou\/one: \(none\) -> acs:ram::\d+:role\/e2e-plan-info$/),
      '~ record the 1 function(s) that use the role (role tag fc3-role:functions)',
    ]);

    const edited = await planThenDeploy(roleProject(second));
    expect(edited.lines).toEqual([
      expect.stringMatching(/^~ update role e2e-plan-info: description "" -> "now described"; maxSessionDuration 3600 -> 7200$/),
      expect.stringMatching(/^\+ create policy e2e-plan-writer/),
      // Detaches first: they free ownership tags before attaches add new ones (20 per role).
      '- detach System policy AliyunOSSFullAccess (account scope)',
      '+ attach System policy AliyunLogReadOnlyAccess (account scope)',
      '+ attach Custom policy e2e-plan-writer (account scope)',
      expect.stringMatching(/^~ set role of function cn-shanghai\/two: \(none\) -> /),
      '~ record the 2 function(s) that use the role (role tag fc3-role:functions)',
    ]);
  });

  it('after deploy shows no changes, both as JSON and as text', async () => {
    await e2e.fn('one');
    const dir = roleProject(first);
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    e2e.emu.requests.clear();
    expect(jsonResult(await e2e.s(dir, ['plan', '--silent', '-o', 'json'])).changes).toEqual([]);
    const text = expectOk(await e2e.s(dir, ['plan']));
    expect(text.stdout).toContain(`Plan for role ${ROLE}:`);
    expect(text.stdout).toContain('No changes.');
    expect(e2e.emu.requests.writes()).toEqual([]);
  });

  it('prints clean JSON with --silent -o json, even with warnings and retries (nothing else on stdout)', async () => {
    await e2e.fn('one');
    const dir = roleProject(first);
    const planned = expectOk(await e2e.s(dir, ['plan', '--silent', '-o', 'json']));
    expect(() => JSON.parse(planned.stdout) as unknown).not.toThrow();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    // A function whose role was cleared by hand (deploy warns) and a throttled write (deploy retries).
    await fcClient(e2e.emu).updateFunction('one', new UpdateFunctionRequest({ body: new UpdateFunctionInput({ role: '' }) }));
    e2e.emu.faults.add({ product: 'fc', action: 'UpdateFunction', error: 'Throttling', times: 1 });
    const deployed = expectOk(await e2e.s(dir, ['deploy', '-y', '--silent', '-o', 'json']));
    expect(JSON.parse(deployed.stdout)).toMatchObject({ roleName: ROLE, functions: [expect.objectContaining({ usesRole: true })] });
    expect(e2e.emu.requests.count({ action: 'UpdateFunction', failed: true })).toBe(1);
  });
});

describe('s info', () => {
  it('shows the role, policies with scope and version, and whether each function uses the role', async () => {
    await e2e.fn('one');
    await e2e.fn('two', 'cn-shanghai');
    const groupId = e2e.emu.state.getAccount(e2e.accountId).rm.listResourceGroups()[0].id;
    const props = { ...second, policies: [...second.policies, { name: 'AliyunFCReadOnlyAccess', resourceGroupId: groupId }] };
    const dir = roleProject(props);
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    // Someone points `two` at another role.
    await fcClient(e2e.emu, undefined, 'cn-shanghai').updateFunction('two', new UpdateFunctionRequest({ body: new UpdateFunctionInput({ role: '' }) }));

    e2e.emu.requests.clear();
    const info = jsonResult(await e2e.s(dir, ['info', '--silent', '-o', 'json']));
    expect(e2e.emu.requests.writes()).toEqual([]);
    const arn = `acs:ram::${e2e.accountId}:role/${ROLE}`;
    expect(info).toMatchObject({ roleName: ROLE, arn, accountId: e2e.accountId, exists: true });
    expect(info.policies).toEqual(
      expect.arrayContaining([
        { type: 'System', name: 'AliyunLogReadOnlyAccess', scope: 'account', managed: true },
        { type: 'Custom', name: 'e2e-plan-writer', scope: 'account', version: 'v1', managed: true },
        { type: 'System', name: 'AliyunFCReadOnlyAccess', scope: groupId, managed: true },
      ]),
    );
    expect((info.policies as unknown[]).length).toBe(3);
    expect(info.functions).toEqual([
      { name: 'one', region: 'cn-hangzhou', exists: true, role: arn, usesRole: true },
      { name: 'two', region: 'cn-shanghai', exists: true, role: '', usesRole: false },
    ]);

    const text = expectOk(await e2e.s(dir, ['info']));
    expect(text.stdout).toContain(arn);
    expect(text.stdout).toContain(groupId);
  });

  it('reports a declared function that does not exist (exists: false) instead of dropping it', async () => {
    await e2e.fn('one');
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, functions: ['one'] });
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const arn = `acs:ram::${e2e.accountId}:role/${ROLE}`;
    const withGhost = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, functions: ['one', { name: 'ghost', region: 'cn-shanghai' }] });
    const info = jsonResult(await e2e.s(withGhost, ['info', '--silent', '-o', 'json']));
    expect(info.functions).toEqual([
      { name: 'one', region: 'cn-hangzhou', exists: true, role: arn, usesRole: true },
      { name: 'ghost', region: 'cn-shanghai', exists: false, role: '', usesRole: false },
    ]);
  });

  it('before the first deploy says the role does not exist (and writes nothing)', async () => {
    const info = jsonResult(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE } }), ['info', '--silent', '-o', 'json']));
    expect(info).toMatchObject({ roleName: ROLE, exists: false, policies: [], functions: [] });
    expect(e2e.emu.requests.writes()).toEqual([]);
  });
});

describe('output keys', () => {
  it('deploy and info return the same keys; plan the same identity, with the state labelled current (as info shows it) and planned', async () => {
    await e2e.fn('one');
    const dir = roleProject(first);
    const deploy = jsonResult(await e2e.s(dir, ['deploy', '-y', '--silent', '-o', 'json']));
    const plan = jsonResult(await e2e.s(dir, ['plan', '--silent', '-o', 'json']));
    const info = parseJsonOutput(expectOk(await e2e.s(dir, ['info', '--silent', '-o', 'json'])).stdout) as Record<string, unknown>;
    const keys = Object.keys(deploy).sort();
    expect(keys).toEqual(expect.arrayContaining(['roleName', 'arn', 'accountId', 'exists', 'trustPolicy', 'maxSessionDuration', 'policies', 'functions']));
    expect(Object.keys(info).sort()).toEqual(keys);
    for (const k of keys) expect(info[k]).toEqual(deploy[k]);
    expect(Object.keys(plan).sort()).toEqual(['__component', 'accountId', 'arn', 'changes', 'current', 'planned', 'roleName']);
    for (const k of ['roleName', 'arn', 'accountId']) expect(plan[k]).toEqual(deploy[k]);
    const { roleName: _r, arn: _a, accountId: _i, __component: _c, ...state } = info;
    expect(plan.current).toEqual(state);
    // Deployed, the plan leaves things as they are: planned = current.
    expect(plan.planned).toMatchObject({ exists: true, maxSessionDuration: state.maxSessionDuration, policies: state.policies, functions: state.functions });
    expect(plan.changes).toEqual([]);
  });
});
