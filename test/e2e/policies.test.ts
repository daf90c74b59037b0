/**
 * Policies through the real `s` CLI: custom policy versioning (one new version per edit, none for a
 * re-formatted document, rotation at 5), resource-group scope, detaching what s.yaml no longer
 * declares while others' attachments stay, and attaching an existing custom policy (type: Custom).
 */
import {
  AttachPolicyToRoleRequest,
  CreatePolicyRequest,
  CreatePolicyVersionRequest,
  CreateRoleRequest,
  GetPolicyRequest,
  ListPoliciesForRoleRequest,
  ListPolicyVersionsRequest,
  ListTagResourcesRequest,
} from '@alicloud/ram20150501';
import { ListPolicyAttachmentsRequest } from '@alicloud/resourcemanager20200331';
import { ramClient, rmClient } from '../helpers/clients';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-policies';

const putStatement = { Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:bucket-a/*'] };
const getStatement = { Effect: 'Allow', Action: ['oss:GetObject', 'oss:ListObjects'], Resource: ['acs:oss:*:*:bucket-a/*', 'acs:oss:*:*:bucket-a'] };

function customProps(statements: unknown[]): Record<string, unknown> {
  return { region: 'cn-hangzhou', role: { name: ROLE }, policies: [{ name: 'e2e-writer', description: 'writes bucket-a', statements }] };
}

async function versions(policyName: string): Promise<Array<{ id: string; isDefault: boolean }>> {
  const res = await ramClient(e2e.emu).listPolicyVersions(new ListPolicyVersionsRequest({ policyName, policyType: 'Custom' }));
  return (res.body?.policyVersions?.policyVersion ?? []).map((v) => ({ id: v.versionId ?? '', isDefault: v.isDefaultVersion === true })).sort((a, b) => a.id.localeCompare(b.id));
}

async function attached(roleName = ROLE): Promise<string[]> {
  const res = await ramClient(e2e.emu).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName }));
  return (res.body?.policies?.policy ?? []).map((p) => `${p.policyType}:${p.policyName}`).sort();
}

async function roleTags(roleName = ROLE): Promise<Record<string, string>> {
  const res = await ramClient(e2e.emu).listTagResources(new ListTagResourcesRequest({ resourceType: 'role', resourceNames: [roleName] }));
  const out: Record<string, string> = {};
  for (const t of res.body?.tagResources ?? []) out[t.tagKey ?? ''] = t.tagValue ?? '';
  return out;
}

function writeActions(): string[] {
  return e2e.emu.requests.writes().map((w) => w.action).sort();
}

describe('custom policy versions', () => {
  it('an edit makes exactly one new default version; the same document re-ordered and re-formatted makes none', async () => {
    expectOk(await e2e.s(roleProject(customProps([putStatement])), ['deploy', '-y']));
    expect(await versions('e2e-writer')).toEqual([{ id: 'v1', isDefault: true }]);

    e2e.emu.requests.clear();
    const out = jsonResult(await e2e.s(roleProject(customProps([putStatement, getStatement])), ['deploy', '-y', '--silent', '-o', 'json']));
    expect(writeActions()).toEqual(['CreatePolicyVersion']);
    expect(await versions('e2e-writer')).toEqual([
      { id: 'v1', isDefault: false },
      { id: 'v2', isDefault: true },
    ]);
    expect(out.policies).toEqual([expect.objectContaining({ type: 'Custom', name: 'e2e-writer', scope: 'account', version: 'v2', managed: true })]);

    // Same meaning: statements swapped, keys re-ordered, lists re-ordered, a single Action as a string, given as a JSON string document.
    const reordered = JSON.stringify(
      {
        Statement: [
          { Resource: ['acs:oss:*:*:bucket-a', 'acs:oss:*:*:bucket-a/*'], Action: ['oss:ListObjects', 'oss:GetObject'], Effect: 'Allow' },
          { Action: 'oss:PutObject', Effect: 'Allow', Resource: 'acs:oss:*:*:bucket-a/*' },
        ],
        Version: '1',
      },
      null,
      4,
    );
    e2e.emu.requests.clear();
    const same = { region: 'cn-hangzhou', role: { name: ROLE }, policies: [{ name: 'e2e-writer', description: 'writes bucket-a', document: reordered }] };
    expectOk(await e2e.s(roleProject(same), ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);
    // The same again, from a file next to s.yaml.
    const fromFile = { ...same, policies: [{ name: 'e2e-writer', description: 'writes bucket-a', document: './policies/writer.json' }] };
    expectOk(await e2e.s(roleProject(fromFile, { files: { 'policies/writer.json': reordered } }), ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);
    expect((await versions('e2e-writer')).length).toBe(2);
  });

  it('with 5 versions an edit rotates out the oldest non-default one, leaving 5', async () => {
    expectOk(await e2e.s(roleProject(customProps([putStatement])), ['deploy', '-y']));
    const ram = ramClient(e2e.emu);
    for (const bucket of ['b2', 'b3', 'b4', 'b5']) {
      const doc = JSON.stringify({ Version: '1', Statement: [{ ...putStatement, Resource: [`acs:oss:*:*:${bucket}/*`] }] });
      await ram.createPolicyVersion(new CreatePolicyVersionRequest({ policyName: 'e2e-writer', policyDocument: doc, setAsDefault: false }));
    }
    expect((await versions('e2e-writer')).map((v) => `${v.id}${v.isDefault ? '*' : ''}`)).toEqual(['v1*', 'v2', 'v3', 'v4', 'v5']);

    const dir = roleProject(customProps([getStatement]));
    const plan = jsonResult(await e2e.s(dir, ['plan', '--silent', '-o', 'json']));
    expect(plan.changes).toEqual([expect.stringMatching(/update policy e2e-writer: new default version .*rotates out v2/)]);

    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    // The rotation is explicit: the version plan named is deleted, then the new one created (RotateStrategy None).
    expect(e2e.emu.requests.writes().map((w) => w.action)).toEqual(['DeletePolicyVersion', 'CreatePolicyVersion']);
    expect((await versions('e2e-writer')).map((v) => `${v.id}${v.isDefault ? '*' : ''}`)).toEqual(['v1', 'v3', 'v4', 'v5', 'v6*']);
    const policy = await ram.getPolicy(new GetPolicyRequest({ policyName: 'e2e-writer', policyType: 'Custom' }));
    expect(JSON.parse(policy.body?.defaultPolicyVersion?.policyDocument ?? '{}')).toMatchObject({ Statement: [expect.objectContaining({ Action: getStatement.Action })] });
  });
});

describe('custom policy description', () => {
  it('a changed description is one UpdatePolicyDescription, no new version; the next deploy writes nothing', async () => {
    expectOk(await e2e.s(roleProject(customProps([putStatement])), ['deploy', '-y']));
    const described = (description: string) => ({ ...customProps([putStatement]), policies: [{ name: 'e2e-writer', description, statements: [putStatement] }] });
    const dir = roleProject(described('writes objects to bucket-a'));

    const plan = jsonResult(await e2e.s(dir, ['plan', '--silent', '-o', 'json']));
    expect(plan.changes).toEqual(['~ update custom policy e2e-writer: description "writes bucket-a" -> "writes objects to bucket-a"']);
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(writeActions()).toEqual(['UpdatePolicyDescription']);
    const policy = await ramClient(e2e.emu).getPolicy(new GetPolicyRequest({ policyName: 'e2e-writer', policyType: 'Custom' }));
    expect(policy.body?.policy?.description).toBe('writes objects to bucket-a');
    expect(await versions('e2e-writer')).toEqual([{ id: 'v1', isDefault: true }]);

    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);

    // Dropped from s.yaml, the description is left as it is: RAM cannot clear one (NewDescription is 1 to 1,024 characters).
    e2e.emu.requests.clear();
    const undescribed = { ...customProps([putStatement]), policies: [{ name: 'e2e-writer', statements: [putStatement] }] };
    expectOk(await e2e.s(roleProject(undescribed), ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);
    const kept = await ramClient(e2e.emu).getPolicy(new GetPolicyRequest({ policyName: 'e2e-writer', policyType: 'Custom' }));
    expect(kept.body?.policy?.description).toBe('writes objects to bucket-a');
  });
});

describe('resource-group scope', () => {
  it('attaches through Resource Manager in the group; info shows the scope', async () => {
    const groupId = e2e.emu.state.getAccount(e2e.accountId).rm.listResourceGroups()[1].id;
    const dir = roleProject({
      region: 'cn-hangzhou',
      role: { name: ROLE },
      policies: ['AliyunOSSReadOnlyAccess', { name: 'aliyunlogreadonlyaccess', resourceGroupId: groupId }],
    });
    expectOk(await e2e.s(dir, ['deploy', '-y']));

    const res = await rmClient(e2e.emu).listPolicyAttachments(
      new ListPolicyAttachmentsRequest({ principalType: 'ServiceRole', principalName: `${ROLE}@role.${e2e.accountId}.onaliyunservice.com`, resourceGroupId: groupId }),
    );
    const list = res.body?.policyAttachments?.policyAttachment ?? [];
    expect(list.map((a) => `${a.policyType}:${a.policyName}@${a.resourceGroupId}`)).toEqual([`System:AliyunLogReadOnlyAccess@${groupId}`]);
    // The group-scoped attachment is not an account-wide one.
    expect(await attached()).toEqual(['System:AliyunOSSReadOnlyAccess']);

    const info = jsonResult(await e2e.s(dir, ['info', '--silent', '-o', 'json']));
    expect(info.policies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'System', name: 'AliyunOSSReadOnlyAccess', scope: 'account', managed: true }),
        expect.objectContaining({ type: 'System', name: 'AliyunLogReadOnlyAccess', scope: groupId, managed: true }),
      ]),
    );
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);

    // Dropped from s.yaml: detached from the group, the mark goes too.
    e2e.emu.requests.clear();
    expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSReadOnlyAccess'] }), ['deploy', '-y']));
    expect(writeActions()).toEqual(['DetachPolicy', 'UntagResources']);
    const after = await rmClient(e2e.emu).listPolicyAttachments(
      new ListPolicyAttachmentsRequest({ principalType: 'ServiceRole', principalName: `${ROLE}@role.${e2e.accountId}.onaliyunservice.com`, resourceGroupId: groupId }),
    );
    expect(after.body?.policyAttachments?.policyAttachment ?? []).toEqual([]);
  });
});

describe('policies removed from s.yaml', () => {
  it('detaches what fc3-role attached and keeps attachments made by someone else, before or after', async () => {
    const ram = ramClient(e2e.emu);
    const two = { region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess', 'AliyunLogReadOnlyAccess'] };
    expectOk(await e2e.s(roleProject(two), ['deploy', '-y']));
    // By hand, after fc3-role's deploy: one system policy, and one that s.yaml also declares (but RAM holds a single attachment).
    await ram.attachPolicyToRole(new AttachPolicyToRoleRequest({ roleName: ROLE, policyType: 'System', policyName: 'AliyunFCReadOnlyAccess' }));

    const info = jsonResult(await e2e.s(roleProject(two), ['info', '--silent', '-o', 'json']));
    expect(info.policies).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'AliyunFCReadOnlyAccess', managed: false })]));

    e2e.emu.requests.clear();
    const out = jsonResult(await e2e.s(roleProject({ ...two, policies: ['AliyunOSSFullAccess'] }), ['deploy', '-y', '--silent', '-o', 'json']));
    expect(writeActions()).toEqual(['DetachPolicyFromRole', 'UntagResources']);
    expect(await attached()).toEqual(['System:AliyunFCReadOnlyAccess', 'System:AliyunOSSFullAccess']);
    expect(Object.values(await roleTags())).toEqual(expect.arrayContaining(['true', 'System:AliyunOSSFullAccess@account']));
    expect(Object.values(await roleTags())).not.toContain('System:AliyunLogReadOnlyAccess@account');
    expect(out.policies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'AliyunOSSFullAccess', managed: true }),
        expect.objectContaining({ name: 'AliyunFCReadOnlyAccess', managed: false }),
      ]),
    );

    // Everything removed from s.yaml: only ours goes.
    expectOk(await e2e.s(roleProject({ ...two, policies: [] }), ['deploy', '-y']));
    expect(await attached()).toEqual(['System:AliyunFCReadOnlyAccess']);
  });

  it('an attachment made by hand before the first deploy stays, even when s.yaml declared it for a while', async () => {
    const ram = ramClient(e2e.emu);
    await ram.createRole(
      new CreateRoleRequest({
        roleName: ROLE,
        assumeRolePolicyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['fc.aliyuncs.com'] } }] }),
      }),
    );
    await ram.attachPolicyToRole(new AttachPolicyToRoleRequest({ roleName: ROLE, policyType: 'System', policyName: 'AliyunLogFullAccess' }));
    // s.yaml also declares the hand-made attachment: it is not re-attached, and not marked as ours.
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess', 'AliyunLogFullAccess'] });
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes({ action: 'AttachPolicyToRole' }).length).toBe(1);
    expect(await attached()).toEqual(['System:AliyunLogFullAccess', 'System:AliyunOSSFullAccess']);
    expect((await roleTags())['fc3-role:created']).toBeUndefined();

    expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: [] }), ['deploy', '-y']));
    expect(await attached()).toEqual(['System:AliyunLogFullAccess']);
  });
});

describe('an existing custom policy (type: Custom)', () => {
  it('is attached without being versioned, tagged or deleted', async () => {
    const ram = ramClient(e2e.emu);
    const doc = JSON.stringify({ Version: '1', Statement: [putStatement] });
    await ram.createPolicy(new CreatePolicyRequest({ policyName: 'team-oss-writer', policyDocument: doc }));
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: [{ name: 'team-oss-writer', type: 'Custom' }] });

    e2e.emu.requests.clear();
    const out = jsonResult(await e2e.s(dir, ['deploy', '-y', '--silent', '-o', 'json']));
    expect(writeActions()).toEqual(['AttachPolicyToRole', 'CreateRole', 'TagResources']);
    expect(out.policies).toEqual([expect.objectContaining({ type: 'Custom', name: 'team-oss-writer', scope: 'account', version: 'v1', managed: true })]);
    expect(await attached()).toEqual(['Custom:team-oss-writer']);
    expect(await versions('team-oss-writer')).toEqual([{ id: 'v1', isDefault: true }]);

    expectOk(await e2e.s(dir, ['remove', '-y']));
    const policy = await ram.getPolicy(new GetPolicyRequest({ policyName: 'team-oss-writer', policyType: 'Custom' }));
    expect(policy.body?.policy?.policyName).toBe('team-oss-writer');
  });

  it('a type: Custom policy that does not exist blocks the deploy before any write', async () => {
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: [{ name: 'no-such-policy', type: 'Custom' }] });
    const r = await e2e.s(dir, ['deploy', '-y']);
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/custom policy no-such-policy .*does not exist/);
    expect(e2e.emu.requests.writes()).toEqual([]);
  });
});
