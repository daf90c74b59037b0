/** RAM attachments, users, account alias and tags through the real @alicloud/ram20150501 client. */
import * as $Ram from '@alicloud/ram20150501';
import { useEmulator } from '../helpers/emulator';
import { expectApiError } from '../helpers/errors';
import { ramClient } from '../helpers/clients';
import { FC_TRUST, allowDocument as doc } from '../helpers/ram-documents';

const emu = useEmulator({ accounts: [{ alias: 'my-company' }], clock: () => Date.UTC(2026, 0, 2, 3, 4, 5) });

const ram = () => ramClient(emu.current);
const createRole = (roleName: string) => ram().createRole(new $Ram.CreateRoleRequest({ roleName, assumeRolePolicyDocument: FC_TRUST }));
const attach = (roleName: string, policyName: string, policyType = 'System', extra: Partial<$Ram.AttachPolicyToRoleRequest> = {}) =>
  ram().attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ roleName, policyName, policyType, ...extra }));
const detach = (roleName: string, policyName: string, policyType = 'System') =>
  ram().detachPolicyFromRole(new $Ram.DetachPolicyFromRoleRequest({ roleName, policyName, policyType }));
const policiesOf = async (roleName: string): Promise<string[]> => {
  const listed = await ram().listPoliciesForRole(new $Ram.ListPoliciesForRoleRequest({ roleName }));
  return (listed.body?.policies?.policy ?? []).map((p) => `${p.policyType}:${p.policyName}`);
};

describe('role attachments', () => {
  test('attach, list and detach system and custom policies', async () => {
    await createRole('App-Role');
    await ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'Read-Logs', policyDocument: doc('log:Get*'), description: 'logs' }));
    await attach('app-role', 'aliyunossfullaccess');
    await attach('App-Role', 'read-logs', 'Custom');
    const listed = await ram().listPoliciesForRole(new $Ram.ListPoliciesForRoleRequest({ roleName: 'App-Role' }));
    expect(listed.body?.policies?.policy).toEqual([
      expect.objectContaining({ policyName: 'AliyunOSSFullAccess', policyType: 'System', defaultVersion: 'v1', attachDate: '2026-01-02T03:04:05Z' }),
      expect.objectContaining({ policyName: 'Read-Logs', policyType: 'Custom', description: 'logs' }),
    ]);
    await detach('APP-ROLE', 'AliyunOSSFullAccess');
    expect(await policiesOf('App-Role')).toEqual(['Custom:Read-Logs']);
  });

  test('an empty list is still wrapped', async () => {
    await createRole('bare');
    expect(await policiesOf('bare')).toEqual([]);
  });

  test.each([
    ['attach twice', async () => { await attach('r', 'AliyunOSSFullAccess'); return attach('r', 'AliyunOssFullAccess'); }, 'EntityAlreadyExists.Role.Policy', 409],
    ['attach to unknown role', async () => attach('ghost', 'AliyunOSSFullAccess'), 'EntityNotExist.Role', 404],
    ['attach unknown policy', async () => attach('r', 'NoSuchPolicy'), 'EntityNotExist.Policy', 404],
    ['attach with bad type', async () => attach('r', 'AliyunOSSFullAccess', 'Managed'), 'InvalidParameter.PolicyType', 400],
    ['attach without type', async () => attach('r', 'AliyunOSSFullAccess', ''), 'MissingPolicyType', 400],
    ['attach to a resource group', async () => attach('r', 'AliyunOSSFullAccess', 'System', { resourceGroupId: 'rg-123' }), 'InvalidParameter.ResourceGroupId', 400],
    ['detach not attached', async () => detach('r', 'AliyunOSSFullAccess'), 'EntityNotExist.Role.Policy', 404],
    ['detach from unknown role', async () => detach('ghost', 'AliyunOSSFullAccess'), 'EntityNotExist.Role', 404],
    ['list for unknown role', async () => ram().listPoliciesForRole(new $Ram.ListPoliciesForRoleRequest({ roleName: 'ghost' })), 'EntityNotExist.Role', 404],
  ])('%s', async (_name, call, code, status) => {
    await createRole('r');
    await expectApiError(call(), code, status);
  });

  test('ResourceGroupId equal to the account id is account scope', async () => {
    await createRole('r');
    await attach('r', 'AliyunOSSFullAccess', 'System', { resourceGroupId: emu.current.accounts[0].id });
    expect(await policiesOf('r')).toEqual(['System:AliyunOSSFullAccess']);
  });
});

describe('users and ListEntitiesForPolicy', () => {
  test('CreateUser, GetUser, user attachments and the entities of a policy', async () => {
    const created = await ram().createUser(new $Ram.CreateUserRequest({ userName: 'alice', displayName: 'Alice' }));
    expect(created.body?.user).toMatchObject({ userName: 'alice', displayName: 'Alice', createDate: '2026-01-02T03:04:05Z' });
    const got = await ram().getUser(new $Ram.GetUserRequest({ userName: 'ALICE' }));
    expect(got.body?.user).toMatchObject({ userName: 'alice', userId: created.body?.user?.userId });
    await createRole('Svc');
    await ram().attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: 'alice', policyName: 'AliyunLogFullAccess', policyType: 'System' }));
    await attach('Svc', 'AliyunLogFullAccess');
    const userPolicies = await ram().listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName: 'alice' }));
    expect(userPolicies.body?.policies?.policy?.map((p) => p.policyName)).toEqual(['AliyunLogFullAccess']);

    const entities = await ram().listEntitiesForPolicy(new $Ram.ListEntitiesForPolicyRequest({ policyName: 'aliyunlogfullaccess', policyType: 'System' }));
    expect(entities.body?.roles?.role).toEqual([
      expect.objectContaining({ roleName: 'Svc', arn: `acs:ram::${emu.current.accounts[0].id}:role/svc`, attachDate: '2026-01-02T03:04:05Z' }),
    ]);
    expect(entities.body?.users?.user).toEqual([expect.objectContaining({ userName: 'alice', displayName: 'Alice' })]);
    expect(entities.body?.groups?.group).toEqual([]);
    const got2 = await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'AliyunLogFullAccess', policyType: 'System' }));
    expect(got2.body?.policy?.attachmentCount).toBe(2);

    await ram().detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ userName: 'alice', policyName: 'AliyunLogFullAccess', policyType: 'System' }));
    await expectApiError(
      ram().detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ userName: 'alice', policyName: 'AliyunLogFullAccess', policyType: 'System' })),
      'EntityNotExist.User.Policy',
      404,
    );
  });

  test('user errors', async () => {
    await ram().createUser(new $Ram.CreateUserRequest({ userName: 'bob' }));
    await expectApiError(ram().createUser(new $Ram.CreateUserRequest({ userName: 'Bob' })), 'EntityAlreadyExists.User', 409);
    await expectApiError(ram().getUser(new $Ram.GetUserRequest({ userName: 'carol' })), 'EntityNotExist.User', 404);
    await expectApiError(ram().createUser(new $Ram.CreateUserRequest({})), 'MissingUserName', 400);
    await expectApiError(
      ram().attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: 'carol', policyName: 'AliyunLogFullAccess', policyType: 'System' })),
      'EntityNotExist.User',
      404,
    );
    await expectApiError(ram().listEntitiesForPolicy(new $Ram.ListEntitiesForPolicyRequest({ policyName: 'Nope', policyType: 'Custom' })), 'EntityNotExist.Policy', 404);
  });

  test('GetAccountAlias returns the seeded alias', async () => {
    const alias = await ram().getAccountAlias();
    expect(alias.body?.accountAlias).toBe('my-company');
  });
});

describe('tags', () => {
  const tag = (key: string, value = '') => new $Ram.TagResourcesRequestTag({ key, value });
  const tagRole = (names: string[], tags: $Ram.TagResourcesRequestTag[], resourceType = 'role') =>
    ram().tagResources(new $Ram.TagResourcesRequest({ resourceType, resourceNames: names, tag: tags }));
  const listTags = async (resourceType: string, resourceNames?: string[]) => {
    const listed = await ram().listTagResources(new $Ram.ListTagResourcesRequest({ resourceType, resourceNames }));
    return (listed.body?.tagResources ?? []).map((t) => `${t.resourceType}/${t.resourceName}:${t.tagKey}=${t.tagValue}`);
  };

  test('tag, replace, list and untag roles and policies', async () => {
    await createRole('Owned');
    await createRole('plain');
    await ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'Pol', policyDocument: doc('log:*') }));
    await tagRole(['owned'], [tag('managed-by', 'fc3-role'), tag('stack', 'a')]);
    await tagRole(['Owned'], [tag('stack', 'b')]);
    await tagRole(['pol'], [tag('managed-by', 'fc3-role')], 'policy');
    expect(await listTags('role')).toEqual(['role/Owned:managed-by=fc3-role', 'role/Owned:stack=b']);
    expect(await listTags('policy', ['Pol'])).toEqual(['policy/Pol:managed-by=fc3-role']);
    expect(await listTags('role', ['plain', 'ghost'])).toEqual([]);

    await ram().untagResources(new $Ram.UntagResourcesRequest({ resourceType: 'role', resourceNames: ['Owned'], tagKeys: ['stack'] }));
    expect(await listTags('role')).toEqual(['role/Owned:managed-by=fc3-role']);
    await ram().untagResources(new $Ram.UntagResourcesRequest({ resourceType: 'role', resourceNames: ['Owned'], all: true }));
    expect(await listTags('role')).toEqual([]);
  });

  test('ListTagResources filters by tag and pages with NextToken', async () => {
    for (const name of ['a', 'b', 'c']) {
      await createRole(name);
      await tagRole([name], [tag('k1', name), tag('k2', 'x')]);
    }
    const filtered = await ram().listTagResources(
      new $Ram.ListTagResourcesRequest({ resourceType: 'role', tag: [new $Ram.ListTagResourcesRequestTag({ key: 'k1', value: 'b' })] }),
    );
    expect(filtered.body?.tagResources?.map((t) => `${t.resourceName}:${t.tagKey}`)).toEqual(['b:k1', 'b:k2']);
    const first = await ram().listTagResources(new $Ram.ListTagResourcesRequest({ resourceType: 'role', pageSize: 4 }));
    expect(first.body?.tagResources).toHaveLength(4);
    const second = await ram().listTagResources(new $Ram.ListTagResourcesRequest({ resourceType: 'role', pageSize: 4, nextToken: first.body?.nextToken }));
    expect(second.body?.tagResources?.map((t) => `${t.resourceName}:${t.tagKey}`)).toEqual(['c:k1', 'c:k2']);
    expect(second.body?.nextToken).toBe('');
  });

  test('a key may have 128 characters and a value 256 (TagResources reference)', async () => {
    await createRole('long');
    await tagRole(['long'], [tag('k'.repeat(128), 'v'.repeat(256))]);
    expect(await listTags('role', ['long'])).toEqual([`role/long:${'k'.repeat(128)}=${'v'.repeat(256)}`]);
  });

  test('limits: 20 tags per resource, checked before any change', async () => {
    await createRole('full');
    await createRole('empty');
    await tagRole(['full'], Array.from({ length: 20 }, (_, i) => tag(`k${i}`)));
    await tagRole(['full'], [tag('k0', 'replaced')]);
    await expectApiError(tagRole(['empty', 'full'], [tag('k20')]), 'LimitExceeded.Tag', 409);
    expect(await listTags('role', ['empty'])).toEqual([]);
  });

  test.each([
    ['aliyun prefix', () => tagRole(['t'], [tag('aliyun-owner', 'x')]), 'InvalidParameter.Tag.Key', 400],
    ['acs: prefix', () => tagRole(['t'], [tag('acs:owner', 'x')]), 'InvalidParameter.Tag.Key', 400],
    ['long key', () => tagRole(['t'], [tag('k'.repeat(129))]), 'InvalidParameter.Tag.Key', 400],
    ['value over 256', () => tagRole(['t'], [tag('k', 'v'.repeat(257))]), 'InvalidParameter.Tag.Value', 400],
    ['51 resources', () => tagRole(Array.from({ length: 51 }, (_, i) => `r${i}`), [tag('k')]), 'InvalidParameter.ResourceNames', 400],
    ['untag 21 keys', () => ram().untagResources(new $Ram.UntagResourcesRequest({ resourceType: 'role', resourceNames: ['t'], tagKeys: Array.from({ length: 21 }, (_, i) => `k${i}`) })), 'InvalidParameter.TagKeys', 400],
    ['list 21 tag filters', () => ram().listTagResources(new $Ram.ListTagResourcesRequest({ resourceType: 'role', tag: Array.from({ length: 21 }, (_, i) => new $Ram.ListTagResourcesRequestTag({ key: `k${i}` })) })), 'InvalidParameter.Tag', 400],
    ['21 tags', () => tagRole(['t'], Array.from({ length: 21 }, (_, i) => tag(`k${i}`))), 'InvalidParameter.Tag', 400],
    ['unknown role', () => tagRole(['ghost'], [tag('k')]), 'EntityNotExist.Role', 404],
    ['unknown policy', () => tagRole(['ghost'], [tag('k')], 'policy'), 'EntityNotExist.Policy', 404],
    ['system policy', () => tagRole(['AliyunOSSFullAccess'], [tag('k')], 'policy'), 'EntityNotExist.Policy', 404],
    ['bad type', () => tagRole(['t'], [tag('k')], 'user'), 'InvalidParameter.ResourceType', 400],
    ['no names', () => tagRole([], [tag('k')]), 'MissingResourceNames', 400],
    ['no tags', () => ram().tagResources(new $Ram.TagResourcesRequest({ resourceType: 'role', resourceNames: ['t'] })), 'MissingTag', 400],
    ['untag without keys', () => ram().untagResources(new $Ram.UntagResourcesRequest({ resourceType: 'role', resourceNames: ['t'] })), 'MissingTagKeys', 400],
    ['untag unknown role', () => ram().untagResources(new $Ram.UntagResourcesRequest({ resourceType: 'role', resourceNames: ['ghost'], all: true })), 'EntityNotExist.Role', 404],
    ['list without type', () => ram().listTagResources(new $Ram.ListTagResourcesRequest({})), 'MissingResourceType', 400],
  ])('refuses: %s', async (_name, call, code, status) => {
    await createRole('t');
    await expectApiError(call(), code, status);
  });

  test('tags go away with the role', async () => {
    await createRole('temp');
    await tagRole(['temp'], [tag('k', 'v')]);
    await ram().deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'temp' }));
    await createRole('temp');
    expect(await listTags('role', ['temp'])).toEqual([]);
  });
});
