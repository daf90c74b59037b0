/** STS through the real client: GetCallerIdentity per identity type, AssumeRole rules, expiry, propagation delay. */
import { AssumeRoleRequest } from '@alicloud/sts20150401';
import { useEmulator } from '../helpers/emulator';
import { CreateRoleRequest, ListRolesRequest } from '@alicloud/ram20150501';
import { ramClient, stsClient, userCredentials, type TestCredentials } from '../helpers/clients';
import { captureError } from '../helpers/errors';
import { assumeRoleAsService } from '../../emulator/sts/assume';
import { ApiError } from '../../emulator/core/types';

const ACCOUNT = '1234567890123456';
const OTHER = '2222222222222222';
const START = Date.UTC(2026, 10, 30, 1, 0, 0);
let now = START;

const emu = useEmulator({
  clock: () => now,
  accounts: [
    { users: [{ name: 'alice', policies: ['AliyunSTSAssumeRoleAccess'] }, { name: 'bob' }] },
    { id: OTHER, users: [{ name: 'carol', policies: ['AliyunSTSAssumeRoleAccess'] }] },
  ],
});

/** The caller of most tests: a RAM user allowed sts:AssumeRole, as AssumeRole requires (an account may not call it). */
const alice = (): TestCredentials => userCredentials(emu.current, 'alice');

beforeEach(() => {
  now = START;
});

function trustRam(...principals: string[]): string {
  return JSON.stringify({ Version: '1', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: principals } }] });
}

function trustService(service: string): string {
  return JSON.stringify({ Version: '1', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: [service] } }] });
}

function createRole(roleName: string, trust: string, maxSessionDuration?: number, account = ACCOUNT): string {
  return emu.current.state.getAccount(account).ram.createRole({ roleName, assumeRolePolicyDocument: trust, maxSessionDuration }).arn;
}

function assume(creds: TestCredentials | undefined, roleArn: string, extra: Partial<AssumeRoleRequest> = {}) {
  return stsClient(emu.current, creds).assumeRole(new AssumeRoleRequest({ roleArn, roleSessionName: 'session-1', ...extra }));
}

async function assumedCredentials(roleArn: string): Promise<TestCredentials> {
  const res = await assume(alice(), roleArn);
  const c = res.body?.credentials;
  if (!c?.accessKeyId || !c.accessKeySecret || !c.securityToken) throw new Error('no credentials');
  return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
}

describe('GetCallerIdentity', () => {
  test('root: IdentityType Account, Arn acs:ram::<uid>:root', async () => {
    const res = await stsClient(emu.current).getCallerIdentity();
    expect(res.body).toMatchObject({ accountId: ACCOUNT, arn: `acs:ram::${ACCOUNT}:root`, identityType: 'Account', userId: ACCOUNT });
    expect(res.body?.roleId).toBeUndefined();
  });

  test('RAM user: IdentityType RAMUser with its UserId', async () => {
    const res = await stsClient(emu.current, userCredentials(emu.current, 'bob')).getCallerIdentity();
    expect(res.body).toMatchObject({ accountId: ACCOUNT, arn: `acs:ram::${ACCOUNT}:user/bob`, identityType: 'RAMUser' });
    expect(res.body?.userId).toBeTruthy();
    expect(res.body?.principalId).toBe(res.body?.userId);
  });

  test('assumed role: IdentityType AssumedRoleUser, lower-cased role in the Arn, RoleId, no UserId', async () => {
    const arn = createRole('Deployer-Role', trustRam(`acs:ram::${ACCOUNT}:root`));
    const res = await stsClient(emu.current, await assumedCredentials(arn)).getCallerIdentity();
    const roleId = emu.current.state.getAccount(ACCOUNT).ram.findRole('deployer-role')?.roleId;
    expect(res.body).toMatchObject({
      accountId: ACCOUNT,
      arn: `acs:ram::${ACCOUNT}:assumed-role/deployer-role/session-1`,
      identityType: 'AssumedRoleUser',
      roleId,
      principalId: `${roleId}:session-1`,
    });
    expect(res.body?.userId).toBeUndefined();
  });
});

describe('AssumeRole: who may call it, in which order the checks run', () => {
  test('an Alibaba Cloud account may not call it: 403 NoPermission, whatever the role', async () => {
    const arn = createRole('Root-Trusted', trustRam(`acs:ram::${ACCOUNT}:root`));
    for (const roleArn of [arn, `acs:ram::${ACCOUNT}:role/nope`]) {
      const err = await captureError(assume(undefined, roleArn));
      expect(err).toMatchObject({ name: 'ClientError', code: 'NoPermission', statusCode: 403 });
      expect(err.message).toContain('You are not authorized to do this action. You should be authorized by RAM.');
    }
    // The account's RAM user with AliyunSTSAssumeRoleAccess may.
    await expect(assume(alice(), arn)).resolves.toMatchObject({ statusCode: 200 });
  });

  test('a caller without sts:AssumeRole is refused before the role is looked up; one with it learns the role is missing', async () => {
    const missing = `acs:ram::${ACCOUNT}:role/nope`;
    const denied = await captureError(assume(userCredentials(emu.current, 'bob'), missing));
    expect(denied).toMatchObject({ code: 'NoPermission', statusCode: 403 });
    expect(denied.accessDeniedDetail).toMatchObject({ AuthAction: 'sts:AssumeRole', NoPermissionType: 'ImplicitDeny' });
    expect(await captureError(assume(alice(), missing))).toMatchObject({ code: 'EntityNotExist.Role', statusCode: 404 });
  });

  test('a RAM user cannot assume a role whose trust policy names only a service', async () => {
    const arn = createRole('Fc-Only', trustService('fc.aliyuncs.com'));
    const err = await captureError(assume(alice(), arn));
    expect(err).toMatchObject({ code: 'NoPermission', statusCode: 403 });
    expect(err.message).toContain('You are not authorized to do this action. You should be authorized by RAM.');
  });

  test('an assumed role may assume another role its trust policy admits', async () => {
    const first = createRole('First', trustRam(`acs:ram::${ACCOUNT}:root`));
    const second = createRole('Second', trustRam(`acs:ram::${ACCOUNT}:root`));
    emu.current.state.getAccount(ACCOUNT).ram.attachPolicy('role', 'First', { type: 'System', name: 'AliyunSTSAssumeRoleAccess' });
    const session = await assumedCredentials(first);
    const res = await assume(session, second);
    expect(res.body?.assumedRoleUser?.arn).toBe(`acs:ram::${ACCOUNT}:role/second/session-1`);
  });
});

describe('AssumeRole', () => {
  test('issues STS credentials valid for an hour by default', async () => {
    const arn = createRole('App-Role', trustRam(`acs:ram::${ACCOUNT}:root`));
    const res = await assume(alice(), arn);
    const role = emu.current.state.getAccount(ACCOUNT).ram.findRole('App-Role');
    expect(res.body?.assumedRoleUser).toEqual({ arn: `acs:ram::${ACCOUNT}:role/app-role/session-1`, assumedRoleId: `${role?.roleId}:session-1` });
    expect(res.body?.credentials?.accessKeyId).toMatch(/^STS\.[A-Za-z0-9]+$/);
    expect(res.body?.credentials?.securityToken).toMatch(/^CAIS/);
    expect(res.body?.credentials?.expiration).toBe('2026-11-30T02:00:00Z');
  });

  test('the role ARN is matched case-insensitively', async () => {
    createRole('Mixed-Case', trustRam(`acs:ram::${ACCOUNT}:root`));
    await expect(assume(alice(), `acs:ram::${ACCOUNT}:role/MIXED-case`)).resolves.toMatchObject({ statusCode: 200 });
  });

  test('a RAM user needs both the trust policy and sts:AssumeRole permission', async () => {
    const arn = createRole('Team-Role', trustRam(`acs:ram::${ACCOUNT}:root`));
    await expect(assume(userCredentials(emu.current, 'alice'), arn)).resolves.toMatchObject({ statusCode: 200 });
    const err = await captureError(assume(userCredentials(emu.current, 'bob'), arn));
    expect(err).toMatchObject({ name: 'ClientError', code: 'NoPermission', statusCode: 403 });
    expect(err.accessDeniedDetail).toMatchObject({ AuthAction: 'sts:AssumeRole', NoPermissionType: 'ImplicitDeny' });
  });

  test('a trust policy naming only a RAM user admits that user and no other', async () => {
    const arn = createRole('Alice-Only', trustRam(`acs:ram::${ACCOUNT}:user/alice`));
    await expect(assume(alice(), arn)).resolves.toMatchObject({ statusCode: 200 });
    emu.current.state.getAccount(ACCOUNT).ram.attachPolicy('user', 'bob', { type: 'System', name: 'AliyunSTSAssumeRoleAccess' });
    expect(await captureError(assume(userCredentials(emu.current, 'bob'), arn))).toMatchObject({ code: 'NoPermission', statusCode: 403 });
  });

  test('another account is refused unless the trust policy names it', async () => {
    const crossArn = createRole('Cross', trustRam(`acs:ram::${ACCOUNT}:root`), undefined, OTHER);
    const res = await assume(alice(), crossArn);
    expect(res.body?.assumedRoleUser?.arn).toBe(`acs:ram::${OTHER}:role/cross/session-1`);
    const ownArn = createRole('Own', trustRam(`acs:ram::${OTHER}:root`), undefined, OTHER);
    expect(await captureError(assume(alice(), ownArn))).toMatchObject({ code: 'NoPermission' });
    await expect(assume(userCredentials(emu.current, 'carol', 1), ownArn)).resolves.toMatchObject({ statusCode: 200 });
  });

  test.each([
    [899, undefined],
    [3601, undefined],
    [7201, 7200],
  ])('DurationSeconds %i with MaxSessionDuration %s fails with 400 InvalidParameter.DurationSeconds', async (duration, max) => {
    const arn = createRole(`Dur-${duration}`, trustRam(`acs:ram::${ACCOUNT}:root`), max);
    const err = await captureError(assume(alice(), arn, { durationSeconds: duration }));
    expect(err).toMatchObject({ code: 'InvalidParameter.DurationSeconds', statusCode: 400 });
  });

  test('DurationSeconds up to the role maximum is honoured', async () => {
    const arn = createRole('Long', trustRam(`acs:ram::${ACCOUNT}:root`), 7200);
    const res = await assume(alice(), arn, { durationSeconds: 7200 });
    expect(res.body?.credentials?.expiration).toBe('2026-11-30T03:00:00Z');
  });

  test('parameter and existence errors carry their codes', async () => {
    const arn = createRole('Params', trustRam(`acs:ram::${ACCOUNT}:root`));
    expect(await captureError(assume(alice(), arn, { roleSessionName: 'x' }))).toMatchObject({ code: 'InvalidParameter.RoleSessionName', statusCode: 400 });
    expect(await captureError(assume(alice(), arn, { roleSessionName: 'bad name!' }))).toMatchObject({ code: 'InvalidParameter.RoleSessionName' });
    expect(await captureError(assume(alice(), 'arn:aws:iam::1:role/x'))).toMatchObject({ code: 'InvalidParameter.RoleArn', statusCode: 400 });
    expect(await captureError(assume(alice(), `acs:ram::${ACCOUNT}:role/nope`))).toMatchObject({ code: 'EntityNotExist.Role', statusCode: 404 });
    expect(await captureError(assume(alice(), arn, { policy: '{not json' }))).toMatchObject({ code: 'InvalidParameter.PolicyGrammar' });
    expect(await captureError(assume(alice(), arn, { roleSessionName: '' }))).toMatchObject({ code: 'MissingRoleSessionName', statusCode: 400 });
    expect(await captureError(assume(alice(), arn, { externalId: 'has space' }))).toMatchObject({ code: 'InvalidParameter.ExternalId', statusCode: 400 });
    await expect(assume(alice(), arn, { externalId: 'ab=c,d.e@f:g/h-i_j' })).resolves.toMatchObject({ statusCode: 200 });
  });

  test('a session Policy narrows the credentials to what it AND the role allow', async () => {
    const arn = createRole('Reader', trustRam(`acs:ram::${ACCOUNT}:root`));
    emu.current.state.getAccount(ACCOUNT).ram.attachPolicy('role', 'Reader', { type: 'System', name: 'AliyunRAMReadOnlyAccess' });
    const onlyListRoles = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['ram:ListRoles', 'ram:CreateRole'], Resource: '*' }] });
    const res = await assume(alice(), arn, { policy: onlyListRoles });
    const c = res.body?.credentials;
    const narrowed = { accessKeyId: c?.accessKeyId ?? '', accessKeySecret: c?.accessKeySecret ?? '', securityToken: c?.securityToken };
    await expect(ramClient(emu.current, narrowed).listRoles(new ListRolesRequest({}))).resolves.toMatchObject({ statusCode: 200 });
    // The role may GetAccountAlias, the session Policy does not name it; the Policy names CreateRole, the role may not.
    expect(await captureError(ramClient(emu.current, narrowed).getAccountAlias())).toMatchObject({ code: 'NoPermission', statusCode: 403 });
    const create = ramClient(emu.current, narrowed).createRole(new CreateRoleRequest({ roleName: 'x', assumeRolePolicyDocument: trustService('fc.aliyuncs.com') }));
    expect(await captureError(create)).toMatchObject({ code: 'NoPermission', statusCode: 403 });
    // Without a Policy, the session has the role's permissions.
    const full = await assumedCredentials(arn);
    await expect(ramClient(emu.current, full).getAccountAlias()).resolves.toMatchObject({ statusCode: 200 });
  });

  test('temporary credentials expire: InvalidSecurityToken.Expired', async () => {
    const arn = createRole('Short', trustRam(`acs:ram::${ACCOUNT}:root`));
    const res = await assume(alice(), arn, { durationSeconds: 900 });
    const c = res.body?.credentials;
    const creds = { accessKeyId: c?.accessKeyId ?? '', accessKeySecret: c?.accessKeySecret ?? '', securityToken: c?.securityToken };
    now += 899_000;
    await expect(stsClient(emu.current, creds).getCallerIdentity()).resolves.toMatchObject({ statusCode: 200 });
    now += 1_000;
    const err = await captureError(stsClient(emu.current, creds).getCallerIdentity());
    expect(err).toMatchObject({ name: 'ClientError', code: 'InvalidSecurityToken.Expired', statusCode: 400 });
  });

  test('a role inside the propagation delay is reported missing, then appears', async () => {
    emu.current.faults.setPropagationDelay(30_000);
    const arn = createRole('Fresh', trustRam(`acs:ram::${ACCOUNT}:root`));
    expect(await captureError(assume(alice(), arn))).toMatchObject({ code: 'EntityNotExist.Role', statusCode: 404 });
    now += 30_000;
    await expect(assume(alice(), arn)).resolves.toMatchObject({ statusCode: 200 });
  });
});

describe('assumeRoleAsService', () => {
  test('issues credentials when the trust policy names the service', () => {
    const arn = createRole('Fc-Role', trustService('fc.aliyuncs.com'));
    const creds = assumeRoleAsService(emu.current.state, ACCOUNT, arn, 'fc.aliyuncs.com', 'fc-session');
    expect(creds.accessKeyId).toMatch(/^STS\./);
    expect(creds.expiration).toBe('2026-11-30T02:00:00Z');
    const record = emu.current.state.credentials.find(creds.accessKeyId);
    expect(record?.caller).toMatchObject({ kind: 'assumed-role', arn: `acs:ram::${ACCOUNT}:assumed-role/fc-role/fc-session`, roleName: 'Fc-Role' });
  });

  test('refuses with 403 NoPermission when the service is not trusted, 404 when the role is missing', () => {
    const arn = createRole('Ram-Only', trustRam(`acs:ram::${ACCOUNT}:root`));
    const refuse = (roleArn: string): unknown => {
      try {
        assumeRoleAsService(emu.current.state, ACCOUNT, roleArn, 'fc.aliyuncs.com', 's');
      } catch (err) {
        return err;
      }
      return undefined;
    };
    expect(refuse(arn)).toEqual(expect.objectContaining({ status: 403, code: 'NoPermission' }));
    expect(refuse(`acs:ram::${ACCOUNT}:role/none`)).toEqual(expect.objectContaining({ status: 404, code: 'EntityNotExist.Role' }));
    expect(refuse(arn)).toBeInstanceOf(ApiError);
  });
});
