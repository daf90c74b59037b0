import type { Caller } from '../../emulator/core/types';
import { Account, World } from '../../emulator/core/world';
import { authorize, noPermission, rolePrincipalName } from '../../emulator/iam/authorize';

const ID = '1234567890123456';
const FC_TRUST = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ID}:root`] } }] });
const doc = (effect: string, action: string, resource = '*'): string =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: effect, Action: action, Resource: resource }] });

const ROOT: Caller = { accountId: ID, kind: 'root', arn: `acs:ram::${ID}:root`, accessKeyId: 'AK' };
const ALICE: Caller = { accountId: ID, kind: 'user', arn: `acs:ram::${ID}:user/alice`, accessKeyId: 'AK2', userName: 'alice', userId: '2001' };
const ROLE_SESSION: Caller = {
  accountId: ID,
  kind: 'assumed-role',
  arn: `acs:ram::${ID}:assumed-role/deployer/s1`,
  accessKeyId: 'STS.1',
  roleName: 'deployer',
  roleId: '3001',
  sessionName: 's1',
};
const STRANGER: Caller = { accountId: '999', kind: 'root', arn: 'acs:ram::999:root', accessKeyId: 'AK3' };

function setup(): { world: World; account: Account } {
  const world = new World({ clock: () => 0 });
  const account = new Account(ID, 'myalias');
  world.accounts.set(ID, account);
  account.ram.createUser('alice');
  account.ram.createRole({ roleName: 'Deployer', assumeRolePolicyDocument: FC_TRUST });
  return { world, account };
}

const ROLE_RES = `acs:ram:*:${ID}:role/app`;

describe('authorize', () => {
  test('root of the account is always allowed; other accounts never', () => {
    const { world, account } = setup();
    expect(authorize(world, account, ROOT, 'ram:DeleteRole', ROLE_RES).allowed).toBe(true);
    const stranger = authorize(world, account, STRANGER, 'ram:GetRole', ROLE_RES);
    expect(stranger.allowed).toBe(false);
    expect(stranger.detail.NoPermissionType).toBe('ImplicitDeny');
  });

  test('a RAM user gets its account-scope policies', () => {
    const { world, account } = setup();
    expect(authorize(world, account, ALICE, 'ram:GetRole', ROLE_RES).allowed).toBe(false);
    account.ram.attachPolicy('user', 'alice', { type: 'System', name: 'AliyunRAMReadOnlyAccess' });
    expect(authorize(world, account, ALICE, 'ram:GetRole', ROLE_RES).allowed).toBe(true);
    expect(authorize(world, account, ALICE, 'ram:CreateRole', ROLE_RES).allowed).toBe(false);
  });

  test('explicit deny is reported as such, with the documented detail fields', () => {
    const { world, account } = setup();
    account.ram.createPolicy('DenyDelete', doc('Deny', 'ram:DeleteRole'));
    account.ram.attachPolicy('user', 'alice', { type: 'System', name: 'AliyunRAMFullAccess' });
    account.ram.attachPolicy('user', 'alice', { type: 'Custom', name: 'DenyDelete' });
    const { allowed, detail } = authorize(world, account, ALICE, 'ram:DeleteRole', ROLE_RES);
    expect(allowed).toBe(false);
    expect(detail).toMatchObject({
      AuthAction: 'ram:DeleteRole',
      AuthPrincipalType: 'SubUser',
      AuthPrincipalOwnerId: ID,
      AuthPrincipalDisplayName: '2001',
      NoPermissionType: 'ExplicitDeny',
      PolicyType: 'AccountLevelIdentityBasedPolicy',
    });
    expect(detail.EncodedDiagnosticMessage).not.toBe('');
    const err = noPermission(detail);
    expect(err).toMatchObject({ status: 403, code: 'NoPermission', message: 'You are not authorized to do this action.' });
    expect(err.extra).toEqual({ AccessDeniedDetail: detail });
  });

  test('an assumed role gets its RAM attachments and Resource Manager grants in scope', () => {
    const { world, account } = setup();
    const principal = rolePrincipalName(account, 'Deployer');
    expect(principal).toBe('Deployer@role.myalias.onaliyunservice.com');
    expect(authorize(world, account, ROLE_SESSION, 'fc:GetFunction', '*').allowed).toBe(false);

    account.ram.attachPolicy('role', 'deployer', { type: 'System', name: 'AliyunLogFullAccess' });
    expect(authorize(world, account, ROLE_SESSION, 'log:GetProject', '*').allowed).toBe(true);

    const key = { policyType: 'System' as const, principalType: 'ServiceRole' as const, principalName: principal };
    account.rm.attach({ ...key, policyName: 'AliyunFCReadOnlyAccess', resourceGroupId: 'rg-app' }, '2026-01-01T00:00:00Z');
    expect(authorize(world, account, ROLE_SESSION, 'fc:GetFunction', '*').allowed).toBe(false);
    expect(authorize(world, account, ROLE_SESSION, 'fc:GetFunction', '*', { resourceGroupId: 'rg-other' }).allowed).toBe(false);
    expect(authorize(world, account, ROLE_SESSION, 'fc:GetFunction', '*', { resourceGroupId: 'rg-app' }).allowed).toBe(true);

    account.rm.attach({ ...key, policyName: 'AliyunOSSFullAccess', resourceGroupId: ID }, '2026-01-01T00:00:00Z');
    const granted = authorize(world, account, ROLE_SESSION, 'oss:PutObject', 'acs:oss:*:*:b/k');
    expect(granted.allowed).toBe(true);
    expect(authorize(world, account, ROLE_SESSION, 'oss:PutObject', '*').detail.AuthPrincipalType).toBe('AssumedRoleUser');
  });
});
