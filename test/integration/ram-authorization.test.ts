/** Who may call RAM: root always; RAM users and assumed roles by their policies (403 NoPermission otherwise). */
import * as $Ram from '@alicloud/ram20150501';
import * as $Rm from '@alicloud/resourcemanager20200331';
import * as $Sts from '@alicloud/sts20150401';
import { useEmulator } from '../helpers/emulator';
import { ramClient, rmClient, stsClient, userCredentials, type TestCredentials } from '../helpers/clients';

const ACCOUNT = '1234567890123456';
const DENY_DELETE = { Version: '1', Statement: [{ Effect: 'Deny', Action: 'ram:DeleteRole', Resource: `acs:ram:*:${ACCOUNT}:role/Protected*` }] };
const ONLY_APP_ROLES = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ram:GetRole', 'ram:UpdateRole'], Resource: 'acs:ram:*:*:role/app-*' }] };

const emu = useEmulator({
  accounts: [
    {
      id: ACCOUNT,
      alias: 'acme',
      users: [
        { name: 'reader', policies: ['AliyunRAMReadOnlyAccess'] },
        { name: 'nobody' },
        { name: 'admin', policies: ['AliyunRAMFullAccess', { name: 'DenyProtectedDelete', document: DENY_DELETE }] },
        { name: 'scoped', policies: [{ name: 'OnlyAppRoles', document: ONLY_APP_ROLES }] },
        { name: 'assumer', policies: ['AliyunSTSAssumeRoleAccess'] },
      ],
    },
  ],
});

const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const ACCOUNT_TRUST = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } }] });

async function expectNoPermission(call: Promise<unknown>, detail: Record<string, unknown>): Promise<void> {
  const err: unknown = await call.then(
    () => new Error('expected NoPermission, but the call succeeded'),
    (e: unknown) => e,
  );
  expect(err).toMatchObject({
    code: 'NoPermission',
    statusCode: 403,
    requestId: expect.stringMatching(REQUEST_ID),
    message: expect.stringContaining('You are not authorized to do this action.'),
    accessDeniedDetail: expect.objectContaining(detail),
  });
}

const asUser = (name: string) => ramClient(emu.current, userCredentials(emu.current, name));
const createRoleAsRoot = (roleName: string) =>
  ramClient(emu.current).createRole(new $Ram.CreateRoleRequest({ roleName, assumeRolePolicyDocument: ACCOUNT_TRUST }));

test('root may do anything in its account', async () => {
  await createRoleAsRoot('Protected-1');
  await ramClient(emu.current).deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'Protected-1' }));
});

test('a user without policies is implicitly denied, with the documented detail', async () => {
  await expectNoPermission(asUser('nobody').listRoles(new $Ram.ListRolesRequest({})), {
    AuthAction: 'ram:ListRoles',
    AuthPrincipalType: 'SubUser',
    AuthPrincipalOwnerId: ACCOUNT,
    NoPermissionType: 'ImplicitDeny',
  });
});

test('a read-only user may read but not write', async () => {
  await createRoleAsRoot('app-one');
  const got = await asUser('reader').getRole(new $Ram.GetRoleRequest({ roleName: 'app-one' }));
  expect(got.body?.role?.roleName).toBe('app-one');
  await expectNoPermission(asUser('reader').deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'app-one' })), {
    AuthAction: 'ram:DeleteRole',
    NoPermissionType: 'ImplicitDeny',
  });
  // Authorization comes before existence checks: no information leaks about unknown roles.
  await expectNoPermission(asUser('nobody').getRole(new $Ram.GetRoleRequest({ roleName: 'ghost' })), { AuthAction: 'ram:GetRole' });
});

test('an explicit Deny beats AliyunRAMFullAccess', async () => {
  await createRoleAsRoot('Protected-2');
  await createRoleAsRoot('Disposable');
  await expectNoPermission(asUser('admin').deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'Protected-2' })), {
    NoPermissionType: 'ExplicitDeny',
  });
  await asUser('admin').deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'Disposable' }));
});

test('resource patterns in custom policies scope what a user may touch', async () => {
  await createRoleAsRoot('app-web');
  await createRoleAsRoot('db-role');
  await asUser('scoped').updateRole(new $Ram.UpdateRoleRequest({ roleName: 'app-web', newDescription: 'ok' }));
  await expectNoPermission(asUser('scoped').updateRole(new $Ram.UpdateRoleRequest({ roleName: 'db-role', newDescription: 'no' })), {
    AuthAction: 'ram:UpdateRole',
  });
});

async function assume(roleName: string, creds: TestCredentials): Promise<TestCredentials> {
  const assumed = await stsClient(emu.current, creds).assumeRole(
    new $Sts.AssumeRoleRequest({ roleArn: `acs:ram::${ACCOUNT}:role/${roleName.toLowerCase()}`, roleSessionName: 'test-session' }),
  );
  const c = assumed.body?.credentials;
  if (!c?.accessKeyId || !c.accessKeySecret || !c.securityToken) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
}

test('an assumed role is authorized by its RAM attachments and account-scope Resource Manager grants', async () => {
  await createRoleAsRoot('Deployer');
  const session = await assume('Deployer', userCredentials(emu.current, 'assumer'));
  const asRole = ramClient(emu.current, session);
  await expectNoPermission(asRole.getAccountAlias(), { AuthAction: 'ram:GetAccountAlias', AuthPrincipalType: 'AssumedRoleUser' });

  await rmClient(emu.current).attachPolicy(
    new $Rm.AttachPolicyRequest({
      policyType: 'System',
      policyName: 'AliyunRAMReadOnlyAccess',
      principalType: 'ServiceRole',
      principalName: 'Deployer@role.acme.onaliyunservice.com',
      resourceGroupId: ACCOUNT,
    }),
  );
  const alias = await asRole.getAccountAlias();
  expect(alias.body?.accountAlias).toBe('acme');
  await expectNoPermission(asRole.createRole(new $Ram.CreateRoleRequest({ roleName: 'x', assumeRolePolicyDocument: ACCOUNT_TRUST })), {
    AuthAction: 'ram:CreateRole',
  });

  await ramClient(emu.current).createRole(new $Ram.CreateRoleRequest({ roleName: 'Admin-Role', assumeRolePolicyDocument: ACCOUNT_TRUST }));
  await ramClient(emu.current).attachPolicyToRole(
    new $Ram.AttachPolicyToRoleRequest({ roleName: 'Admin-Role', policyName: 'AliyunRAMFullAccess', policyType: 'System' }),
  );
  const adminSession = await assume('Admin-Role', userCredentials(emu.current, 'assumer'));
  await ramClient(emu.current, adminSession).createRole(new $Ram.CreateRoleRequest({ roleName: 'made-by-role', assumeRolePolicyDocument: ACCOUNT_TRUST }));
});
