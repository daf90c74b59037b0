import type { Change, ObservedState, PolicyDocument } from '../../src/model';
import { describeChange, renderPlan } from '../../src/plan';
import { trustPolicyForServices } from '../../src/policy';

const ARN = 'acs:ram::123:role/fc-oss-writer';
const oldDoc: PolicyDocument = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:b/*'] }] };
const newDoc: PolicyDocument = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject', 'oss:PutObject'], Resource: ['acs:oss:*:*:b/*'] }] };

const observed: ObservedState = {
  accountId: '123',
  role: { name: 'fc-oss-writer', arn: ARN, roleId: '1', description: 'old', trustPolicy: trustPolicyForServices(['fc.aliyuncs.com']), maxSessionDuration: 3600, tags: {} },
  attachments: [],
  customPolicies: { writer: { name: 'writer', defaultVersion: 'v5', document: oldDoc, versions: [], description: '', createdByUs: true } },
  systemPolicies: {},
  functions: [],
};

describe('renderPlan', () => {
  it('says No changes. for an empty plan', () => {
    expect(renderPlan([])).toEqual(['No changes.']);
  });

  it('renders a deploy from nothing', () => {
    const changes: Change[] = [
      { kind: 'createRole', role: { name: 'fc-oss-writer', description: 'Lets my function write', trustPolicy: trustPolicyForServices(['fc.aliyuncs.com']), maxSessionDuration: 3600 } },
      { kind: 'createServiceLinkedRole' },
      { kind: 'createPolicy', name: 'writer', document: newDoc, description: '' },
      { kind: 'attachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
      { kind: 'attachPolicy', policyType: 'System', policyName: 'AliyunLogReadOnlyAccess', scope: { kind: 'resourceGroup', resourceGroupId: 'rg-abc' } },
      { kind: 'setFunctionRole', functionName: 'f', region: 'cn-hangzhou', from: '', to: ARN },
    ];
    expect(renderPlan(changes)).toEqual([
      '+ create role fc-oss-writer (trusts fc.aliyuncs.com; maxSessionDuration 3600; description "Lets my function write")',
      '+ create service-linked role AliyunServiceRoleForFC',
      '+ create policy writer: Allow oss:GetObject, oss:PutObject on acs:oss:*:*:b/*',
      '+ attach System policy AliyunOSSFullAccess (account scope)',
      '+ attach System policy AliyunLogReadOnlyAccess (resource group rg-abc)',
      `~ set role of function cn-hangzhou/f: (none) -> ${ARN}`,
    ]);
  });

  it('shows old -> new values when it knows the observed state', () => {
    const changes: Change[] = [
      { kind: 'updateRole', roleName: 'fc-oss-writer', description: 'new', maxSessionDuration: 7200, trustPolicy: trustPolicyForServices(['fc.aliyuncs.com', 'ecs.aliyuncs.com']) },
      { kind: 'createPolicyVersion', name: 'writer', document: newDoc, rotatesOut: 'v1' },
      { kind: 'setFunctionRole', functionName: 'f', region: 'cn-shanghai', from: 'acs:ram::123:role/other', to: ARN },
    ];
    expect(renderPlan(changes, { observed })).toEqual([
      '~ update role fc-oss-writer: description "old" -> "new"; maxSessionDuration 3600 -> 7200; trust policy trusts fc.aliyuncs.com -> trusts ecs.aliyuncs.com, fc.aliyuncs.com',
      '~ update policy writer: new default version (+oss:PutObject); rotates out v1',
      `~ set role of function cn-shanghai/f: acs:ram::123:role/other -> ${ARN}`,
    ]);
  });

  it('renders a remove', () => {
    const changes: Change[] = [
      { kind: 'setFunctionRole', functionName: 'f', region: 'cn-hangzhou', from: ARN, to: '' },
      { kind: 'detachPolicy', policyType: 'Custom', policyName: 'writer', scope: { kind: 'account' } },
      { kind: 'forgetAttachment', policyType: 'System', policyName: 'AliyunLogFullAccess', scope: { kind: 'account' } },
      { kind: 'deletePolicy', name: 'writer' },
      { kind: 'deleteRole', roleName: 'fc-oss-writer' },
    ];
    expect(renderPlan(changes)).toEqual([
      `- unset role of function cn-hangzhou/f: ${ARN} -> (none)`,
      '- detach Custom policy writer (account scope)',
      '- forget mark of System policy AliyunLogFullAccess (account scope; already detached)',
      '- delete policy writer (all versions)',
      '- delete role fc-oss-writer',
    ]);
  });

  it('renders a custom policy description update (old -> new when observed) and a detach that keeps the policy', () => {
    const change: Change = { kind: 'updatePolicyDescription', name: 'writer', description: 'writes bucket b' };
    const drifted: ObservedState = { ...observed, customPolicies: { writer: { ...observed.customPolicies.writer, description: 'old words' } } };
    expect(renderPlan([change], { observed: drifted })).toEqual(['~ update custom policy writer: description "old words" -> "writes bucket b"']);
    expect(describeChange(change)).toBe('~ update custom policy writer: description -> "writes bucket b"');
    expect(describeChange({ kind: 'detachPolicy', policyType: 'Custom', policyName: 'old', scope: { kind: 'account' }, keepMark: true })).toBe(
      '- detach Custom policy old (account scope; created by fc3-role and no longer declared: kept, `s remove` deletes it)',
    );
  });

  it('describes a single change the same way for progress logs', () => {
    expect(describeChange({ kind: 'updateRole', roleName: 'r', maxSessionDuration: 7200 })).toBe('~ update role r: maxSessionDuration -> 7200');
  });
});
