/**
 * `s remove` through the real `s` CLI: takes back only what fc3-role made, refuses (before any
 * write) while an undeclared function uses the role unless --force, asks for -y without a
 * terminal, and is fine to run twice.
 */
import {
  AttachPolicyToRoleRequest,
  CreateRoleRequest,
  GetPolicyRequest,
  GetRoleRequest,
  ListPoliciesForRoleRequest,
  ListTagResourcesRequest,
} from '@alicloud/ram20150501';
import { GetFunctionRequest } from '@alicloud/fc20230330';
import { AttachPolicyRequest, ListPolicyAttachmentsRequest } from '@alicloud/resourcemanager20200331';
import { fcClient, ramClient, rmClient } from '../helpers/clients';
import { REPO_ROOT } from '../helpers/s-cli';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-remove';

const statements = (bucket: string): unknown[] => [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: [`acs:oss:*:*:${bucket}/*`] }];

function props(extra: Record<string, unknown> = {}, bucket = 'bucket-r'): Record<string, unknown> {
  return {
    region: 'cn-hangzhou',
    role: { name: ROLE },
    policies: ['AliyunOSSFullAccess', { name: 'e2e-remove-writer', statements: statements(bucket) }],
    functions: ['user-fn'],
    ...extra,
  };
}

async function functionRole(name: string, region = 'cn-hangzhou'): Promise<string> {
  const res = await fcClient(e2e.emu, undefined, region).getFunction(name, new GetFunctionRequest({}));
  return res.body?.role ?? '';
}

async function attached(): Promise<string[]> {
  const res = await ramClient(e2e.emu).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName: ROLE }));
  return (res.body?.policies?.policy ?? []).map((p) => `${p.policyType}:${p.policyName}`).sort();
}

async function roleTagKeys(): Promise<string[]> {
  const res = await ramClient(e2e.emu).listTagResources(new ListTagResourcesRequest({ resourceType: 'role', resourceNames: [ROLE] }));
  return (res.body?.tagResources ?? []).map((t) => t.tagKey ?? '').sort();
}

const handTrust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['fc.aliyuncs.com'] } }] });

describe('s remove', () => {
  it('deletes the role, the custom policy (all versions) and unsets the function, all made by fc3-role', async () => {
    await e2e.fn('user-fn');
    const groupId = e2e.emu.state.getAccount(e2e.accountId).rm.listResourceGroups()[1].id;
    const withGroup = props({ policies: [...(props().policies as unknown[]), { name: 'AliyunLogReadOnlyAccess', resourceGroupId: groupId }] });
    expectOk(await e2e.s(roleProject(withGroup), ['deploy', '-y']));
    // A second version of the custom policy.
    const dir = roleProject(props({ policies: [...(withGroup.policies as unknown[]).slice(0, 1), { name: 'e2e-remove-writer', statements: statements('bucket-r2') }, ...(withGroup.policies as unknown[]).slice(2)] }));
    expectOk(await e2e.s(dir, ['deploy', '-y']));

    e2e.emu.requests.clear();
    const out = jsonResult(await e2e.s(dir, ['remove', '-y', '--silent', '-o', 'json']));
    expect(out).toMatchObject({ roleName: ROLE, arn: `acs:ram::${e2e.accountId}:role/${ROLE}` });
    expect(out.removed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^- unset role of function cn-hangzhou\/user-fn/),
        '- delete policy e2e-remove-writer (all versions)',
        `- delete role ${ROLE}`,
      ]),
    );
    const ram = ramClient(e2e.emu);
    await expect(ram.getRole(new GetRoleRequest({ roleName: ROLE }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
    await expect(ram.getPolicy(new GetPolicyRequest({ policyName: 'e2e-remove-writer', policyType: 'Custom' }))).rejects.toMatchObject({
      code: 'EntityNotExist.Policy',
    });
    expect(e2e.emu.requests.writes({ action: 'DeletePolicyVersion', failed: false }).length).toBe(1);
    expect(e2e.emu.requests.writes({ action: 'DetachPolicy', failed: false }).length).toBe(1);
    const rg = await rmClient(e2e.emu).listPolicyAttachments(
      new ListPolicyAttachmentsRequest({ principalType: 'ServiceRole', principalName: `${ROLE}@role.${e2e.accountId}.onaliyunservice.com`, resourceGroupId: groupId }),
    );
    expect(rg.body?.policyAttachments?.policyAttachment ?? []).toEqual([]);
    expect(await functionRole('user-fn')).toBe('');
    // The function itself and the system policy are untouched.
    expect(e2e.emu.requests.writes({ failed: true })).toEqual([]);
  });

  it('keeps a role fc3-role did not create, detaching only what fc3-role attached', async () => {
    await e2e.fn('user-fn');
    const ram = ramClient(e2e.emu);
    await ram.createRole(new CreateRoleRequest({ roleName: ROLE, assumeRolePolicyDocument: handTrust }));
    await ram.attachPolicyToRole(new AttachPolicyToRoleRequest({ roleName: ROLE, policyType: 'System', policyName: 'AliyunLogFullAccess' }));
    const dir = roleProject(props());
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(await attached()).toEqual(['Custom:e2e-remove-writer', 'System:AliyunLogFullAccess', 'System:AliyunOSSFullAccess']);

    const r = expectOk(await e2e.s(dir, ['remove', '-y']));
    expect(r.stdout).toMatch(/was not created by fc3-role; it is kept/);
    expect((await ram.getRole(new GetRoleRequest({ roleName: ROLE }))).body?.role?.roleName).toBe(ROLE);
    expect(await attached()).toEqual(['System:AliyunLogFullAccess']);
    expect(await roleTagKeys()).toEqual([]);
    // The custom policy was ours: deleted.
    await expect(ram.getPolicy(new GetPolicyRequest({ policyName: 'e2e-remove-writer', policyType: 'Custom' }))).rejects.toMatchObject({
      code: 'EntityNotExist.Policy',
    });
    expect(await functionRole('user-fn')).toBe('');
  });

  it('keeps a custom policy it created that someone also attached elsewhere, and still deletes its role', async () => {
    const dir = roleProject(props({ functions: [] }));
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const ram = ramClient(e2e.emu);
    await ram.createRole(new CreateRoleRequest({ roleName: 'someone-else', assumeRolePolicyDocument: handTrust }));
    await ram.attachPolicyToRole(new AttachPolicyToRoleRequest({ roleName: 'someone-else', policyType: 'Custom', policyName: 'e2e-remove-writer' }));

    e2e.emu.requests.clear();
    const out = jsonResult(await e2e.s(dir, ['remove', '-y', '--silent', '-o', 'json']));
    expect(out.kept).toEqual([expect.stringMatching(/Custom policy e2e-remove-writer was created by fc3-role but is kept: it is still attached to role:someone-else/)]);
    expect(e2e.emu.requests.writes({ failed: true })).toEqual([]);
    expect(e2e.emu.requests.count({ action: 'DeletePolicy' })).toBe(0);
    await expect(ram.getRole(new GetRoleRequest({ roleName: ROLE }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
    const policy = await ram.getPolicy(new GetPolicyRequest({ policyName: 'e2e-remove-writer', policyType: 'Custom' }));
    expect(policy.body?.policy?.attachmentCount).toBe(1);
  });

  it('keeps a custom policy it created that someone attached in a resource group (Resource Manager), before any write', async () => {
    const dir = roleProject(props({ functions: [] }));
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const ram = ramClient(e2e.emu);
    await ram.createRole(new CreateRoleRequest({ roleName: 'rg-user', assumeRolePolicyDocument: handTrust }));
    const groupId = e2e.emu.state.getAccount(e2e.accountId).rm.listResourceGroups()[0].id;
    await rmClient(e2e.emu).attachPolicy(
      new AttachPolicyRequest({
        policyType: 'Custom',
        policyName: 'e2e-remove-writer',
        principalType: 'ServiceRole',
        principalName: `rg-user@role.${e2e.accountId}.onaliyunservice.com`,
        resourceGroupId: groupId,
      }),
    );

    e2e.emu.requests.clear();
    const out = jsonResult(await e2e.s(dir, ['remove', '-y', '--silent', '-o', 'json']));
    expect(out.kept).toEqual([expect.stringMatching(new RegExp(`Custom policy e2e-remove-writer .* is kept: it is still attached to role:rg-user in resource group ${groupId}`))]);
    expect(e2e.emu.requests.writes({ failed: true })).toEqual([]);
    expect(e2e.emu.requests.count({ action: 'DeletePolicy' })).toBe(0);
    await expect(ram.getRole(new GetRoleRequest({ roleName: ROLE }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
    const still = await rmClient(e2e.emu).listPolicyAttachments(new ListPolicyAttachmentsRequest({ policyName: 'e2e-remove-writer', policyType: 'Custom', resourceGroupId: groupId }));
    expect(still.body?.policyAttachments?.policyAttachment?.map((a) => a.principalName)).toEqual([`rg-user@role.${e2e.accountId}.onaliyunservice.com`]);
    expect((await ram.getPolicy(new GetPolicyRequest({ policyName: 'e2e-remove-writer', policyType: 'Custom' }))).body?.policy?.policyName).toBe('e2e-remove-writer');
  });

  it('refuses while an undeclared function uses the role (no write, names the function); --force deletes it', async () => {
    await e2e.fn('user-fn');
    const dir = roleProject(props());
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const arn = `acs:ram::${e2e.accountId}:role/${ROLE}`;
    await e2e.fn('stowaway', 'cn-hangzhou', arn);

    e2e.emu.requests.clear();
    const refused = await e2e.s(dir, ['remove', '-y']);
    expect(refused.code).not.toBe(0);
    const all = `${refused.stdout}\n${refused.stderr}`;
    expect(all).toContain('Remove refused');
    expect(all).toContain('cn-hangzhou/stowaway');
    expect(all).toContain('--force');
    expect(e2e.emu.requests.writes()).toEqual([]);
    expect(await functionRole('user-fn')).toBe(arn);

    const forced = expectOk(await e2e.s(dir, ['remove', '-y', '--force']));
    expect(forced.stdout).toContain('--force');
    await expect(ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: ROLE }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
    // Only declared functions are unset.
    expect(await functionRole('stowaway')).toBe(arn);
  });

  it('looks for functions using the role in every FC region, also those s.yaml never names, and says which', async () => {
    await e2e.fn('user-fn');
    const dir = roleProject(props());
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const arn = `acs:ram::${e2e.accountId}:role/${ROLE}`;
    await e2e.fn('far-away', 'eu-central-1', arn);
    e2e.emu.requests.clear();
    const refused = await e2e.s(dir, ['remove', '-y']);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain('still used by functions not declared in s.yaml: eu-central-1/far-away');
    expect(e2e.emu.requests.writes()).toEqual([]);
    // Every FC 3.0 region was listed.
    expect(new Set(e2e.emu.requests.list({ action: 'ListFunctions' }).map((r) => r.requestId)).size).toBeGreaterThanOrEqual(21);
  });

  it('refuses to delete its role while someone else attached a policy to it', async () => {
    const dir = roleProject(props({ functions: [] }));
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    await ramClient(e2e.emu).attachPolicyToRole(new AttachPolicyToRoleRequest({ roleName: ROLE, policyType: 'System', policyName: 'AliyunLogFullAccess' }));
    e2e.emu.requests.clear();
    const r = await e2e.s(dir, ['remove', '-y']);
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}\n${r.stderr}`).toMatch(/did not attach: System AliyunLogFullAccess/);
    expect(e2e.emu.requests.writes()).toEqual([]);
  });

  it('without -y and without a terminal refuses with a clear message and changes nothing', async () => {
    await e2e.fn('user-fn');
    const dir = roleProject(props());
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    e2e.emu.requests.clear();
    const r = await e2e.s(dir, ['remove']);
    expect(r.code).not.toBe(0);
    const all = `${r.stdout}\n${r.stderr}`;
    expect(all).toMatch(/Confirmation needed: Remove will:/);
    // The refusal lists every change it would have made (the message is all `s` shows).
    expect(all).toMatch(/Confirmation needed: Remove will:\n\s+- unset role of function cn-hangzhou\/user-fn/);
    expect(all).toMatch(/- delete role /);
    expect(all).toMatch(/-y \(--assume-yes\)/);
    expect(e2e.emu.requests.writes()).toEqual([]);
  });

  it('is fine to run twice (and on a role that never existed)', async () => {
    await e2e.fn('user-fn');
    const dir = roleProject(props());
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expectOk(await e2e.s(dir, ['remove', '-y']));
    e2e.emu.requests.clear();
    const again = expectOk(await e2e.s(dir, ['remove', '-y']));
    expect(again.stdout).toMatch(/Nothing of role e2e-remove to remove/);
    expect(e2e.emu.requests.writes()).toEqual([]);
    const out = jsonResult(await e2e.s(dir, ['remove', '-y', '--silent', '-o', 'json']));
    expect(out).toMatchObject({ roleName: ROLE, removed: [] });
  });

  it('deletes a custom policy it created even after s.yaml dropped it (deploy only detached it)', async () => {
    const ram = ramClient(e2e.emu);
    expectOk(await e2e.s(roleProject(props({ functions: [] })), ['deploy', '-y']));
    const dropped = roleProject(props({ functions: [], policies: ['AliyunOSSFullAccess'] }));

    const deployed = expectOk(await e2e.s(dropped, ['deploy', '-y']));
    expect(deployed.stdout).toMatch(/detach Custom policy e2e-remove-writer .*`s remove` deletes it/);
    expect(await attached()).toEqual(['System:AliyunOSSFullAccess']);
    const kept = await ram.getPolicy(new GetPolicyRequest({ policyName: 'e2e-remove-writer', policyType: 'Custom' }));
    expect(kept.body?.policy?.policyName).toBe('e2e-remove-writer');
    e2e.emu.requests.clear();
    const again = expectOk(await e2e.s(dropped, ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);
    expect(again.stdout).toMatch(/Custom policy e2e-remove-writer was created by fc3-role and is no longer declared.*`s remove` deletes it/);
    const plan = expectOk(await e2e.s(dropped, ['plan']));
    expect(plan.stdout).toMatch(/No changes\.[\s\S]*Note: Custom policy e2e-remove-writer was created by fc3-role/);

    const out = jsonResult(await e2e.s(dropped, ['remove', '-y', '--silent', '-o', 'json']));
    expect(out.removed).toEqual(expect.arrayContaining(['- delete policy e2e-remove-writer (all versions)', `- delete role ${ROLE}`]));
    await expect(ram.getPolicy(new GetPolicyRequest({ policyName: 'e2e-remove-writer', policyType: 'Custom' }))).rejects.toMatchObject({
      code: 'EntityNotExist.Policy',
    });
    await expect(ram.getRole(new GetRoleRequest({ roleName: ROLE }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
    expect(e2e.emu.requests.writes({ failed: true })).toEqual([]);
  });

  it('`s cli remove --role-name` with empty props deletes the custom policy an earlier deploy created', async () => {
    const dir = roleProject(props({ functions: [] }));
    expectOk(await e2e.s(dir, ['deploy', '-y']));

    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['cli', REPO_ROOT, 'remove', '--role-name', ROLE, '--region', 'cn-hangzhou', '-a', 'default', '-y', '-p', '{}']));
    const ram = ramClient(e2e.emu);
    await expect(ram.getPolicy(new GetPolicyRequest({ policyName: 'e2e-remove-writer', policyType: 'Custom' }))).rejects.toMatchObject({
      code: 'EntityNotExist.Policy',
    });
    await expect(ram.getRole(new GetRoleRequest({ roleName: ROLE }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
    expect(e2e.emu.requests.writes({ failed: true })).toEqual([]);
    // The system policy itself is untouched: only detached.
    expect(e2e.emu.requests.writes({ action: 'DetachPolicyFromRole', failed: false }).length).toBe(2);
  });
});
