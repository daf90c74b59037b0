/**
 * A role fc3-role did not create (no `fc3-role:created` tag) is adopted carefully: undeclared
 * description and maxSessionDuration are left alone, and rewriting it (trust policy) needs confirmation
 * (-y, or a terminal); without either, deploy refuses before any write and lists what it would change.
 */
import { CreateRoleRequest, GetRoleRequest } from '@alicloud/ram20150501';
import { ramClient } from '../helpers/clients';
import { expectOk, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'hand-made-role';

const ecsAndFc = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com', 'fc.aliyuncs.com'] } }] };

async function makeRoleByHand(): Promise<void> {
  await ramClient(e2e.emu).createRole(
    new CreateRoleRequest({ roleName: ROLE, assumeRolePolicyDocument: JSON.stringify(ecsAndFc), description: 'made by hand', maxSessionDuration: 7200 }),
  );
}

async function role(): Promise<{ trust: string; description: string; maxSessionDuration: number }> {
  const r = (await ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: ROLE }))).body?.role;
  return { trust: r?.assumeRolePolicyDocument ?? '', description: r?.description ?? '', maxSessionDuration: r?.maxSessionDuration ?? 0 };
}

describe('deploy on a role fc3-role did not create', () => {
  it('keeps its description and session duration when s.yaml does not declare them: no write at all', async () => {
    await makeRoleByHand();
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE, services: ['ecs.aliyuncs.com', 'fc.aliyuncs.com'] } });
    e2e.emu.requests.clear();
    const plan = expectOk(await e2e.s(dir, ['plan']));
    expect(plan.stdout).toContain('No changes.');
    expectOk(await e2e.s(dir, ['deploy']));
    expect(e2e.emu.requests.writes()).toEqual([]);
    expect(await role()).toMatchObject({ description: 'made by hand', maxSessionDuration: 7200 });
  });

  it('refuses to rewrite its trust policy without -y (no terminal), listing the change, before any write', async () => {
    await makeRoleByHand();
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSReadOnlyAccess'] });
    e2e.emu.requests.clear();
    const r = await e2e.s(dir, ['deploy']);
    expect(r.code).not.toBe(0);
    const text = `${r.stdout}\n${r.stderr}`;
    expect(text).toContain('Confirmation needed: Deploy will:');
    expect(text).toMatch(/~ update role hand-made-role: trust policy trusts ecs\.aliyuncs\.com, fc\.aliyuncs\.com -> trusts fc\.aliyuncs\.com.*\(role not created by fc3-role\)/);
    expect(text).toContain('-y (--assume-yes)');
    expect(e2e.emu.requests.writes()).toEqual([]);
    expect((await role()).trust).toContain('ecs.aliyuncs.com');
  });

  it('with -y rewrites only the declared part: the trust policy; description and session duration stay', async () => {
    await makeRoleByHand();
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE } });
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const after = await role();
    expect(after.trust).not.toContain('ecs.aliyuncs.com');
    expect(after).toMatchObject({ description: 'made by hand', maxSessionDuration: 7200 });
  });

  it('a role fc3-role created is repaired without asking', async () => {
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE, description: 'mine', maxSessionDuration: 3600 } });
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const edited = roleProject({ region: 'cn-hangzhou', role: { name: ROLE, description: 'still mine', maxSessionDuration: 7200 } });
    expectOk(await e2e.s(edited, ['deploy']));
    expect(await role()).toMatchObject({ description: 'still mine', maxSessionDuration: 7200 });
  });
});
