/**
 * fc3-role next to fc3, paired by an output reference (example/fc3-output-reference), through the real
 * `s` CLI with a local stand-in in place of fc3: fc3 gets the ARN, a later fc3 deploy keeps the role,
 * and when something else clears a declared function's role, the next deploy warns and says how to pair —
 * only when fc3-role's own record on the role says that it set that role (no warning after an
 * interrupted deploy, nor for a role made by hand and adopted).
 */
import { GetFunctionRequest } from '@alicloud/fc20230330';
import { CreateRoleRequest, GetRoleRequest, ListPoliciesForRoleRequest, ListTagResourcesRequest } from '@alicloud/ram20150501';
import { fcClient, ramClient } from '../helpers/clients';
import { FC_TRUST } from '../helpers/ram-documents';
import { exampleProject, standInProject, standInProps } from './fixtures/fc3-stand-in/project';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

// fc3 (a stand-in) deploys the function in the same run, with the same access: the users also hold what fc3 needs.
const e2e = useE2E({ alsoGrant: ['AliyunFCFullAccess'], accounts: [{ buckets: [{ name: 'my-bucket' }] }] });

async function functionRole(name: string): Promise<string> {
  const res = await fcClient(e2e.emu).getFunction(name, new GetFunctionRequest({}));
  return res.body?.role ?? '';
}

describe('output reference: role: ${resources.fn-role.output.arn} in the fc3 resource', () => {
  it('deploys the role first, fc3 gets its ARN, and a later fc3 deploy keeps it', async () => {
    const dir = exampleProject('fc3-output-reference');
    const arn = `acs:ram::${e2e.accountId}:role/fc-oss-writer`;

    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(standInProps(dir)).toMatchObject({ functionName: 'my-function', role: arn });
    expect(await functionRole('my-function')).toBe(arn);
    const policies = await ramClient(e2e.emu).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName: 'fc-oss-writer' }));
    expect((policies.body?.policies?.policy ?? []).map((p) => p.policyName).sort()).toEqual(['AliyunOSSReadOnlyAccess', 'fc-oss-writer-put']);

    // A later deploy of both: fc3 (the stand-in) updates the function with the same role; RAM is untouched.
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes({ product: 'ram' })).toEqual([]);
    expect(standInProps(dir).role).toBe(arn);
    expect(await functionRole('my-function')).toBe(arn);

    // `s info` resolves the reference from fc3-role's info output (same `arn` key as deploy).
    const info = jsonResult(await e2e.s(dir, ['fn-role', 'info', '--silent', '-o', 'json']));
    expect(info).toMatchObject({ arn, exists: true });
  });

  it('s invoke runs both: fc3-role invokes nothing and hands on its ARN, fc3 invokes; fc3 alone needs --no-verify', async () => {
    const dir = exampleProject('fc3-output-reference');
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    // The example handler writes to my-bucket with the role's temporary credentials (fc-oss-writer-put).
    const event = (objectName: string) => JSON.stringify({ bucket: 'my-bucket', objectName, message: 'paired', endpoint: e2e.emu.endpoint });

    const both = expectOk(await e2e.s(dir, ['invoke', '-e', event('both.txt')]));
    expect(both.stdout).toContain('fn-role names no function to invoke (no functions, no invoke.function): nothing invoked here.');
    expect(both.stdout).toContain('stand-in invoked my-function');
    expect(standInProps(dir).role).toBe(`acs:ram::${e2e.accountId}:role/fc-oss-writer`);

    // Alone, fc3's invoke (which verifies its references, like fc3) cannot resolve fn-role's output...
    const alone = await e2e.s(dir, ['my-function', 'invoke', '-e', event('alone.txt')]);
    expect(alone.code).not.toBe(0);
    expect(`${alone.stdout}\n${alone.stderr}`).toContain('${resources.fn-role.output.arn} not found');
    // ...unless told not to verify them, as the README and the example say.
    expect(expectOk(await e2e.s(dir, ['my-function', 'invoke', '-e', event('no-verify.txt'), '--no-verify'])).stdout).toContain('stand-in invoked my-function');
    const runs = e2e.emu.state.getAccount(e2e.accountId).fc.listInvocations().filter((i) => i.functionName === 'my-function');
    expect(runs.map((i) => i.status)).toEqual(['Succeeded', 'Succeeded']);
    const objects = e2e.emu.state.getAccount(e2e.accountId).oss.listObjects('my-bucket').map((o) => o.key).sort();
    expect(objects).toEqual(['both.txt', 'no-verify.txt']);
  });
});

describe('remove with the output-reference pairing', () => {
  it('s remove is refused with the working sequence, which then removes both', async () => {
    const dir = exampleProject('fc3-output-reference');
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    e2e.emu.requests.clear();

    // `s` removes fn-role first (dependency order) while my-function still uses the role.
    const refused = await e2e.s(dir, ['remove', '-y']);
    expect(refused.code).not.toBe(0);
    const text = `${refused.stdout}\n${refused.stderr}`;
    expect(text).toContain('still used by functions not declared in s.yaml: cn-hangzhou/my-function');
    expect(text).toContain('`s <fc3 resource> remove -y --no-verify`');
    expect(text).toContain('then `s fn-role remove -y`');
    expect(e2e.emu.requests.writes()).toEqual([]);

    // The sequence the hint names: the function first, then the role.
    expectOk(await e2e.s(dir, ['my-function', 'remove', '-y', '--no-verify']));
    await expect(functionRole('my-function')).rejects.toMatchObject({ code: 'FunctionNotFound' });
    const removed = expectOk(await e2e.s(dir, ['fn-role', 'remove', '-y']));
    expect(removed.stdout).toContain('delete role fc-oss-writer');
    await expect(ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: 'fc-oss-writer' }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
  });
});

describe('a first deploy inside the propagation window of the new role', () => {
  it('fc3-role hands over the ARN with a note; fc3 fails on FC\'s InvalidArgument; a rerun once FC sees the role succeeds', async () => {
    // No API tells the deploying identity whether FC sees a role no function uses yet (STS AssumeRole
    // proves nothing), and fc3 fails at once on InvalidArgument: the README says to run deploy again.
    e2e.emu.faults.setPropagationDelay(24 * 3600_000);
    const dir = exampleProject('fc3-output-reference');
    const arn = `acs:ram::${e2e.accountId}:role/fc-oss-writer`;
    const first = await e2e.s(dir, ['deploy', '-y']);
    expect(first.code).not.toBe(0);
    expect(first.stdout).toContain(`Role ${arn} was created in this run.`);
    expect(first.stdout).toContain('run `s deploy` again');
    expect(standInProps(dir)).toMatchObject({ functionName: 'my-function', role: arn });
    expect(e2e.emu.requests.count({ product: 'fc', action: 'CreateFunction', failed: true, status: 400 })).toBe(1);
    expect(e2e.emu.requests.count({ product: 'sts', action: 'AssumeRole' })).toBe(0);

    e2e.emu.faults.setPropagationDelay(0);
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes({ product: 'ram' })).toEqual([]);
    expect(await functionRole('my-function')).toBe(arn);
  });
});

describe('drift: an fc3 deploy without role clears a function fc3-role manages', () => {
  it('warns on the next deploy, names the output reference, sets the role again; no warning when nothing changed', async () => {
    await e2e.fn('drifty');
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: 'drift-role' }, functions: ['drifty'] });
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const arn = `acs:ram::${e2e.accountId}:role/drift-role`;
    expect(await functionRole('drifty')).toBe(arn);

    expectOk(await e2e.s(standInProject({ region: 'cn-hangzhou', functionName: 'drifty' }), ['deploy', '-y']));
    expect(await functionRole('drifty')).toBe('');

    const r = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(r.stdout).toContain('[WARN][fn-role] Function cn-hangzhou/drifty has no role');
    expect(r.stdout).toContain('role: ${resources.fn-role.output.arn}');
    expect(await functionRole('drifty')).toBe(arn);

    // fc3 deployed it with another role: the same warning, naming both roles.
    await ramClient(e2e.emu).createRole(new CreateRoleRequest({ roleName: 'other', assumeRolePolicyDocument: FC_TRUST }));
    expectOk(await e2e.s(standInProject({ region: 'cn-hangzhou', functionName: 'drifty', role: `acs:ram::${e2e.accountId}:role/other` }), ['deploy', '-y']));
    const again = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(again.stdout).toContain(`uses role acs:ram::${e2e.accountId}:role/other instead of ${arn}`);
    expect(again.stdout).toContain('${resources.fn-role.output.arn}');

    // Nothing changed it since: no warning.
    const steady = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(steady.stdout).not.toContain('[WARN][fn-role]');
  });
});

describe('no false warnings: fc3-role warns only about a role its own record says it set', () => {
  it('after an interrupted deploy (the function roles were never set) the rerun sets them without a warning', async () => {
    await e2e.fn('never-set');
    await ramClient(e2e.emu).createRole(new CreateRoleRequest({ roleName: 'someone-elses', assumeRolePolicyDocument: FC_TRUST }));
    await e2e.fn('other-role', 'cn-hangzhou', `acs:ram::${e2e.accountId}:role/someone-elses`);
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: 'interrupted' }, policies: ['AliyunOSSFullAccess'], functions: ['never-set', 'other-role'] });
    // The interrupted run got as far as the role and its policy (here: the same s.yaml without its functions).
    expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: 'interrupted' }, policies: ['AliyunOSSFullAccess'] }), ['deploy', '-y']));
    const tags = await ramClient(e2e.emu).listTagResources(new ListTagResourcesRequest({ resourceType: 'role', resourceNames: ['interrupted'] }));
    expect((tags.body?.tagResources ?? []).map((t) => t.tagKey)).not.toContain('fc3-role:functions');

    const rerun = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(rerun.stdout).not.toContain('[WARN][fn-role]');
    expect(await functionRole('never-set')).toBe(`acs:ram::${e2e.accountId}:role/interrupted`);
    expect(await functionRole('other-role')).toBe(`acs:ram::${e2e.accountId}:role/interrupted`);
  });

  it('a role made by hand and adopted: functions that never used it get it without a warning', async () => {
    await ramClient(e2e.emu).createRole(new CreateRoleRequest({ roleName: 'by-hand', assumeRolePolicyDocument: FC_TRUST }));
    await e2e.fn('plain');
    const r = expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: 'by-hand' }, functions: ['plain'] }), ['deploy', '-y']));
    expect(r.stdout).not.toContain('[WARN][fn-role]');
    expect(await functionRole('plain')).toBe(`acs:ram::${e2e.accountId}:role/by-hand`);
  });
});
