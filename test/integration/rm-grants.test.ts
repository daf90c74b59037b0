/**
 * Grants seen from both RAM and Resource Manager: one account-scope store whichever API made the grant,
 * resource-group grants blocking RAM DeletePolicy, and the ram:ServiceName condition on CreateServiceLinkedRole.
 */
import {
  AttachPolicyRequest,
  CreateServiceLinkedRoleRequest,
  DetachPolicyRequest,
  ListPolicyAttachmentsRequest,
} from '@alicloud/resourcemanager20200331';
import {
  AttachPolicyToRoleRequest,
  CreatePolicyRequest,
  DeletePolicyRequest,
  DetachPolicyFromRoleRequest,
  ListPoliciesForRoleRequest,
  ListPoliciesForUserRequest,
} from '@alicloud/ram20150501';
import { useEmulator } from '../helpers/emulator';
import { ramClient, rmClient, userCredentials } from '../helpers/clients';
import { captureError } from '../helpers/errors';
import { defaultResourceGroupId } from '../../emulator/core/seed';

const ACCOUNT = '1234567890123456';
const TEST_RG = defaultResourceGroupId(ACCOUNT, 'test');
const FC_TRUST = JSON.stringify({ Version: '1', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }] });
const SLR_FOR_FC_ONLY = {
  name: 'SlrForFcOnly',
  document: {
    Version: '1',
    Statement: [{
      Effect: 'Allow',
      Action: 'ram:CreateServiceLinkedRole',
      Resource: '*',
      Condition: { StringEquals: { 'ram:ServiceName': 'fc.aliyuncs.com' } },
    }],
  },
};
const SLR_FOR_ECS_ONLY = {
  name: 'SlrForEcsOnly',
  document: { ...SLR_FOR_FC_ONLY.document, Statement: [{ ...SLR_FOR_FC_ONLY.document.Statement[0], Condition: { StringEquals: { 'ram:ServiceName': 'ecs.aliyuncs.com' } } }] },
};

const emu = useEmulator({
  accounts: [{ users: [{ name: 'dana' }, { name: 'slr-maker', policies: [SLR_FOR_FC_ONLY] }, { name: 'ecs-slr-maker', policies: [SLR_FOR_ECS_ONLY] }] }],
});

const ROLE_PRINCIPAL = `app-role@role.${ACCOUNT}.onaliyunservice.com`;
const USER_PRINCIPAL = `dana@${ACCOUNT}.onaliyun.com`;

function createRole(roleName = 'App-Role'): void {
  emu.current.state.getAccount(ACCOUNT).ram.createRole({ roleName, assumeRolePolicyDocument: FC_TRUST });
}

function rmGrant(policyName: string, resourceGroupId: string, principalName = ROLE_PRINCIPAL, policyType = 'System') {
  const principalType = principalName.endsWith('.onaliyunservice.com') ? 'ServiceRole' : 'IMSUser';
  return { policyType, policyName, principalType, principalName, resourceGroupId };
}

const rm = () => rmClient(emu.current);
const ram = () => ramClient(emu.current);

async function ramPoliciesOfRole(roleName = 'App-Role'): Promise<string[]> {
  const res = await ram().listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName }));
  return (res.body?.policies?.policy ?? []).map((p) => `${p.policyType}:${p.policyName}`);
}

async function rmAttachments(request: ConstructorParameters<typeof ListPolicyAttachmentsRequest>[0]): Promise<string[]> {
  const res = await rm().listPolicyAttachments(new ListPolicyAttachmentsRequest(request));
  return (res.body?.policyAttachments?.policyAttachment ?? []).map((a) => `${a.principalType}:${a.policyName}@${a.resourceGroupId}`);
}

describe('account scope is one store for RAM and Resource Manager', () => {
  test('an RM account-scope grant is a RAM grant: listed, duplicate-refused and detachable by RAM', async () => {
    createRole();
    await rm().attachPolicy(new AttachPolicyRequest(rmGrant('AliyunOSSReadOnlyAccess', ACCOUNT)));
    expect(await ramPoliciesOfRole()).toEqual(['System:AliyunOSSReadOnlyAccess']);
    const again = ram().attachPolicyToRole(new AttachPolicyToRoleRequest({ roleName: 'App-Role', policyType: 'System', policyName: 'AliyunOSSReadOnlyAccess' }));
    expect(await captureError(again)).toMatchObject({ code: 'EntityAlreadyExists.Role.Policy', statusCode: 409 });
    await ram().detachPolicyFromRole(new DetachPolicyFromRoleRequest({ roleName: 'App-Role', policyType: 'System', policyName: 'AliyunOSSReadOnlyAccess' }));
    expect(await rmAttachments({ resourceGroupId: ACCOUNT, principalType: 'ServiceRole' })).toEqual([]);
  });

  test('a RAM grant is an RM account-scope grant: listed, duplicate-refused and detachable by RM', async () => {
    createRole();
    await ram().attachPolicyToRole(new AttachPolicyToRoleRequest({ roleName: 'App-Role', policyType: 'System', policyName: 'AliyunLogFullAccess' }));
    await rm().attachPolicy(new AttachPolicyRequest(rmGrant('AliyunLogReadOnlyAccess', TEST_RG)));
    // No ResourceGroupId filter: the account-scope (RAM) grant and the resource-group grant.
    expect(await rmAttachments({ principalName: ROLE_PRINCIPAL })).toEqual([
      `ServiceRole:AliyunLogFullAccess@${ACCOUNT}`,
      `ServiceRole:AliyunLogReadOnlyAccess@${TEST_RG}`,
    ]);
    expect(await rmAttachments({ principalName: ROLE_PRINCIPAL, resourceGroupId: TEST_RG })).toEqual([`ServiceRole:AliyunLogReadOnlyAccess@${TEST_RG}`]);
    const duplicate = rm().attachPolicy(new AttachPolicyRequest(rmGrant('AliyunLogFullAccess', ACCOUNT)));
    expect(await captureError(duplicate)).toMatchObject({ code: 'EntityAlreadyExists.PolicyAttachment', statusCode: 409 });
    await rm().detachPolicy(new DetachPolicyRequest(rmGrant('AliyunLogFullAccess', ACCOUNT)));
    expect(await ramPoliciesOfRole()).toEqual([]);
    const missing = rm().detachPolicy(new DetachPolicyRequest(rmGrant('AliyunLogFullAccess', ACCOUNT)));
    expect(await captureError(missing)).toMatchObject({ code: 'EntityNotExist.PolicyAttachment', statusCode: 404 });
    // The resource-group grant is Resource Manager's alone: RAM does not list it.
    expect(emu.current.state.getAccount(ACCOUNT).rm.listAttachments()).toHaveLength(1);
  });

  test('an IMSUser grant at account scope is the RAM user grant; an unknown user is 404 EntityNotExist.User', async () => {
    await rm().attachPolicy(new AttachPolicyRequest(rmGrant('AliyunFCReadOnlyAccess', ACCOUNT, USER_PRINCIPAL)));
    const res = await ram().listPoliciesForUser(new ListPoliciesForUserRequest({ userName: 'dana' }));
    expect(res.body?.policies?.policy?.map((p) => p.policyName)).toEqual(['AliyunFCReadOnlyAccess']);
    expect(await rmAttachments({ principalType: 'IMSUser', principalName: USER_PRINCIPAL })).toEqual([`IMSUser:AliyunFCReadOnlyAccess@${ACCOUNT}`]);
    const ghost = rm().attachPolicy(new AttachPolicyRequest(rmGrant('AliyunFCReadOnlyAccess', ACCOUNT, `ghost@${ACCOUNT}.onaliyun.com`)));
    expect(await captureError(ghost)).toMatchObject({ code: 'EntityNotExist.User', statusCode: 404 });
  });
});

describe('RAM DeletePolicy sees resource-group grants', () => {
  const DOC = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:GetObject', Resource: '*' }] });

  async function createPolicy(name: string): Promise<void> {
    await ram().createPolicy(new CreatePolicyRequest({ policyName: name, policyDocument: DOC }));
  }

  test('a custom policy granted to a role in a resource group: 409 DeleteConflict.Policy.Role until detached', async () => {
    createRole();
    await createPolicy('RgReader');
    await rm().attachPolicy(new AttachPolicyRequest(rmGrant('RgReader', TEST_RG, ROLE_PRINCIPAL, 'Custom')));
    const err = await captureError(ram().deletePolicy(new DeletePolicyRequest({ policyName: 'rgreader' })));
    expect(err).toMatchObject({ code: 'DeleteConflict.Policy.Role', statusCode: 409 });
    expect(emu.current.state.getAccount(ACCOUNT).ram.policies.listCustom().map((p) => p.policyName)).toContain('RgReader');
    await rm().detachPolicy(new DetachPolicyRequest(rmGrant('RgReader', TEST_RG, ROLE_PRINCIPAL, 'Custom')));
    await expect(ram().deletePolicy(new DeletePolicyRequest({ policyName: 'RgReader' }))).resolves.toMatchObject({ statusCode: 200 });
  });

  test('granted to a user in a resource group: 409 DeleteConflict.Policy.User', async () => {
    await createPolicy('UserRgReader');
    await rm().attachPolicy(new AttachPolicyRequest(rmGrant('UserRgReader', TEST_RG, USER_PRINCIPAL, 'Custom')));
    const err = await captureError(ram().deletePolicy(new DeletePolicyRequest({ policyName: 'UserRgReader' })));
    expect(err).toMatchObject({ code: 'DeleteConflict.Policy.User', statusCode: 409 });
  });
});

describe('CreateServiceLinkedRole authorizes with the ram:ServiceName condition key', () => {
  const create = (user: string) =>
    rmClient(emu.current, userCredentials(emu.current, user)).createServiceLinkedRole(new CreateServiceLinkedRoleRequest({ serviceName: 'fc.aliyuncs.com' }));

  test('a user allowed only for fc.aliyuncs.com can create FC\'s service-linked role', async () => {
    const res = await create('slr-maker');
    expect(res.body?.role?.roleName).toBe('AliyunServiceRoleForFC');
  });

  test('a user allowed only for another service is refused with 403 NoPermission', async () => {
    const err = await captureError(create('ecs-slr-maker'));
    expect(err).toMatchObject({ code: 'NoPermission', statusCode: 403 });
    expect(err.accessDeniedDetail).toMatchObject({ AuthAction: 'ram:CreateServiceLinkedRole', NoPermissionType: 'ImplicitDeny' });
    expect(emu.current.state.getAccount(ACCOUNT).ram.findRole('AliyunServiceRoleForFC')).toBeUndefined();
  });
});
