/**
 * RAM users and their AccessKey pairs through the real clients: CreateUser, CreateAccessKey,
 * ListAccessKeys, UpdateAccessKey (Active/Inactive), DeleteAccessKey, DeleteUser, with their limits,
 * errors and authorization; a key created through RAM signs requests as the user, an Inactive one is refused.
 */
import * as $Ram from '@alicloud/ram20150501';
import { useEmulator } from '../helpers/emulator';
import { ramClient, stsClient, userCredentials, type TestCredentials } from '../helpers/clients';
import { captureError, expectApiError } from '../helpers/errors';
import { createRamUser } from '../helpers/ram-users';

const ACCOUNT = '1234567890123456';
const emu = useEmulator({ accounts: [{ users: [{ name: 'seeded' }] }] });

const ram = (creds?: TestCredentials) => ramClient(emu.current, creds);
const listKeys = (userName?: string, creds?: TestCredentials) => ram(creds).listAccessKeys(new $Ram.ListAccessKeysRequest({ userName }));
const keyIds = async (userName?: string, creds?: TestCredentials) =>
  (await listKeys(userName, creds)).body?.accessKeys?.accessKey?.map((k) => `${k.accessKeyId}:${k.status}`) ?? [];

describe('a RAM user made through the API acts as itself', () => {
  test('root creates the user, attaches a policy, creates its AccessKey; the key signs as the user', async () => {
    const res = await ram().createUser(new $Ram.CreateUserRequest({ userName: 'deployer', displayName: 'CI deployer' }));
    expect(res.body?.user).toMatchObject({ userName: 'deployer', displayName: 'CI deployer' });
    await ram().attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunRAMReadOnlyAccess', userName: 'deployer' }));

    const created = await ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'deployer' }));
    const key = created.body?.accessKey;
    expect(key?.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(key?.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(key?.status).toBe('Active');
    expect(key?.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const creds = { accessKeyId: key?.accessKeyId ?? '', accessKeySecret: key?.accessKeySecret ?? '' };
    const identity = await stsClient(emu.current, creds).getCallerIdentity();
    expect(identity.body).toMatchObject({ identityType: 'RAMUser', arn: `acs:ram::${ACCOUNT}:user/deployer` });
    await expect(ram(creds).listRoles(new $Ram.ListRolesRequest({}))).resolves.toMatchObject({ statusCode: 200 });
    const denied = await captureError(ram(creds).createRole(new $Ram.CreateRoleRequest({ roleName: 'x', assumeRolePolicyDocument: '{}' })));
    expect(denied).toMatchObject({ code: 'NoPermission', statusCode: 403 });
    expect(denied.accessDeniedDetail).toMatchObject({ AuthAction: 'ram:CreateRole', AuthPrincipalType: 'SubUser' });
  });

  test('the test helper does the same in one call', async () => {
    const creds = await createRamUser(emu.current, { name: 'helper-user', policies: ['AliyunSTSAssumeRoleAccess'] });
    const identity = await stsClient(emu.current, creds).getCallerIdentity();
    expect(identity.body?.arn).toBe(`acs:ram::${ACCOUNT}:user/helper-user`);
  });
});

describe('AccessKey pairs of a user', () => {
  test('ListAccessKeys shows ids, status and dates but never secrets; the seeded key is one of them', async () => {
    const seeded = userCredentials(emu.current, 'seeded');
    expect(await keyIds('seeded')).toEqual([`${seeded.accessKeyId}:Active`]);
    const listed = (await listKeys('seeded')).body?.accessKeys?.accessKey?.[0];
    expect(Object.keys(listed ?? {}).sort()).toEqual(['accessKeyId', 'createDate', 'status']);
  });

  test('a user may hold at most 2 AccessKey pairs: the third is 409 LimitExceeded.User.AccessKey', async () => {
    await ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'seeded' }));
    await expectApiError(ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'seeded' })), 'LimitExceeded.User.AccessKey', 409);
    expect(await keyIds('seeded')).toHaveLength(2);
  });

  test('Inactive keys are refused with 400 InvalidAccessKeyId.Inactive until made Active again', async () => {
    const creds = await createRamUser(emu.current, { name: 'rotating' });
    const update = (status: string) =>
      ram().updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'rotating', userAccessKeyId: creds.accessKeyId, status }));
    await update('Inactive');
    expect(await keyIds('rotating')).toEqual([`${creds.accessKeyId}:Inactive`]);
    const err = await captureError(stsClient(emu.current, creds).getCallerIdentity());
    expect(err).toMatchObject({ name: 'ClientError', code: 'InvalidAccessKeyId.Inactive', statusCode: 400 });
    expect(err.message).toContain('Specified access key is disabled.');
    await update('Active');
    await expect(stsClient(emu.current, creds).getCallerIdentity()).resolves.toMatchObject({ statusCode: 200 });
    await expectApiError(update('Disabled'), 'InvalidParameter.Status', 400);
  });

  test('a deleted key signs nothing; deleting it again is 404 EntityNotExist.User.AccessKey', async () => {
    const creds = await createRamUser(emu.current, { name: 'leaving' });
    const remove = () => ram().deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'leaving', userAccessKeyId: creds.accessKeyId }));
    await remove();
    expect(await keyIds('leaving')).toEqual([]);
    expect(await captureError(stsClient(emu.current, creds).getCallerIdentity())).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
    await expectApiError(remove(), 'EntityNotExist.User.AccessKey', 404);
    // Another user's key is not this user's.
    const seeded = userCredentials(emu.current, 'seeded');
    await expectApiError(
      ram().deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'leaving', userAccessKeyId: seeded.accessKeyId })),
      'EntityNotExist.User.AccessKey',
      404,
    );
  });

  test('parameter and existence errors carry RAM codes', async () => {
    await expectApiError(ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'nobody' })), 'EntityNotExist.User', 404);
    await expectApiError(ram().createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'bad name' })), 'InvalidParameter.UserName.InvalidChars', 400);
    await expectApiError(ram().listAccessKeys(new $Ram.ListAccessKeysRequest({ userName: 'u'.repeat(65) })), 'InvalidParameter.UserName.Length', 400);
    await expectApiError(ram().createAccessKey(new $Ram.CreateAccessKeyRequest({})), 'MissingUserName', 400);
    await expectApiError(ram().updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userName: 'seeded', status: 'Active' })), 'MissingUserAccessKeyId', 400);
  });
});

describe('authorization', () => {
  test('a RAM user needs ram:<Action> on user/<name>; without UserName it acts on itself', async () => {
    const selfService = {
      name: 'own-keys',
      document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ram:*AccessKey', 'ram:ListAccessKeys'], Resource: `acs:ram:*:${ACCOUNT}:user/self-service` }] },
    };
    const creds = await createRamUser(emu.current, { name: 'self-service', policies: [selfService] });
    const second = await ram(creds).createAccessKey(new $Ram.CreateAccessKeyRequest({}));
    expect(second.body?.accessKey?.accessKeyId).toMatch(/^LTAI/);
    expect(await keyIds(undefined, creds)).toHaveLength(2);
    const denied = await captureError(ram(creds).createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: 'seeded' })));
    expect(denied).toMatchObject({ code: 'NoPermission', statusCode: 403 });
    expect(denied.accessDeniedDetail).toMatchObject({ AuthAction: 'ram:CreateAccessKey' });
    await expectApiError(ram(userCredentials(emu.current, 'seeded')).listAccessKeys(new $Ram.ListAccessKeysRequest({})), 'NoPermission', 403);
  });
});

describe('DeleteUser', () => {
  test('refuses while the user has AccessKeys (409 DeleteConflict.User.AccessKey) or policies (409 DeleteConflict.User.Policy)', async () => {
    const creds = await createRamUser(emu.current, { name: 'temp', policies: ['AliyunRAMReadOnlyAccess'] });
    const deleteUser = () => ram().deleteUser(new $Ram.DeleteUserRequest({ userName: 'temp' }));
    await expectApiError(deleteUser(), 'DeleteConflict.User.AccessKey', 409);
    await ram().deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userName: 'temp', userAccessKeyId: creds.accessKeyId }));
    await expectApiError(deleteUser(), 'DeleteConflict.User.Policy', 409);
    await ram().detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ policyType: 'System', policyName: 'AliyunRAMReadOnlyAccess', userName: 'temp' }));
    await deleteUser();
    await expectApiError(ram().getUser(new $Ram.GetUserRequest({ userName: 'temp' })), 'EntityNotExist.User', 404);
    await expectApiError(deleteUser(), 'EntityNotExist.User', 404);
  });

  test('a user name is 1 to 64 letters, digits, periods, hyphens and underscores', async () => {
    await expectApiError(ram().createUser(new $Ram.CreateUserRequest({ userName: 'has@sign' })), 'InvalidParameter.UserName.InvalidChars', 400);
    await expectApiError(ram().createUser(new $Ram.CreateUserRequest({ userName: 'a'.repeat(65) })), 'InvalidParameter.UserName.Length', 400);
    await expectApiError(ram().createUser(new $Ram.CreateUserRequest({ userName: 'ok', displayName: 'd'.repeat(129) })), 'InvalidParameter.DisplayName.Length', 400);
    await expect(ram().createUser(new $Ram.CreateUserRequest({ userName: 'A.b-c_9' }))).resolves.toMatchObject({ statusCode: 200 });
  });
});
