/** RAM roles through the real @alicloud/ram20150501 client against the emulator. */
import * as $Ram from '@alicloud/ram20150501';
import * as $Rm from '@alicloud/resourcemanager20200331';
import { useEmulator } from '../helpers/emulator';
import { expectApiError, RPC_REQUEST_ID } from '../helpers/errors';
import { ramClient, rmClient } from '../helpers/clients';
import { FC_TRUST } from '../helpers/ram-documents';

const emu = useEmulator({ clock: () => Date.UTC(2026, 10, 30, 1, 23, 16, 500) });

function createRole(roleName: string, extra: Partial<$Ram.CreateRoleRequest> = {}) {
  return ramClient(emu.current).createRole(new $Ram.CreateRoleRequest({ roleName, assumeRolePolicyDocument: FC_TRUST, ...extra }));
}

describe('CreateRole / GetRole', () => {
  test('creates a role and reads it back: lower-cased ARN, name as given, dates at second precision', async () => {
    const created = await createRole('My-Role.1', { description: 'fn role', maxSessionDuration: 7200 });
    expect(created.body?.role).toMatchObject({
      roleName: 'My-Role.1',
      arn: `acs:ram::${emu.current.accounts[0].id}:role/my-role.1`,
      assumeRolePolicyDocument: FC_TRUST,
      description: 'fn role',
      maxSessionDuration: 7200,
      createDate: '2026-11-30T01:23:16Z',
    });
    expect(created.body?.role?.roleId).toMatch(/^\d+$/);
    const got = await ramClient(emu.current).getRole(new $Ram.GetRoleRequest({ roleName: 'MY-ROLE.1' }));
    expect(got.body?.role).toMatchObject({ roleName: 'My-Role.1', roleId: created.body?.role?.roleId, updateDate: '2026-11-30T01:23:16Z' });
    expect(got.body?.requestId).toMatch(RPC_REQUEST_ID);
  });

  test('defaults: empty description, 3600 s sessions', async () => {
    const created = await createRole('plain');
    expect(created.body?.role).toMatchObject({ description: '', maxSessionDuration: 3600 });
  });

  test.each([
    ['missing RoleName', { roleName: undefined }, 'MissingRoleName', 400],
    ['missing trust policy', { assumeRolePolicyDocument: undefined }, 'MissingAssumeRolePolicyDocument', 400],
    ['bad characters', { roleName: 'bad name' }, 'InvalidParameter.RoleName.InvalidChars', 400],
    ['an @ (not in the reference)', { roleName: 'ops@team' }, 'InvalidParameter.RoleName.InvalidChars', 400],
    ['too long', { roleName: 'r'.repeat(65) }, 'InvalidParameter.RoleName.Length', 400],
    ['trust too long', { assumeRolePolicyDocument: ' '.repeat(2049) }, 'InvalidParameter.AssumeRolePolicyDocument.Length', 400],
    ['trust not JSON', { assumeRolePolicyDocument: '{' }, 'MalformedPolicyDocument', 400],
    ['trust without Principal', { assumeRolePolicyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}' }, 'MalformedPolicyDocument', 400],
    ['description too long', { description: 'd'.repeat(1025) }, 'InvalidParameter.Description.Length', 400],
    ['description empty', { description: '' }, 'InvalidParameter.Description.Length', 400],
    ['session too short', { maxSessionDuration: 3599 }, 'InvalidParameter.MaxSessionDuration', 400],
    ['session too long', { maxSessionDuration: 43201 }, 'InvalidParameter.MaxSessionDuration', 400],
  ])('CreateRole refuses: %s', async (_name, overrides, code, status) => {
    const request = new $Ram.CreateRoleRequest({ roleName: 'r1', assumeRolePolicyDocument: FC_TRUST, ...overrides });
    await expectApiError(ramClient(emu.current).createRole(request), code, status);
  });

  test('MalformedPolicyDocument says what is wrong', async () => {
    const err: unknown = await createRole('r1', { assumeRolePolicyDocument: '{"Version":"2","Statement":[]}' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MalformedPolicyDocument', message: expect.stringContaining('Version must be "1"') });
  });

  test('role names are unique case-insensitively', async () => {
    await createRole('Dup');
    await expectApiError(createRole('dUP'), 'EntityAlreadyExists.Role', 409);
  });

  test('GetRole of an unknown role is 404 EntityNotExist.Role', async () => {
    await expectApiError(ramClient(emu.current).getRole(new $Ram.GetRoleRequest({ roleName: 'ghost' })), 'EntityNotExist.Role', 404);
  });
});

describe('UpdateRole', () => {
  test('changes only what is given and moves UpdateDate', async () => {
    await createRole('upd', { description: 'keep' });
    const newTrust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1234567890123456:root'] } }] });
    const updated = await ramClient(emu.current).updateRole(
      new $Ram.UpdateRoleRequest({ roleName: 'UPD', newAssumeRolePolicyDocument: newTrust, newMaxSessionDuration: 43200 }),
    );
    expect(updated.body?.role).toMatchObject({ roleName: 'upd', description: 'keep', assumeRolePolicyDocument: newTrust, maxSessionDuration: 43200 });
  });

  test.each([
    [{ newAssumeRolePolicyDocument: 'x'.repeat(2049) }, 'InvalidParameter.NewAssumeRolePolicyDocument.Length', 400],
    [{ newAssumeRolePolicyDocument: '[]' }, 'MalformedPolicyDocument', 400],
    [{ newDescription: 'd'.repeat(1025) }, 'InvalidParameter.NewDescription.Length', 400],
    [{ newDescription: '' }, 'InvalidParameter.NewDescription.Length', 400],
    [{ newMaxSessionDuration: 100 }, 'InvalidParameter.NewMaxSessionDuration', 400],
    [{ roleName: 'ghost' }, 'EntityNotExist.Role', 404],
    [{ roleName: undefined }, 'MissingRoleName', 400],
  ])('refuses %j with %s', async (overrides, code, status) => {
    await createRole('upd');
    const request = new $Ram.UpdateRoleRequest({ roleName: 'upd', ...overrides });
    await expectApiError(ramClient(emu.current).updateRole(request), code, status);
  });
});

describe('DeleteRole', () => {
  test('deletes; a second delete is 404', async () => {
    await createRole('gone');
    await ramClient(emu.current).deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'GONE' }));
    await expectApiError(ramClient(emu.current).deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'gone' })), 'EntityNotExist.Role', 404);
  });

  test('refuses while a policy is attached at account scope', async () => {
    await createRole('busy');
    const ram = ramClient(emu.current);
    await ram.attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ roleName: 'busy', policyType: 'System', policyName: 'AliyunOSSFullAccess' }));
    await expectApiError(ram.deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'busy' })), 'DeleteConflict.Role.Policy', 409);
    await ram.detachPolicyFromRole(new $Ram.DetachPolicyFromRoleRequest({ roleName: 'busy', policyType: 'System', policyName: 'AliyunOSSFullAccess' }));
    await ram.deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'busy' }));
  });

  test('refuses while Resource Manager grants the role a policy', async () => {
    await createRole('Scoped');
    const { id, alias } = emu.current.accounts[0];
    const rm = rmClient(emu.current);
    const attachment = {
      policyType: 'System',
      policyName: 'AliyunLogFullAccess',
      principalType: 'ServiceRole',
      principalName: `Scoped@role.${alias}.onaliyunservice.com`,
      resourceGroupId: id,
    };
    await rm.attachPolicy(new $Rm.AttachPolicyRequest(attachment));
    await expectApiError(ramClient(emu.current).deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'Scoped' })), 'DeleteConflict.Role.Policy', 409);
    await rm.detachPolicy(new $Rm.DetachPolicyRequest(attachment));
    await ramClient(emu.current).deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'Scoped' }));
  });
});

describe('ListRoles', () => {
  test('pages with Marker/MaxItems in name order, and carries tags', async () => {
    for (const name of ['c-role', 'A-role', 'b-role']) await createRole(name);
    const ram = ramClient(emu.current);
    const first = await ram.listRoles(new $Ram.ListRolesRequest({ maxItems: 2 }));
    expect(first.body?.isTruncated).toBe(true);
    expect(first.body?.roles?.role?.map((r) => r.roleName)).toEqual(['A-role', 'b-role']);
    const second = await ram.listRoles(new $Ram.ListRolesRequest({ maxItems: 2, marker: first.body?.marker }));
    expect(second.body?.isTruncated).toBe(false);
    expect(second.body?.roles?.role?.map((r) => r.roleName)).toEqual(['c-role']);
    expect(second.body?.roles?.role?.[0]?.tags?.tag).toEqual([]);
  });

  test('filters by Tag', async () => {
    await createRole('owned', { tag: [new $Ram.CreateRoleRequestTag({ key: 'managed-by', value: 'fc3-role' })] });
    await createRole('other', { tag: [new $Ram.CreateRoleRequestTag({ key: 'managed-by', value: 'someone' })] });
    const listed = await ramClient(emu.current).listRoles(
      new $Ram.ListRolesRequest({ tag: [new $Ram.ListRolesRequestTag({ key: 'managed-by', value: 'fc3-role' })] }),
    );
    const roles = listed.body?.roles?.role ?? [];
    expect(roles.map((r) => r.roleName)).toEqual(['owned']);
    expect(roles[0]?.tags?.tag).toEqual([expect.objectContaining({ tagKey: 'managed-by', tagValue: 'fc3-role' })]);
  });

  test.each([
    [{ maxItems: 0 }, 'InvalidParameter.MaxItems'],
    [{ maxItems: 1001 }, 'InvalidParameter.MaxItems'],
    [{ marker: '!!' }, 'InvalidParameter.Marker'],
  ])('refuses %j', async (request, code) => {
    await expectApiError(ramClient(emu.current).listRoles(new $Ram.ListRolesRequest(request)), code, 400);
  });

  test('an invalid Tag on CreateRole creates nothing', async () => {
    await expectApiError(createRole('tagged', { tag: [new $Ram.CreateRoleRequestTag({ key: 'aliyun:x', value: 'v' })] }), 'InvalidParameter.Tag.Key', 400);
    await expectApiError(ramClient(emu.current).getRole(new $Ram.GetRoleRequest({ roleName: 'tagged' })), 'EntityNotExist.Role', 404);
  });
});
