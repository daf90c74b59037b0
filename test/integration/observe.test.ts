import * as $Ram from '@alicloud/ram20150501';
import * as $Rm from '@alicloud/resourcemanager20200331';
import { FC3_REGIONS } from '../../src/config/regions';
import { observe } from '../../src/apply/observe';
import { attachmentTag, createdTag } from '../../src/cloud/ownership';
import { useEmulator } from '../helpers/emulator';
import { ramClient, rmClient } from '../helpers/clients';
import { createFunction, desiredState, FC_TRUST, OSS_WRITER, resourceGroupId, testContext } from './cloud-fixtures';

const emu = useEmulator();

async function createRoleDirectly(name: string, tags: Record<string, string> = {}): Promise<string> {
  const res = await ramClient(emu.current).createRole(
    new $Ram.CreateRoleRequest({
      roleName: name,
      assumeRolePolicyDocument: JSON.stringify(FC_TRUST),
      tag: Object.entries(tags).map(([key, value]) => new $Ram.CreateRoleRequestTag({ key, value })),
    }),
  );
  return res.body?.role?.arn ?? '';
}

describe('observe', () => {
  test('from nothing: no role, no attachments, missing function and custom policy absent; no writes', async () => {
    const ctx = testContext(emu.current);
    const desired = desiredState({
      policies: [
        { type: 'System', name: 'aliyunossfullaccess', scope: { kind: 'account' } },
        { type: 'System', name: 'NoSuchSystemPolicy', scope: { kind: 'account' } },
        { type: 'Custom', name: 'my-oss-writer', scope: { kind: 'account' }, document: OSS_WRITER, description: '' },
      ],
      functions: [{ name: 'missing-fn', region: 'cn-hangzhou' }],
      serviceLinkedRole: true,
    });
    const observed = await observe(ctx, desired);
    expect(observed).toEqual({
      accountId: emu.current.accounts[0].id,
      attachments: [],
      customPolicies: {},
      systemPolicies: { aliyunossfullaccess: 'AliyunOSSFullAccess' },
      functions: [],
      serviceLinkedRoleExists: false,
    });
    expect(emu.current.requests.writes()).toEqual([]);
  });

  test('reads the role, its tags, account and resource-group attachments, and who made them', async () => {
    const ctx = testContext(emu.current);
    const rg = resourceGroupId(emu.current);
    const ours = { policyType: 'System' as const, policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' as const } };
    const stale = { policyType: 'System' as const, policyName: 'AliyunFCReadOnlyAccess', scope: { kind: 'account' as const } };
    const arn = await createRoleDirectly('fc-oss-writer', { ...createdTag(), ...attachmentTag(ours), ...attachmentTag(stale) });
    const ram = ramClient(emu.current);
    for (const name of ['AliyunOSSFullAccess', 'AliyunLogReadOnlyAccess']) {
      await ram.attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ roleName: 'fc-oss-writer', policyType: 'System', policyName: name }));
    }
    const principalName = `fc-oss-writer@role.${emu.current.accounts[0].alias}.onaliyunservice.com`;
    await rmClient(emu.current).attachPolicy(
      new $Rm.AttachPolicyRequest({ policyType: 'System', policyName: 'AliyunFCReadOnlyAccess', principalType: 'ServiceRole', principalName, resourceGroupId: rg }),
    );
    emu.current.requests.clear();

    const desired = desiredState({ policies: [{ type: 'System', name: 'AliyunFCReadOnlyAccess', scope: { kind: 'resourceGroup', resourceGroupId: rg } }] });
    const observed = await observe(ctx, desired);

    expect(observed.role).toMatchObject({ name: 'fc-oss-writer', arn, trustPolicy: FC_TRUST, maxSessionDuration: 3600 });
    expect(observed.role?.tags['fc3-role:created']).toBe('true');
    expect(observed.attachments).toEqual(
      expect.arrayContaining([
        { type: 'System', name: 'AliyunOSSFullAccess', scope: { kind: 'account' }, attachedByUs: true },
        { type: 'System', name: 'AliyunLogReadOnlyAccess', scope: { kind: 'account' }, attachedByUs: false },
        { type: 'System', name: 'AliyunFCReadOnlyAccess', scope: { kind: 'resourceGroup', resourceGroupId: rg }, attachedByUs: false },
      ]),
    );
    expect(observed.attachments).toHaveLength(3);
    expect(observed.ownershipMarksWithoutAttachment).toEqual([stale]);
    expect(emu.current.requests.writes()).toEqual([]);
  });

  test('reads a custom policy with its versions and ownership', async () => {
    const ctx = testContext(emu.current);
    const ram = ramClient(emu.current);
    await ram.createPolicy(
      new $Ram.CreatePolicyRequest({
        policyName: 'my-oss-writer',
        policyDocument: JSON.stringify(OSS_WRITER),
        description: 'writes',
        tag: [new $Ram.CreatePolicyRequestTag({ key: 'fc3-role:created', value: 'true' })],
      }),
    );
    const observed = await observe(ctx, desiredState({ policies: [{ type: 'Custom', name: 'my-oss-writer', scope: { kind: 'account' } }] }));
    expect(observed.customPolicies['my-oss-writer']).toMatchObject({
      name: 'my-oss-writer',
      defaultVersion: 'v1',
      document: OSS_WRITER,
      description: 'writes',
      createdByUs: true,
      versions: [expect.objectContaining({ versionId: 'v1', isDefault: true })],
    });
  });

  test('reads declared functions concurrently, and for remove every function using the role in every FC region', async () => {
    const ctx = testContext(emu.current);
    const arn = await createRoleDirectly('fc-oss-writer');
    for (let i = 0; i < 10; i++) await createFunction(emu.current, `fn-${i}`, 'cn-hangzhou', i % 2 === 0 ? arn : undefined);
    await createFunction(emu.current, 'other-region', 'cn-shanghai', arn.replace('fc-oss-writer', 'FC-OSS-Writer'));
    // A region s.yaml never names.
    await createFunction(emu.current, 'far-away', 'eu-central-1', arn);
    const functions = Array.from({ length: 10 }, (_, i) => ({ name: `fn-${i}`, region: 'cn-hangzhou' }));

    const observed = await observe(ctx, desiredState({ functions }), { forRemove: true });

    expect(observed.functions).toHaveLength(10);
    expect(observed.functions[0]).toEqual({ name: 'fn-0', region: 'cn-hangzhou', role: arn });
    expect(observed.functions[1].role).toBe('');
    expect(observed.functionsUsingRole?.map((f) => `${f.region}/${f.name}`).sort()).toEqual([
      'cn-hangzhou/fn-0',
      'cn-hangzhou/fn-2',
      'cn-hangzhou/fn-4',
      'cn-hangzhou/fn-6',
      'cn-hangzhou/fn-8',
      'cn-shanghai/other-region',
      'eu-central-1/far-away',
    ]);
    expect(observed.uncheckedRegions).toBeUndefined();
    expect(emu.current.requests.list({ action: 'ListFunctions' }).length).toBe(FC3_REGIONS.length);
  });

  test('for remove, a region whose functions cannot be listed is reported with the reason, the others are still read', async () => {
    const ctx = testContext(emu.current);
    await createRoleDirectly('fc-oss-writer');
    emu.current.faults.add({ product: 'fc', action: 'ListFunctions', error: 'drop' });
    const observed = await observe(ctx, desiredState(), { forRemove: true, allGrants: true });
    expect(observed.functionsUsingRole).toEqual([]);
    expect(observed.uncheckedRegions?.map((u) => u.region).sort()).toEqual([...FC3_REGIONS].sort());
    expect(observed.uncheckedRegions?.[0].reason).toMatch(/ListFunctions failed for functions in .*no answer from the cloud/);
  });
});
