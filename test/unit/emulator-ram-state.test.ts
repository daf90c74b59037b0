import { RamState } from '../../emulator/ram/state';
import { FC_TRUST, allowDocument as policyDoc } from '../helpers/ram-documents';
import { apiErrorCodeOf } from '../helpers/errors';

const ACCOUNT = '1234567890123456';
const T0 = Date.UTC(2026, 10, 30, 1, 23, 16, 789);

function newState(): RamState {
  return new RamState(ACCOUNT, () => T0);
}

describe('roles', () => {
  test('createRole records the world time, a lower-cased ARN and a numeric id', () => {
    const ram = newState();
    const role = ram.createRole({ roleName: 'My-Role', assumeRolePolicyDocument: FC_TRUST }, T0 + 5000);
    expect(role).toMatchObject({
      roleName: 'My-Role',
      arn: `acs:ram::${ACCOUNT}:role/my-role`,
      createDate: '2026-11-30T01:23:21Z',
      createdAt: T0 + 5000,
      maxSessionDuration: 3600,
      assumeRolePolicyDocument: FC_TRUST,
    });
    expect(role.roleId).toMatch(/^\d{18}$/);
    expect(ram.findRole('MY-ROLE')).toBe(role);
  });

  test('the injected clock dates entities created without an explicit time', () => {
    const ram = newState();
    expect(ram.createRole({ roleName: 'r', assumeRolePolicyDocument: FC_TRUST }).createdAt).toBe(T0);
    ram.setClock(() => T0 + 1000);
    expect(ram.createRole({ roleName: 'r2', assumeRolePolicyDocument: FC_TRUST }).createdAt).toBe(T0 + 1000);
  });

  test('role names are unique case-insensitively', () => {
    const ram = newState();
    ram.createRole({ roleName: 'My-Role', assumeRolePolicyDocument: FC_TRUST });
    expect(apiErrorCodeOf(() => ram.createRole({ roleName: 'my-role', assumeRolePolicyDocument: FC_TRUST }))).toBe('409 EntityAlreadyExists.Role');
  });

  test('update validates everything before changing anything', () => {
    const ram = newState();
    ram.createRole({ roleName: 'r', assumeRolePolicyDocument: FC_TRUST, description: 'old' });
    expect(apiErrorCodeOf(() => ram.roles.update('r', { newDescription: 'new', newMaxSessionDuration: 10 }, T0))).toBe(
      '400 InvalidParameter.NewMaxSessionDuration',
    );
    expect(ram.findRole('r')?.description).toBe('old');
  });

  test('delete conflicts: RAM attachments and other-scope grants', () => {
    const ram = newState();
    ram.createRole({ roleName: 'r', assumeRolePolicyDocument: FC_TRUST });
    ram.attachPolicy('role', 'r', { type: 'System', name: 'aliyunossfullaccess' });
    expect(apiErrorCodeOf(() => ram.deleteRole('r'))).toBe('409 DeleteConflict.Role.Policy');
    ram.detachPolicy('role', 'R', { type: 'System', name: 'AliyunOSSFullAccess' });
    expect(apiErrorCodeOf(() => ram.deleteRole('r', 1))).toBe('409 DeleteConflict.Role.Policy');
    ram.deleteRole('r');
    expect(ram.findRole('r')).toBeUndefined();
    expect(apiErrorCodeOf(() => ram.deleteRole('r'))).toBe('404 EntityNotExist.Role');
  });
});

describe('attachments', () => {
  test('system names resolve case-insensitively and are stored in catalog casing', () => {
    const ram = newState();
    ram.createRole({ roleName: 'r', assumeRolePolicyDocument: FC_TRUST });
    ram.attachPolicy('role', 'r', { type: 'System', name: 'aliyunossfullaccess' });
    expect(ram.listAttachedPolicies('role', 'R')).toEqual([{ type: 'System', name: 'AliyunOSSFullAccess' }]);
    expect(apiErrorCodeOf(() => ram.attachPolicy('role', 'r', { type: 'System', name: 'AliyunOSSFullAccess' }))).toBe('409 EntityAlreadyExists.Role.Policy');
    expect(apiErrorCodeOf(() => ram.attachPolicy('role', 'r', { type: 'System', name: 'Nope' }))).toBe('404 EntityNotExist.Policy');
    expect(apiErrorCodeOf(() => ram.attachPolicy('role', 'ghost', { type: 'System', name: 'AliyunOSSFullAccess' }))).toBe('404 EntityNotExist.Role');
    expect(apiErrorCodeOf(() => ram.detachPolicy('role', 'r', { type: 'System', name: 'AliyunLogFullAccess' }))).toBe('404 EntityNotExist.Role.Policy');
  });

  test('users: contract methods used by the seed', () => {
    const ram = newState();
    const { userId } = ram.createUser('alice');
    expect(userId).toMatch(/^\d+$/);
    ram.createPolicy('ReadLogs', policyDoc('log:Get*'));
    ram.attachPolicy('user', 'alice', { type: 'Custom', name: 'ReadLogs' });
    expect(ram.listAttachedPolicies('user', 'alice')).toEqual([{ type: 'Custom', name: 'ReadLogs' }]);
    expect(ram.findPolicyDocument({ type: 'Custom', name: 'readlogs' })).toBe(policyDoc('log:Get*'));
    expect(JSON.parse(ram.findPolicyDocument({ type: 'System', name: 'aliyunossfullaccess' }) ?? '{}').Statement[0].Action).toBe('oss:*');
    expect(apiErrorCodeOf(() => ram.attachPolicy('user', 'alice', { type: 'Custom', name: 'ReadLogs' }))).toBe('409 EntityAlreadyExists.User.Policy');
    expect(apiErrorCodeOf(() => ram.createUser('ALICE'))).toBe('409 EntityAlreadyExists.User');
  });
});

describe('policies and versions', () => {
  test('version ids increase, are never reused, and the limit is 5', () => {
    const ram = newState();
    ram.createPolicy('P', policyDoc('a:1'));
    for (let n = 2; n <= 5; n++) ram.policies.createVersion('P', policyDoc(`a:${n}`), false, 'None', T0);
    expect(apiErrorCodeOf(() => ram.policies.createVersion('P', policyDoc('a:6'), false, 'None', T0))).toBe('409 LimitExceeded.Policy.Version');
    ram.policies.deleteVersion('P', 'v5');
    const next = ram.policies.createVersion('P', policyDoc('a:6'), true, 'None', T0);
    expect(next.versionId).toBe('v6');
    expect(ram.policies.getCustom('P').defaultVersion).toBe('v6');
    expect(ram.findPolicyDocument({ type: 'Custom', name: 'P' })).toBe(policyDoc('a:6'));
  });

  test('rotation deletes the oldest non-default version', () => {
    const ram = newState();
    ram.createPolicy('P', policyDoc('a:1'));
    for (let n = 2; n <= 5; n++) ram.policies.createVersion('P', policyDoc(`a:${n}`), false, 'None', T0);
    ram.policies.createVersion('P', policyDoc('a:6'), false, 'DeleteOldestNonDefaultVersionWhenLimitExceeded', T0);
    expect(ram.policies.getCustom('P').versions.map((v) => v.versionId)).toEqual(['v1', 'v3', 'v4', 'v5', 'v6']);
  });

  test('version errors', () => {
    const ram = newState();
    ram.createPolicy('P', policyDoc('a:1'));
    expect(apiErrorCodeOf(() => ram.policies.deleteVersion('P', 'v1'))).toBe('409 DeleteConflict.Policy.Version.Default');
    expect(apiErrorCodeOf(() => ram.policies.deleteVersion('P', 'v9'))).toBe('404 EntityNotExist.Policy.Version');
    expect(apiErrorCodeOf(() => ram.policies.deleteVersion('P', 'x'))).toBe('400 InvalidParameter.VersionId.Format');
    expect(apiErrorCodeOf(() => ram.policies.setDefaultVersion('P', 'v2', T0))).toBe('404 EntityNotExist.Policy.Version');
    expect(apiErrorCodeOf(() => ram.policies.createVersion('Nope', policyDoc('a:1'), false, 'None', T0))).toBe('404 EntityNotExist.Policy');
    expect(apiErrorCodeOf(() => ram.policies.createVersion('AliyunOSSFullAccess', policyDoc('a:1'), false, 'None', T0))).toBe('404 EntityNotExist.Policy');
  });

  test('delete conflicts: roles, users, then versions; cascading deletes versions only', () => {
    const ram = newState();
    ram.createPolicy('P', policyDoc('a:1'));
    ram.policies.createVersion('P', policyDoc('a:2'), false, 'None', T0);
    ram.createRole({ roleName: 'r', assumeRolePolicyDocument: FC_TRUST });
    ram.createUser('u');
    ram.attachPolicy('role', 'r', { type: 'Custom', name: 'P' });
    ram.attachPolicy('user', 'u', { type: 'Custom', name: 'P' });
    expect(apiErrorCodeOf(() => ram.deletePolicy('P', true))).toBe('409 DeleteConflict.Policy.Role');
    ram.detachPolicy('role', 'r', { type: 'Custom', name: 'P' });
    expect(apiErrorCodeOf(() => ram.deletePolicy('P', true))).toBe('409 DeleteConflict.Policy.User');
    ram.detachPolicy('user', 'u', { type: 'Custom', name: 'P' });
    expect(apiErrorCodeOf(() => ram.deletePolicy('P', false))).toBe('409 DeleteConflict.Policy.Version');
    ram.deletePolicy('P', true);
    expect(ram.policies.findCustom('P')).toBeUndefined();
  });

  test('custom names are unique case-insensitively and may not shadow system policies', () => {
    const ram = newState();
    ram.createPolicy('P', policyDoc('a:1'));
    expect(apiErrorCodeOf(() => ram.createPolicy('p', policyDoc('a:1')))).toBe('409 EntityAlreadyExists.Policy');
    expect(apiErrorCodeOf(() => ram.createPolicy('AliyunOSSFullAccess', policyDoc('a:1')))).toBe('409 EntityAlreadyExists.Policy');
    expect(apiErrorCodeOf(() => ram.createPolicy('Q', '{"Version":"1"}'))).toBe('400 MalformedPolicyDocument');
  });
});

describe('tags', () => {
  test('20 tags at most; replacing a key does not count', () => {
    const ram = newState();
    ram.createRole({ roleName: 'r', assumeRolePolicyDocument: FC_TRUST });
    const twenty = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    ram.tags.set('role', 'r', twenty);
    ram.tags.set('role', 'R', [{ key: 'k0', value: 'changed' }]);
    expect(apiErrorCodeOf(() => ram.tags.set('role', 'r', [{ key: 'k20', value: '' }]))).toBe('409 LimitExceeded.Tag');
    expect(ram.tags.list('role', 'r')).toHaveLength(20);
    expect(ram.tags.matches('role', 'r', [{ key: 'k0', value: 'changed' }, { key: 'k1' }])).toBe(true);
    ram.deleteRole('r');
    expect(ram.tags.list('role', 'r')).toEqual([]);
  });
});
