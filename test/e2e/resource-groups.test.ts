/**
 * Resource groups through the real `s` CLI: a resource group id with a typo is refused before any write;
 * ownership marks decode back for the longest names;
 * an ownership mark naming a group that no longer exists is reported and dropped, never fatal (deploy,
 * info, remove, remove --force); remove reads every grant of the role, in every resource group, and
 * refuses before any write when one is not fc3-role's.
 */
import { GetPolicyRequest, GetRoleRequest, ListTagResourcesRequest, TagResourcesRequest, TagResourcesRequestTag } from '@alicloud/ram20150501';
import { AttachPolicyRequest, ListPolicyAttachmentsRequest } from '@alicloud/resourcemanager20200331';
import { attachmentTag } from '../../src/cloud/ownership';
import { ramClient, rmClient } from '../helpers/clients';
import { expectOk, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-groups';
const principal = (): string => `${ROLE}@role.${e2e.accountId}.onaliyunservice.com`;
const groups = (): string[] => e2e.emu.state.getAccount(e2e.accountId).rm.listResourceGroups().map((g) => g.id);

async function roleTags(): Promise<Record<string, string>> {
  const res = await ramClient(e2e.emu).listTagResources(new ListTagResourcesRequest({ resourceType: 'role', resourceNames: [ROLE] }));
  return Object.fromEntries((res.body?.tagResources ?? []).map((t) => [t.tagKey ?? '', t.tagValue ?? '']));
}

/** What an older fc3-role left after a typo: a mark for a group that does not exist. */
async function markForMissingGroup(): Promise<string> {
  const mark = attachmentTag({ policyType: 'System', policyName: 'AliyunLogReadOnlyAccess', scope: { kind: 'resourceGroup', resourceGroupId: 'rg-gone0000' } });
  const tag = Object.entries(mark).map(([key, value]) => new TagResourcesRequestTag({ key, value }));
  await ramClient(e2e.emu).tagResources(new TagResourcesRequest({ resourceType: 'role', resourceNames: [ROLE], tag }));
  return Object.keys(mark)[0];
}

async function roleExists(): Promise<boolean> {
  return ramClient(e2e.emu)
    .getRole(new GetRoleRequest({ roleName: ROLE }))
    .then(() => true, () => false);
}

describe('resource groups', () => {
  it('a resource group id with a typo is refused by plan and deploy before any write, naming the group', async () => {
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess', { name: 'AliyunLogReadOnlyAccess', resourceGroupId: 'rg-typo123' }] });
    for (const command of ['plan', 'deploy']) {
      const r = await e2e.s(dir, [command, '-y']);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toMatch(/resource group rg-typo123: resource group rg-typo123 \(policy AliyunLogReadOnlyAccess\) does not exist in this account/);
      expect(r.stdout).toMatch(/Nothing was changed/);
    }
    expect(e2e.emu.requests.writes()).toEqual([]);
    expect(await roleExists()).toBe(false);
  });

  it('a mark for a group that no longer exists is reported by info, dropped by deploy, and never stops remove or remove --force', async () => {
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess'] });
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const key = await markForMissingGroup();

    const info = expectOk(await e2e.s(dir, ['info']));
    expect(info.stdout).toMatch(/ownership mark for System policy AliyunLogReadOnlyAccess in resource group rg-gone0000 names a resource group that does not exist/);
    const deployed = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(deployed.stdout).toMatch(/rg-gone0000 names a resource group that does not exist \(any more\): there is nothing to detach there, and the mark is dropped/);
    expect((await roleTags())[key]).toBeUndefined();

    for (const args of [['remove', '-y'], ['remove', '-y', '--force']]) {
      if (!(await roleExists())) expectOk(await e2e.s(dir, ['deploy', '-y']));
      await markForMissingGroup();
      const removed = expectOk(await e2e.s(dir, args));
      expect(removed.stdout).toMatch(/rg-gone0000 names a resource group that does not exist/);
      expect(await roleExists()).toBe(false);
    }
    expect(e2e.emu.requests.writes({ failed: true })).toEqual([]);
  });

  it('remove refuses before any write while the role holds a grant in a resource group s.yaml never names', async () => {
    const [declared, other] = groups();
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess', { name: 'AliyunLogReadOnlyAccess', resourceGroupId: declared }] });
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    // Someone else grants the role a policy in another group.
    await rmClient(e2e.emu).attachPolicy(
      new AttachPolicyRequest({ policyType: 'System', policyName: 'AliyunVPCReadOnlyAccess', principalType: 'ServiceRole', principalName: principal(), resourceGroupId: other }),
    );
    const before = await roleTags();
    e2e.emu.requests.clear();
    const r = await e2e.s(dir, ['remove', '-y', '--force']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(new RegExp(`has policies that fc3-role did not attach: System AliyunVPCReadOnlyAccess \\(resource group ${other}\\)`));
    expect(e2e.emu.requests.writes()).toEqual([]);
    // Nothing was stripped: our attachments and marks are all still there.
    expect(await roleTags()).toEqual(before);
    const grants = await rmClient(e2e.emu).listPolicyAttachments(new ListPolicyAttachmentsRequest({ principalType: 'ServiceRole', principalName: principal() }));
    expect((grants.body?.policyAttachments?.policyAttachment ?? []).map((a) => `${a.policyName}@${a.resourceGroupId}`).sort()).toEqual(
      [`AliyunVPCReadOnlyAccess@${other}`, `AliyunLogReadOnlyAccess@${declared}`, `AliyunOSSFullAccess@${e2e.accountId}`].sort(),
    );
  });

  it('marks survive every valid name: a 128-character custom policy in a resource group is found again through its mark and deleted by remove', async () => {
    const [group] = groups();
    const name = `p${'0123456789'.repeat(12)}abcdefz`;
    expect(name).toHaveLength(128);
    const custom = { name, resourceGroupId: group, statements: [{ Effect: 'Allow', Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:b/*'] }] };
    expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess', custom] }), ['deploy', '-y']));
    expect(Object.values(await roleTags())).toContain(`Custom:${name}@${group}`);
    // s.yaml drops it: deploy detaches it and keeps its mark, so remove can still find it.
    const dropped = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess'] });
    expectOk(await e2e.s(dropped, ['deploy', '-y']));
    expectOk(await e2e.s(dropped, ['remove', '-y']));
    await expect(ramClient(e2e.emu).getPolicy(new GetPolicyRequest({ policyName: name, policyType: 'Custom' }))).rejects.toMatchObject({ code: 'EntityNotExist.Policy' });
    expect(await roleExists()).toBe(false);
    expect(e2e.emu.requests.writes({ failed: true })).toEqual([]);
  });
});
