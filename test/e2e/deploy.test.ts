/** `s deploy` through the real `s` CLI against the emulator: create, idempotence, drift repair. */
import { GetRoleRequest, UpdateRoleRequest, DetachPolicyFromRoleRequest, ListPoliciesForRoleRequest } from '@alicloud/ram20150501';
import { GetFunctionRequest, UpdateFunctionInput, UpdateFunctionRequest } from '@alicloud/fc20230330';
import { fcClient, ramClient } from '../helpers/clients';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E();

const props = {
  region: 'cn-hangzhou',
  role: { name: 'E2E-Oss-Writer', description: 'writes to OSS' },
  policies: ['AliyunOSSFullAccess'],
  functions: ['writer'],
};

async function functionRole(name: string, region = 'cn-hangzhou'): Promise<string> {
  const res = await fcClient(e2e.emu, undefined, region).getFunction(name, new GetFunctionRequest({}));
  return res.body?.role ?? '';
}

async function attachedPolicies(roleName: string): Promise<string[]> {
  const res = await ramClient(e2e.emu).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName }));
  return (res.body?.policies?.policy ?? []).map((p) => `${p.policyType}:${p.policyName}`).sort();
}

describe('s deploy', () => {
  it("the README's root-key path (the account's own key added with `s config add`): deploy, plan, info, remove", async () => {
    await e2e.fn('writer');
    const dir = roleProject(props);
    const root = `acs:ram::${e2e.accountId}:root`;
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y'], { as: 'root' }));
    expect(jsonResult(await e2e.s(dir, ['plan', '--silent', '-o', 'json'], { as: 'root' })).changes).toEqual([]);
    expect(jsonResult(await e2e.s(dir, ['info', '--silent', '-o', 'json'], { as: 'root' }))).toMatchObject({ exists: true });
    expectOk(await e2e.s(dir, ['remove', '-y'], { as: 'root' }));
    expect(await functionRole('writer')).toBe('');
    // Every call was the root key's.
    expect(e2e.emu.requests.list().filter((r) => r.caller !== root)).toEqual([]);
  });

  it('creates the role, attaches the policy and sets the role on the function, from nothing', async () => {
    await e2e.fn('writer');
    const dir = roleProject(props);
    const out = jsonResult(await e2e.s(dir, ['deploy', '-y', '--silent', '-o', 'json']));

    const arn = `acs:ram::${e2e.accountId}:role/e2e-oss-writer`;
    expect(out).toMatchObject({ roleName: 'E2E-Oss-Writer', arn, exists: true });
    // As a real user deploys: the RAM user holding exactly the policy fc3-role prints for deploy.
    expect(e2e.emu.requests.list({ action: 'CreateRole' }).map((r) => r.caller)).toEqual([`acs:ram::${e2e.accountId}:user/fc3-role-e2e-deploy`]);
    expect(out.policies).toEqual([expect.objectContaining({ type: 'System', name: 'AliyunOSSFullAccess', scope: 'account' })]);
    expect(out.functions).toEqual([{ name: 'writer', region: 'cn-hangzhou', exists: true, role: arn, usesRole: true }]);

    const role = await ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: 'E2E-Oss-Writer' }));
    expect(JSON.parse(role.body?.role?.assumeRolePolicyDocument ?? '{}')).toMatchObject({
      Statement: [expect.objectContaining({ Principal: { Service: ['fc.aliyuncs.com'] } })],
    });
    expect(await attachedPolicies('E2E-Oss-Writer')).toEqual(['System:AliyunOSSFullAccess']);
    expect(await functionRole('writer')).toBe(arn);
  });

  it('makes no write at all on a second run with no change', async () => {
    await e2e.fn('writer');
    const dir = roleProject(props);
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);
    expect(e2e.emu.requests.count()).toBeGreaterThan(0);
  });

  it('repairs drift: trust policy edited, policy detached, function role changed by hand', async () => {
    await e2e.fn('writer');
    await e2e.fn('other');
    const dir = roleProject({ ...props, role: { ...props.role, maxSessionDuration: 7200 } });
    expectOk(await e2e.s(dir, ['deploy', '-y']));

    const ram = ramClient(e2e.emu);
    await ram.updateRole(
      new UpdateRoleRequest({
        roleName: 'E2E-Oss-Writer',
        newAssumeRolePolicyDocument: JSON.stringify({
          Version: '1',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }],
        }),
        newMaxSessionDuration: 3600,
      }),
    );
    await ram.detachPolicyFromRole(new DetachPolicyFromRoleRequest({ policyType: 'System', policyName: 'AliyunOSSFullAccess', roleName: 'E2E-Oss-Writer' }));
    await fcClient(e2e.emu).updateFunction('writer', new UpdateFunctionRequest({ body: new UpdateFunctionInput({ role: '' }) }));

    e2e.emu.requests.clear();
    const r = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(r.stdout).toMatch(/fc3-role sets it/);
    const writes = e2e.emu.requests.writes().map((w) => w.action).sort();
    expect(writes).toEqual(expect.arrayContaining(['UpdateRole', 'AttachPolicyToRole', 'UpdateFunction']));

    const role = await ram.getRole(new GetRoleRequest({ roleName: 'E2E-Oss-Writer' }));
    expect(role.body?.role?.assumeRolePolicyDocument).toContain('fc.aliyuncs.com');
    expect(role.body?.role?.maxSessionDuration).toBe(7200);
    expect(await attachedPolicies('E2E-Oss-Writer')).toEqual(['System:AliyunOSSFullAccess']);
    expect(await functionRole('writer')).toBe(`acs:ram::${e2e.accountId}:role/e2e-oss-writer`);
    expect(await functionRole('other')).toBe('');

    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);
  });
});
