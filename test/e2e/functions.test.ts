/**
 * Functions through the real `s` CLI: several functions in two regions get the role, a missing
 * function blocks the deploy before any write, and the service-linked role opt-in.
 */
import { GetRoleRequest } from '@alicloud/ram20150501';
import { GetFunctionRequest } from '@alicloud/fc20230330';
import { fcClient, ramClient } from '../helpers/clients';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-functions';

async function functionRole(name: string, region: string): Promise<string> {
  const res = await fcClient(e2e.emu, undefined, region).getFunction(name, new GetFunctionRequest({}));
  return res.body?.role ?? '';
}

describe('functions', () => {
  it('sets the role on several functions in two regions, and only on the declared ones', async () => {
    await e2e.fn('alpha', 'cn-hangzhou');
    await e2e.fn('beta', 'cn-hangzhou');
    await e2e.fn('gamma', 'cn-shanghai');
    await e2e.fn('alpha', 'cn-shanghai'); // same name, other region, not declared
    const dir = roleProject({
      region: 'cn-hangzhou',
      role: { name: ROLE },
      functions: ['alpha', { name: 'beta' }, { name: 'gamma', region: 'cn-shanghai' }],
    });
    const out = jsonResult(await e2e.s(dir, ['deploy', '-y', '--silent', '-o', 'json']));
    const arn = `acs:ram::${e2e.accountId}:role/${ROLE}`;
    expect(out.functions).toEqual([
      { name: 'alpha', region: 'cn-hangzhou', exists: true, role: arn, usesRole: true },
      { name: 'beta', region: 'cn-hangzhou', exists: true, role: arn, usesRole: true },
      { name: 'gamma', region: 'cn-shanghai', exists: true, role: arn, usesRole: true },
    ]);
    expect(await functionRole('alpha', 'cn-hangzhou')).toBe(arn);
    expect(await functionRole('beta', 'cn-hangzhou')).toBe(arn);
    expect(await functionRole('gamma', 'cn-shanghai')).toBe(arn);
    expect(await functionRole('alpha', 'cn-shanghai')).toBe('');
    expect(e2e.emu.requests.writes({ action: 'UpdateFunction', failed: false }).length).toBe(3);

    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);
  });

  it('a missing function blocks the deploy with DeployBlocked and no write', async () => {
    await e2e.fn('present', 'cn-hangzhou');
    const dir = roleProject({
      region: 'cn-hangzhou',
      role: { name: ROLE },
      policies: ['AliyunOSSFullAccess'],
      functions: ['present', { name: 'ghost', region: 'cn-shanghai' }],
    });
    e2e.emu.requests.clear();
    const r = await e2e.s(dir, ['deploy', '-y']);
    const all = `${r.stdout}\n${r.stderr}`;
    expect(r.code).not.toBe(0);
    expect(all).toMatch(/cannot start/);
    expect(all).toContain('function cn-shanghai/ghost');
    expect(all).toMatch(/deploy the function first/);
    expect(e2e.emu.requests.writes()).toEqual([]);
    // Nothing half-done: the role was not created.
    await expect(ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: ROLE }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
  });

  it('serviceLinkedRole: true creates AliyunServiceRoleForFC once', async () => {
    await e2e.fn('alpha', 'cn-hangzhou');
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, functions: ['alpha'], serviceLinkedRole: true });
    const plan = jsonResult(await e2e.s(dir, ['plan', '--silent', '-o', 'json']));
    expect(plan.changes).toEqual(expect.arrayContaining(['+ create service-linked role AliyunServiceRoleForFC']));

    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes({ action: 'CreateServiceLinkedRole', failed: false }).length).toBe(1);
    const slr = await ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: 'AliyunServiceRoleForFC' }));
    expect(slr.body?.role?.roleName).toBe('AliyunServiceRoleForFC');

    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);
  });

  it('without the opt-in the service-linked role is left alone', async () => {
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE } });
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.count({ action: 'CreateServiceLinkedRole' })).toBe(0);
    expect(e2e.emu.requests.count({ action: 'CheckServiceLinkedRoleExistence' })).toBe(0);
  });
});
