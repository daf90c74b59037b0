import type { DesiredState, ObservedAttachment, ObservedState } from '../../src/model';
import { planRemove } from '../../src/plan';
import { trustPolicyForServices } from '../../src/policy';

const ARN = 'acs:ram::123:role/fc-oss-writer';
const doc = { Version: '1', Statement: [{ Effect: 'Allow' as const, Action: ['oss:PutObject'], Resource: ['*'] }] };

const desired: DesiredState = {
  role: { name: 'fc-oss-writer', description: '', trustPolicy: trustPolicyForServices(['fc.aliyuncs.com']), maxSessionDuration: 3600 },
  policies: [
    { type: 'System', name: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
    { type: 'Custom', name: 'writer', scope: { kind: 'account' }, document: doc, description: '' },
  ],
  functions: [
    { name: 'f', region: 'cn-hangzhou' },
    { name: 'g', region: 'cn-shanghai' },
  ],
  serviceLinkedRole: true,
};

const ours = (type: 'System' | 'Custom', name: string, attachedByUs = true): ObservedAttachment => ({ type, name, scope: { kind: 'account' }, attachedByUs });

function observed(over: Partial<ObservedState> = {}, created = true): ObservedState {
  return {
    accountId: '123',
    role: { name: 'fc-oss-writer', arn: ARN, roleId: '1', description: '', trustPolicy: desired.role.trustPolicy, maxSessionDuration: 3600, tags: created ? { 'fc3-role:created': 'true' } : {} },
    attachments: [ours('System', 'AliyunOSSFullAccess'), ours('Custom', 'writer')],
    customPolicies: { writer: { name: 'writer', defaultVersion: 'v2', document: doc, versions: [], description: '', createdByUs: true } },
    systemPolicies: { aliyunossfullaccess: 'AliyunOSSFullAccess' },
    functions: [
      { name: 'f', region: 'cn-hangzhou', role: ARN },
      { name: 'g', region: 'cn-shanghai', role: 'acs:ram::123:role/other' },
    ],
    functionsUsingRole: [{ name: 'f', region: 'cn-hangzhou', role: ARN }],
    ...over,
  };
}

describe('planRemove', () => {
  it('unsets the role where declared functions use it, detaches and deletes what it made, deletes the role', () => {
    expect(planRemove(desired, observed(), { force: false })).toEqual({
      changes: [
        { kind: 'setFunctionRole', functionName: 'f', region: 'cn-hangzhou', from: ARN, to: '' },
        { kind: 'detachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
        { kind: 'detachPolicy', policyType: 'Custom', policyName: 'writer', scope: { kind: 'account' } },
        { kind: 'deletePolicy', name: 'writer' },
        { kind: 'deleteRole', roleName: 'fc-oss-writer' },
      ],
      blockers: [],
      notes: [],
    });
  });

  it('is blocked while undeclared functions still use the role, and names them', () => {
    const o = observed({ functionsUsingRole: [{ name: 'f', region: 'cn-hangzhou', role: ARN }, { name: 'other', region: 'cn-beijing', role: ARN }] });
    const plan = planRemove(desired, o, { force: false });
    expect(plan.blockers).toEqual([
      'Role fc-oss-writer is still used by functions not declared in s.yaml: cn-beijing/other. Set another role on them, or run remove with --force.',
    ]);
    expect(plan.changes.map((c) => c.kind)).not.toContain('deleteRole');
  });

  it('deletes the role anyway with --force, and says so', () => {
    const o = observed({ functionsUsingRole: [{ name: 'other', region: 'cn-beijing', role: ARN }] });
    const plan = planRemove(desired, o, { force: true });
    expect(plan.blockers).toEqual([]);
    expect(plan.changes[plan.changes.length - 1]).toEqual({ kind: 'deleteRole', roleName: 'fc-oss-writer' });
    expect(plan.notes).toEqual(['--force: role fc-oss-writer is deleted although cn-beijing/other still use it.']);
  });

  it('is blocked, even with --force, by attachments someone else made, and names them', () => {
    const o = observed({ attachments: [ours('System', 'AliyunOSSFullAccess'), ours('System', 'AliyunECSFullAccess', false)] });
    const plan = planRemove(desired, o, { force: true });
    expect(plan.blockers).toEqual([
      'Role fc-oss-writer has policies that fc3-role did not attach: System AliyunECSFullAccess (account scope). Detach them yourself, then run remove again.',
    ]);
    expect(plan.changes).toContainEqual({ kind: 'detachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' } });
    expect(plan.changes).not.toContainEqual(expect.objectContaining({ policyName: 'AliyunECSFullAccess' }));
  });

  it('keeps a role it did not create, detaching only its own attachments and forgetting stale marks', () => {
    const mark = { policyType: 'System' as const, policyName: 'AliyunLogFullAccess', scope: { kind: 'account' as const } };
    const o = observed({ attachments: [ours('System', 'AliyunOSSFullAccess'), ours('System', 'AliyunECSFullAccess', false)], ownershipMarksWithoutAttachment: [mark] }, false);
    const plan = planRemove(desired, o, { force: false });
    expect(plan.blockers).toEqual([]);
    expect(plan.changes).toEqual([
      { kind: 'setFunctionRole', functionName: 'f', region: 'cn-hangzhou', from: ARN, to: '' },
      { kind: 'detachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
      { kind: 'forgetAttachment', ...mark },
      { kind: 'deletePolicy', name: 'writer' },
    ]);
    expect(plan.notes).toEqual(['Role fc-oss-writer was not created by fc3-role; it is kept (only what fc3-role attached to it was detached).']);
  });

  it('keeps custom policies it did not create', () => {
    const o = observed({ customPolicies: { writer: { ...observed().customPolicies.writer, createdByUs: false } } });
    const plan = planRemove(desired, o, { force: false });
    expect(plan.changes).not.toContainEqual({ kind: 'deletePolicy', name: 'writer' });
    expect(plan.notes).toEqual(['Custom policy writer was not created by fc3-role; it is kept.']);
  });

  it('deletes a custom policy it created that only its marks name (dropped from s.yaml, or no policies in props)', () => {
    const dropped = { name: 'old-writer', defaultVersion: 'v1', document: doc, versions: [], description: '', createdByUs: true };
    const mark = { policyType: 'Custom' as const, policyName: 'old-writer', scope: { kind: 'account' as const } };
    const o = observed({ customPolicies: { ...observed().customPolicies, 'old-writer': dropped }, ownershipMarksWithoutAttachment: [mark] });
    expect(planRemove(desired, o, { force: false }).changes).toEqual([
      { kind: 'setFunctionRole', functionName: 'f', region: 'cn-hangzhou', from: ARN, to: '' },
      { kind: 'detachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
      { kind: 'detachPolicy', policyType: 'Custom', policyName: 'writer', scope: { kind: 'account' } },
      { kind: 'deletePolicy', name: 'writer' },
      { kind: 'deletePolicy', name: 'old-writer' },
      { kind: 'deleteRole', roleName: 'fc-oss-writer' },
    ]);

    // `s cli remove --role-name` with empty props: everything comes from the cloud; the role is not ours here, so the stale mark is forgotten too.
    const bare: DesiredState = { ...desired, policies: [], functions: [] };
    const still = observed({ attachments: [ours('Custom', 'old-writer')], customPolicies: { 'old-writer': dropped }, functions: [], functionsUsingRole: [] }, false);
    expect(planRemove(bare, still, { force: false }).changes).toEqual([
      { kind: 'detachPolicy', policyType: 'Custom', policyName: 'old-writer', scope: { kind: 'account' } },
      { kind: 'deletePolicy', name: 'old-writer' },
    ]);
    // One it did not create, named by a mark (attached as type: Custom), is only detached.
    const theirs = observed({ attachments: [ours('Custom', 'old-writer')], customPolicies: { 'old-writer': { ...dropped, createdByUs: false } }, functions: [], functionsUsingRole: [] });
    expect(planRemove(bare, theirs, { force: false }).changes).toEqual([
      { kind: 'detachPolicy', policyType: 'Custom', policyName: 'old-writer', scope: { kind: 'account' } },
      { kind: 'deleteRole', roleName: 'fc-oss-writer' },
    ]);
  });

  it('deletes a policy declared twice (different case) once', () => {
    const twice: DesiredState = { ...desired, policies: [...desired.policies, { type: 'Custom', name: 'WRITER', scope: { kind: 'resourceGroup', resourceGroupId: 'rg-1' } }] };
    const o = observed({ customPolicies: { writer: observed().customPolicies.writer, WRITER: observed().customPolicies.writer } });
    expect(planRemove(twice, o, { force: false }).changes.filter((c) => c.kind === 'deletePolicy')).toEqual([{ kind: 'deletePolicy', name: 'writer' }]);
  });

  it('has nothing to do when nothing exists', () => {
    const plan = planRemove(desired, { accountId: '123', attachments: [], customPolicies: {}, systemPolicies: {}, functions: [] }, { force: false });
    expect(plan).toEqual({ changes: [], blockers: [], notes: ['Role fc-oss-writer does not exist; there is no role to delete.'] });
  });
});
