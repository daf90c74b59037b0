import type { DesiredState, ObservedState, ObservedAttachment, PolicyDocument } from '../../src/model';
import { findDeployBlockers, planDeploy } from '../../src/plan';
import { planDeployNotes } from '../../src/plan/deploy';
import { trustPolicyForServices } from '../../src/policy';
import { encodeFunctionRecord } from '../../src/cloud/function-record';

const ACCOUNT = '1234567890';
const ARN = `acs:ram::${ACCOUNT}:role/fc-oss-writer`;
const writerDoc: PolicyDocument = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:b/*'] }] };
const readerDoc: PolicyDocument = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:b/*'] }] };

function desired(over: Partial<DesiredState> = {}): DesiredState {
  return {
    role: { name: 'Fc-Oss-Writer', description: 'd', trustPolicy: trustPolicyForServices(['fc.aliyuncs.com']), maxSessionDuration: 3600 },
    policies: [
      { type: 'System', name: 'aliyunossfullaccess', scope: { kind: 'account' } },
      { type: 'Custom', name: 'writer', scope: { kind: 'account' }, document: writerDoc },
    ],
    functions: [{ name: 'f', region: 'cn-hangzhou' }],
    serviceLinkedRole: false,
    ...over,
  };
}

const attached = (type: 'System' | 'Custom', name: string, attachedByUs = true, rg?: string): ObservedAttachment => ({
  type,
  name,
  scope: rg ? { kind: 'resourceGroup', resourceGroupId: rg } : { kind: 'account' },
  attachedByUs,
});

/** The cloud exactly as `desired()` wants it (deployed before), with the trust policy written differently. */
function converged(over: Partial<ObservedState> = {}): ObservedState {
  return {
    accountId: ACCOUNT,
    role: {
      name: 'Fc-Oss-Writer',
      arn: ARN,
      roleId: '3000',
      description: 'd',
      trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com', 'fc.aliyuncs.com'] }, Action: ['sts:AssumeRole'] }] },
      maxSessionDuration: 3600,
      // The record of the declared function, as the last deploy wrote it.
      tags: { 'fc3-role:created': 'true', 'fc3-role:functions': encodeFunctionRecord([{ name: 'f', region: 'cn-hangzhou' }]) },
    },
    attachments: [attached('System', 'AliyunOSSFullAccess'), attached('Custom', 'writer')],
    customPolicies: {
      writer: { name: 'writer', defaultVersion: 'v1', document: writerDoc, versions: [{ versionId: 'v1', isDefault: true, createDate: '2024-01-01T00:00:00Z' }], description: '', createdByUs: true },
    },
    systemPolicies: { aliyunossfullaccess: 'AliyunOSSFullAccess' },
    functions: [{ name: 'f', region: 'cn-hangzhou', role: ARN.toUpperCase() }],
    ...over,
  };
}

const empty: ObservedState = { accountId: ACCOUNT, attachments: [], customPolicies: {}, systemPolicies: { aliyunossfullaccess: 'AliyunOSSFullAccess' }, functions: [{ name: 'f', region: 'cn-hangzhou', role: '' }] };

describe('planDeploy', () => {
  it('creates everything from nothing, in order, with the ARN RAM will give the role', () => {
    const d = desired();
    expect(planDeploy(d, empty)).toEqual([
      { kind: 'createRole', role: d.role },
      { kind: 'createPolicy', name: 'writer', document: writerDoc },
      { kind: 'attachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
      { kind: 'attachPolicy', policyType: 'Custom', policyName: 'writer', scope: { kind: 'account' } },
      { kind: 'setFunctionRole', functionName: 'f', region: 'cn-hangzhou', from: '', to: ARN },
      { kind: 'recordFunctions', value: encodeFunctionRecord(d.functions), functions: 1 },
    ]);
  });

  it('plans nothing when the cloud is equal by meaning (case-insensitive ARN, reordered JSON)', () => {
    expect(planDeploy(desired(), converged())).toEqual([]);
    expect(findDeployBlockers(desired(), converged())).toEqual([]);
  });

  it.each<[string, Partial<ObservedState> | ((o: ObservedState) => ObservedState), unknown[]]>([
    ['description', (o) => ({ ...o, role: o.role && { ...o.role, description: 'old' } }), [{ kind: 'updateRole', roleName: 'Fc-Oss-Writer', description: 'd' }]],
    ['session duration', (o) => ({ ...o, role: o.role && { ...o.role, maxSessionDuration: 7200 } }), [{ kind: 'updateRole', roleName: 'Fc-Oss-Writer', maxSessionDuration: 3600 }]],
    ['trust policy', (o) => ({ ...o, role: o.role && { ...o.role, trustPolicy: trustPolicyForServices(['ecs.aliyuncs.com']) } }), [{ kind: 'updateRole', roleName: 'Fc-Oss-Writer', trustPolicy: trustPolicyForServices(['fc.aliyuncs.com']) }]],
    ['unreadable trust policy', (o) => ({ ...o, role: o.role && { ...o.role, trustPolicy: undefined } }), [{ kind: 'updateRole', roleName: 'Fc-Oss-Writer', trustPolicy: trustPolicyForServices(['fc.aliyuncs.com']) }]],
    ['policy document', (o) => ({ ...o, customPolicies: { writer: { ...o.customPolicies.writer, document: readerDoc } } }), [{ kind: 'createPolicyVersion', name: 'writer', document: writerDoc }]],
    ['detached system policy', { attachments: [attached('Custom', 'writer')] }, [{ kind: 'attachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' } }]],
    ['function role changed', { functions: [{ name: 'f', region: 'cn-hangzhou', role: 'acs:ram::1:role/other' }] }, [{ kind: 'setFunctionRole', functionName: 'f', region: 'cn-hangzhou', from: 'acs:ram::1:role/other', to: ARN }]],
    ['stale ownership mark', { ownershipMarksWithoutAttachment: [{ policyType: 'System', policyName: 'AliyunLogFullAccess', scope: { kind: 'account' } }] }, [{ kind: 'forgetAttachment', policyType: 'System', policyName: 'AliyunLogFullAccess', scope: { kind: 'account' } }]],
  ])('plans only the drift in %s', (_name, drift, expected) => {
    const observed = typeof drift === 'function' ? drift(converged()) : converged(drift);
    expect(planDeploy(desired(), observed)).toEqual(expected);
  });

  it('rotates out the oldest non-default version when 5 exist', () => {
    const versions = [
      { versionId: 'v3', isDefault: false, createDate: '2024-03-01T00:00:00Z' },
      { versionId: 'v1', isDefault: true, createDate: '2024-01-01T00:00:00Z' },
      { versionId: 'v2', isDefault: false, createDate: '2024-02-01T00:00:00Z' },
      { versionId: 'v4', isDefault: false, createDate: '2024-04-01T00:00:00Z' },
      { versionId: 'v5', isDefault: false, createDate: '2024-05-01T00:00:00Z' },
    ];
    const o = converged();
    const observed = { ...o, customPolicies: { writer: { ...o.customPolicies.writer, document: readerDoc, versions } } };
    expect(planDeploy(desired(), observed)).toEqual([{ kind: 'createPolicyVersion', name: 'writer', document: writerDoc, rotatesOut: 'v2' }]);
  });

  it('detaches only attachments it made that are no longer declared', () => {
    const observed = converged({
      attachments: [attached('System', 'AliyunOSSFullAccess'), attached('Custom', 'writer'), attached('System', 'AliyunLogFullAccess', true), attached('System', 'AliyunECSFullAccess', false)],
    });
    expect(planDeploy(desired(), observed)).toEqual([{ kind: 'detachPolicy', policyType: 'System', policyName: 'AliyunLogFullAccess', scope: { kind: 'account' } }]);
  });

  it('treats a resource-group attachment as a different attachment from the account one', () => {
    const d = desired({ policies: [{ type: 'System', name: 'AliyunOSSFullAccess', scope: { kind: 'resourceGroup', resourceGroupId: 'rg-abc' } }] });
    const observed = converged({ attachments: [attached('System', 'AliyunOSSFullAccess', true)], customPolicies: {} });
    expect(planDeploy(d, observed)).toEqual([
      { kind: 'detachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
      { kind: 'attachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'resourceGroup', resourceGroupId: 'rg-abc' } },
    ]);
    const settled = converged({ attachments: [attached('System', 'AliyunOSSFullAccess', true, 'rg-abc')], customPolicies: {} });
    expect(planDeploy(d, settled)).toEqual([]);
  });

  it('sets the role on functions in two regions', () => {
    const d = desired({ functions: [{ name: 'f', region: 'cn-hangzhou' }, { name: 'f', region: 'cn-shanghai' }] });
    const observed = converged({
      functions: [
        { name: 'f', region: 'cn-hangzhou', role: ARN },
        { name: 'f', region: 'cn-shanghai', role: '' },
      ],
    });
    expect(planDeploy(d, observed)).toEqual([
      { kind: 'setFunctionRole', functionName: 'f', region: 'cn-shanghai', from: '', to: ARN },
      { kind: 'recordFunctions', value: encodeFunctionRecord(d.functions), functions: 2 },
    ]);
  });

  it('ensures the service-linked role when asked and missing', () => {
    expect(planDeploy(desired({ serviceLinkedRole: true }), converged({ serviceLinkedRoleExists: false }))).toEqual([{ kind: 'createServiceLinkedRole' }]);
    expect(planDeploy(desired({ serviceLinkedRole: true }), converged({ serviceLinkedRoleExists: true }))).toEqual([]);
  });
});

describe('custom policy description', () => {
  const withDescription = (o: ObservedState, description: string, createdByUs = true): ObservedState => ({
    ...o,
    customPolicies: { writer: { ...o.customPolicies.writer, description, createdByUs } },
  });
  const described = (description: string): DesiredState =>
    desired({ policies: [desired().policies[0], { ...desired().policies[1], description }] });

  it('updates a changed description of a policy it created, and nothing else', () => {
    expect(planDeploy(described('new words'), withDescription(converged(), 'old words'))).toEqual([
      { kind: 'updatePolicyDescription', name: 'writer', description: 'new words' },
    ]);
    // A description dropped from s.yaml is left as it is, like the role's: RAM's NewDescription is 1 to 1,024 characters.
    expect(planDeploy(desired(), withDescription(converged(), 'old words'))).toEqual([]);
    expect(planDeploy(desired(), withDescription(converged(), ''))).toEqual([]);
    // A new policy gets a declared description, and none otherwise.
    expect(planDeploy(described('new words'), empty)).toContainEqual({ kind: 'createPolicy', name: 'writer', document: writerDoc, description: 'new words' });
    expect(planDeploy(described('same'), withDescription(converged(), 'same'))).toEqual([]);
  });

  it('versions the document first, then updates the description, when both changed', () => {
    const o = withDescription(converged(), 'old');
    const observed = { ...o, customPolicies: { writer: { ...o.customPolicies.writer, document: readerDoc } } };
    expect(planDeploy(described('new'), observed)).toEqual([
      { kind: 'createPolicyVersion', name: 'writer', document: writerDoc },
      { kind: 'updatePolicyDescription', name: 'writer', description: 'new' },
    ]);
  });

  it('never updates the description of a policy it did not create', () => {
    const plan = planDeploy(described('new'), withDescription(converged(), 'theirs', false));
    expect(plan).not.toContainEqual(expect.objectContaining({ kind: 'updatePolicyDescription' }));
  });
});

describe('a custom policy it created that s.yaml no longer declares', () => {
  const dropped = { name: 'old-writer', defaultVersion: 'v1', document: readerDoc, versions: [], description: '', createdByUs: true };
  const oldMark = { policyType: 'Custom' as const, policyName: 'old-writer', scope: { kind: 'account' as const } };

  it('is detached but its mark is kept, with a note that remove deletes it', () => {
    const observed = converged({
      attachments: [...converged().attachments, attached('Custom', 'old-writer')],
      customPolicies: { ...converged().customPolicies, 'old-writer': dropped },
    });
    expect(planDeploy(desired(), observed)).toEqual([{ kind: 'detachPolicy', ...oldMark, keepMark: true }]);
    expect(planDeployNotes(desired(), observed)).toEqual([expect.stringMatching(/^Custom policy old-writer was created by fc3-role .*`s remove` deletes it/)]);
  });

  it('once detached, plans nothing more: its stale mark is not forgotten', () => {
    const observed = converged({ customPolicies: { ...converged().customPolicies, 'old-writer': dropped }, ownershipMarksWithoutAttachment: [oldMark] });
    expect(planDeploy(desired(), observed)).toEqual([]);
    expect(planDeployNotes(desired(), observed)).toHaveLength(1);
  });

  it('one it did not create (or that is gone) is detached and forgotten as before, without a note', () => {
    const theirs = { ...dropped, createdByUs: false };
    const attachedTheirs = converged({ attachments: [...converged().attachments, attached('Custom', 'old-writer')], customPolicies: { ...converged().customPolicies, 'old-writer': theirs } });
    expect(planDeploy(desired(), attachedTheirs)).toEqual([{ kind: 'detachPolicy', ...oldMark }]);
    expect(planDeploy(desired(), converged({ ownershipMarksWithoutAttachment: [oldMark] }))).toEqual([{ kind: 'forgetAttachment', ...oldMark }]);
    expect(planDeployNotes(desired(), attachedTheirs)).toEqual([]);
    expect(planDeployNotes(desired(), converged())).toEqual([]);
  });
});

describe('findDeployBlockers', () => {
  it('reports missing functions, unknown system policies and missing unmanaged custom policies; plans them as no change', () => {
    const d = desired({
      policies: [
        { type: 'System', name: 'AliyunNoSuchAccess', scope: { kind: 'account' } },
        { type: 'Custom', name: 'someone-elses', scope: { kind: 'account' } },
      ],
      functions: [{ name: 'ghost', region: 'cn-shanghai' }],
    });
    const observed = converged({ attachments: [], customPolicies: {} });
    expect(findDeployBlockers(d, observed).map((b) => b.message)).toEqual([
      'function ghost does not exist in region cn-shanghai',
      'system policy AliyunNoSuchAccess (account scope) is unknown to RAM',
      'custom policy someone-elses (type: Custom, no statements) does not exist',
    ]);
    expect(planDeploy(d, observed)).toEqual([{ kind: 'attachPolicy', policyType: 'Custom', policyName: 'someone-elses', scope: { kind: 'account' } }]);
  });

  it('accepts type: Custom without statements when another item defines that policy', () => {
    const d = desired({ policies: [...desired().policies, { type: 'Custom', name: 'writer', scope: { kind: 'resourceGroup', resourceGroupId: 'rg-1' } }] });
    expect(findDeployBlockers(d, empty)).toEqual([]);
  });

  it('will not version a same-named custom policy it did not create', () => {
    const o = converged();
    const observed = { ...o, customPolicies: { writer: { ...o.customPolicies.writer, createdByUs: false } } };
    expect(findDeployBlockers(desired(), observed).map((b) => b.subject)).toEqual(['policy writer']);
  });
});
