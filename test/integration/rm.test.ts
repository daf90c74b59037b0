/** Resource Manager through the real client: resource groups, RG/account-scoped policy attachments, FC's service-linked role. */
import {
  AttachPolicyRequest,
  CreateServiceLinkedRoleRequest,
  DetachPolicyRequest,
  GetResourceGroupRequest,
  ListPolicyAttachmentsRequest,
  ListResourceGroupsRequest,
} from '@alicloud/resourcemanager20200331';
import { AttachPolicyToRoleRequest, ListPoliciesForRoleRequest } from '@alicloud/ram20150501';
import { useEmulator } from '../helpers/emulator';
import { callRpc, ramClient, rmClient, userCredentials, type TestCredentials } from '../helpers/clients';
import { captureError } from '../helpers/errors';
import { defaultResourceGroupId } from '../../emulator/core/seed';
import { assumeRoleAsService } from '../../emulator/sts/assume';

const ACCOUNT = '1234567890123456';
const DEFAULT_RG = defaultResourceGroupId(ACCOUNT);
const TEST_RG = defaultResourceGroupId(ACCOUNT, 'test');
const START = Date.UTC(2026, 10, 30, 1, 0, 0);
let now = START;

const emu = useEmulator({
  clock: () => now,
  accounts: [{ users: [{ name: 'carol' }, { name: 'admin', policies: ['AdministratorAccess'] }] }],
});

beforeEach(() => {
  now = START;
});

const FC_TRUST = JSON.stringify({ Version: '1', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }] });

function createRole(roleName: string): void {
  emu.current.state.getAccount(ACCOUNT).ram.createRole({ roleName, assumeRolePolicyDocument: FC_TRUST });
}

function principal(roleName: string): string {
  return `${roleName}@role.${ACCOUNT}.onaliyunservice.com`;
}

function attachment(roleName: string, policyName: string, resourceGroupId = TEST_RG, policyType = 'System') {
  return { policyType, policyName, principalType: 'ServiceRole', principalName: principal(roleName), resourceGroupId };
}

function attach(fields: ReturnType<typeof attachment>, creds?: TestCredentials) {
  return rmClient(emu.current, creds).attachPolicy(new AttachPolicyRequest(fields));
}

function detach(fields: ReturnType<typeof attachment>) {
  return rmClient(emu.current).detachPolicy(new DetachPolicyRequest(fields));
}

describe('resource groups', () => {
  test('lists the seeded default and test groups', async () => {
    const res = await rmClient(emu.current).listResourceGroups(new ListResourceGroupsRequest({}));
    expect(res.body?.totalCount).toBe(2);
    expect(res.body?.resourceGroups?.resourceGroup?.map((g) => [g.id, g.name, g.accountId, g.status])).toEqual([
      [DEFAULT_RG, 'default', ACCOUNT, 'OK'],
      [TEST_RG, 'test', ACCOUNT, 'OK'],
    ]);
  });

  test('gets one group; an unknown id is 404 EntityNotExists.ResourceGroup', async () => {
    const res = await rmClient(emu.current).getResourceGroup(new GetResourceGroupRequest({ resourceGroupId: TEST_RG }));
    expect(res.body?.resourceGroup).toMatchObject({ id: TEST_RG, name: 'test' });
    const err = await captureError(rmClient(emu.current).getResourceGroup(new GetResourceGroupRequest({ resourceGroupId: 'rg-nope' })));
    expect(err).toMatchObject({ name: 'ClientError', code: 'EntityNotExists.ResourceGroup', statusCode: 404 });
    expect(err.data).toMatchObject({ HostId: 'resourcemanager.aliyuncs.com' });
  });
});

describe('policy attachments', () => {
  test('attach, list, detach a system policy on a role in a resource group', async () => {
    createRole('App-Role');
    await attach(attachment('app-role', 'aliyunossreadonlyaccess'));
    const list = await rmClient(emu.current).listPolicyAttachments(new ListPolicyAttachmentsRequest({ resourceGroupId: TEST_RG }));
    expect(list.body?.totalCount).toBe(1);
    expect(list.body?.policyAttachments?.policyAttachment?.[0]).toMatchObject({
      policyName: 'AliyunOSSReadOnlyAccess',
      policyType: 'System',
      principalName: principal('App-Role'),
      principalType: 'ServiceRole',
      resourceGroupId: TEST_RG,
      attachDate: '2026-11-30T01:00:00Z',
    });
    expect(emu.current.state.getAccount(ACCOUNT).rm.attachmentsFor('ServiceRole', principal('APP-ROLE'))).toHaveLength(1);

    await detach(attachment('App-Role', 'AliyunOSSReadOnlyAccess'));
    expect(emu.current.state.getAccount(ACCOUNT).rm.attachmentsFor('ServiceRole', principal('App-Role'))).toHaveLength(0);
    expect(emu.current.requests.writes({ product: 'rm', failed: false })).toHaveLength(2);
  });

  test('a custom policy is listed with its own description (RAM\'s)', async () => {
    createRole('Desc-Role');
    emu.current.state.getAccount(ACCOUNT).ram.createPolicy('described', JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:GetObject', Resource: '*' }] }), 'reads objects');
    await attach(attachment('Desc-Role', 'described', TEST_RG, 'Custom'));
    const list = await rmClient(emu.current).listPolicyAttachments(new ListPolicyAttachmentsRequest({ policyType: 'Custom', policyName: 'described' }));
    expect(list.body?.policyAttachments?.policyAttachment?.map((a) => a.description)).toEqual(['reads objects']);
  });

  test('the account id as ResourceGroupId attaches at account scope: one grant, seen by RM and by RAM', async () => {
    createRole('Acct-Role');
    await attach(attachment('Acct-Role', 'AliyunFCReadOnlyAccess', ACCOUNT));
    const list = await rmClient(emu.current).listPolicyAttachments(new ListPolicyAttachmentsRequest({ resourceGroupId: ACCOUNT }));
    // The seeded user admin's RAM grant is an account-scope attachment too (IMSUser).
    expect(list.body?.policyAttachments?.policyAttachment?.map((a) => [a.resourceGroupId, a.policyName, a.principalType, a.principalName])).toEqual([
      [ACCOUNT, 'AdministratorAccess', 'IMSUser', `admin@${ACCOUNT}.onaliyun.com`],
      [ACCOUNT, 'AliyunFCReadOnlyAccess', 'ServiceRole', principal('Acct-Role')],
    ]);
    const ram = await ramClient(emu.current).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName: 'Acct-Role' }));
    expect(ram.body?.policies?.policy?.map((p) => [p.policyType, p.policyName])).toEqual([['System', 'AliyunFCReadOnlyAccess']]);
    // ... and a RAM grant is an account-scope attachment for Resource Manager.
    await ramClient(emu.current).attachPolicyToRole(
      new AttachPolicyToRoleRequest({ roleName: 'Acct-Role', policyType: 'System', policyName: 'AliyunOSSReadOnlyAccess' }),
    );
    const both = await rmClient(emu.current).listPolicyAttachments(new ListPolicyAttachmentsRequest({ principalName: principal('Acct-Role') }));
    expect(both.body?.policyAttachments?.policyAttachment?.map((a) => `${a.policyName}@${a.resourceGroupId}`)).toEqual([
      `AliyunFCReadOnlyAccess@${ACCOUNT}`,
      `AliyunOSSReadOnlyAccess@${ACCOUNT}`,
    ]);
    expect(both.body?.totalCount).toBe(2);
  });

  test('duplicate attach is 409, detaching what is not attached is 404', async () => {
    createRole('Dup-Role');
    await attach(attachment('Dup-Role', 'AliyunOSSReadOnlyAccess'));
    expect(await captureError(attach(attachment('DUP-ROLE', 'AliyunOSSReadOnlyAccess')))).toMatchObject({
      code: 'EntityAlreadyExists.PolicyAttachment',
      statusCode: 409,
    });
    expect(await captureError(detach(attachment('Dup-Role', 'AliyunFCReadOnlyAccess')))).toMatchObject({
      code: 'EntityNotExist.PolicyAttachment',
      statusCode: 404,
    });
  });

  test('unknown policy, role, resource group and policy type carry their codes', async () => {
    createRole('Err-Role');
    expect(await captureError(attach(attachment('Err-Role', 'NoSuchPolicy')))).toMatchObject({ code: 'EntityNotExist.Policy', statusCode: 404 });
    expect(await captureError(attach(attachment('Err-Role', 'Mine', TEST_RG, 'Custom')))).toMatchObject({ code: 'EntityNotExist.Policy' });
    expect(await captureError(attach(attachment('No-Role', 'AliyunOSSReadOnlyAccess')))).toMatchObject({ code: 'EntityNotExist.Role', statusCode: 404 });
    expect(await captureError(attach(attachment('Err-Role', 'AliyunOSSReadOnlyAccess', 'rg-nope')))).toMatchObject({
      code: 'EntityNotExists.ResourceGroup',
      statusCode: 404,
    });
    expect(await captureError(attach(attachment('Err-Role', 'AliyunOSSReadOnlyAccess', TEST_RG, 'Managed')))).toMatchObject({
      code: 'InvalidParameter.PolicyType',
      statusCode: 400,
    });
    expect(emu.current.state.getAccount(ACCOUNT).rm.listAttachments()).toHaveLength(0);
  });

  test('a role inside the propagation delay cannot be attached to yet', async () => {
    emu.current.faults.setPropagationDelay(10_000);
    createRole('New-Role');
    expect(await captureError(attach(attachment('New-Role', 'AliyunOSSReadOnlyAccess')))).toMatchObject({ code: 'EntityNotExist.Role' });
    now += 10_000;
    await expect(attach(attachment('New-Role', 'AliyunOSSReadOnlyAccess'))).resolves.toMatchObject({ statusCode: 200 });
  });

  test('RAM users need permission: 403 NoPermission with AccessDeniedDetail, or an Allow', async () => {
    createRole('Perm-Role');
    const err = await captureError(attach(attachment('Perm-Role', 'AliyunOSSReadOnlyAccess'), userCredentials(emu.current, 'carol')));
    expect(err).toMatchObject({ code: 'NoPermission', statusCode: 403 });
    expect(err.accessDeniedDetail).toMatchObject({ AuthAction: 'resourcemanager:AttachPolicy', AuthPrincipalType: 'SubUser' });
    await expect(attach(attachment('Perm-Role', 'AliyunOSSReadOnlyAccess'), userCredentials(emu.current, 'admin'))).resolves.toMatchObject({
      statusCode: 200,
    });
  });
});

describe('service-linked role for FC', () => {
  const check = async (): Promise<unknown> =>
    (await callRpc(rmClient(emu.current), '2020-03-31', 'CheckServiceLinkedRoleExistence', { ServiceName: 'fc.aliyuncs.com' })).body?.Exists;

  test('creates AliyunServiceRoleForFC with FC trust and its system policy, then reports it exists', async () => {
    expect(await check()).toBe(false);
    const res = await rmClient(emu.current).createServiceLinkedRole(new CreateServiceLinkedRoleRequest({ serviceName: 'fc.aliyuncs.com' }));
    expect(res.body?.role).toMatchObject({
      roleName: 'AliyunServiceRoleForFC',
      arn: `acs:ram::${ACCOUNT}:role/aliyunserviceroleforfc`,
      isServiceLinkedRole: true,
      rolePrincipalName: principal('AliyunServiceRoleForFC'),
    });
    const ram = emu.current.state.getAccount(ACCOUNT).ram;
    expect(ram.listAttachedPolicies('role', 'AliyunServiceRoleForFC')).toEqual([{ type: 'System', name: 'AliyunServiceRolePolicyForFC' }]);
    expect(await check()).toBe(true);
    const creds = assumeRoleAsService(emu.current.state, ACCOUNT, res.body?.role?.arn ?? '', 'fc.aliyuncs.com', 'slr');
    expect(creds.accessKeyId).toMatch(/^STS\./);
  });

  test('creating it twice is 409 EntityAlreadyExists.Role; other services are refused', async () => {
    await rmClient(emu.current).createServiceLinkedRole(new CreateServiceLinkedRoleRequest({ serviceName: 'fc.aliyuncs.com' }));
    const again = await captureError(rmClient(emu.current).createServiceLinkedRole(new CreateServiceLinkedRoleRequest({ serviceName: 'fc.aliyuncs.com' })));
    expect(again).toMatchObject({ code: 'EntityAlreadyExists.Role', statusCode: 409 });
    const other = await captureError(rmClient(emu.current).createServiceLinkedRole(new CreateServiceLinkedRoleRequest({ serviceName: 'ecs.aliyuncs.com' })));
    expect(other).toMatchObject({ code: 'InvalidParameter.ServiceName', statusCode: 400 });
  });

  test('during the propagation delay the new role does not exist yet for CheckServiceLinkedRoleExistence', async () => {
    emu.current.faults.setPropagationDelay(5_000);
    await rmClient(emu.current).createServiceLinkedRole(new CreateServiceLinkedRoleRequest({ serviceName: 'fc.aliyuncs.com' }));
    expect(await check()).toBe(false);
    now += 5_000;
    expect(await check()).toBe(true);
  });
});
