/** The one line deploy ends with, counted per kind from the plan it applied. */
import type { DesiredState, ObservedState, PolicyDocument } from '../../src/model';
import { encodeFunctionRecord } from '../../src/cloud/function-record';
import { planDeploy } from '../../src/plan';
import { formatDeploySummary, summarizeDeploy } from '../../src/plan/summary';
import { trustPolicyForServices } from '../../src/policy';

const ARN = 'acs:ram::1:role/r';
const doc: PolicyDocument = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['*'] }] };
const desired: DesiredState = {
  role: { name: 'r', trustPolicy: trustPolicyForServices(['fc.aliyuncs.com']) },
  policies: [
    { type: 'System', name: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
    { type: 'Custom', name: 'w', scope: { kind: 'account' }, document: doc, description: '' },
  ],
  functions: [{ name: 'a', region: 'cn-hangzhou' }, { name: 'b', region: 'cn-hangzhou' }],
  serviceLinkedRole: false,
};
const nothing: ObservedState = {
  accountId: '1',
  attachments: [],
  customPolicies: {},
  systemPolicies: { aliyunossfullaccess: 'AliyunOSSFullAccess' },
  functions: [{ name: 'a', region: 'cn-hangzhou', role: '' }, { name: 'b', region: 'cn-hangzhou', role: '' }],
};
const deployed: ObservedState = {
  ...nothing,
  role: { name: 'r', arn: ARN, roleId: '1', description: '', trustPolicy: desired.role.trustPolicy, maxSessionDuration: 3600, tags: { 'fc3-role:created': 'true' } },
  attachments: [
    { type: 'System', name: 'AliyunOSSFullAccess', scope: { kind: 'account' }, attachedByUs: true },
    { type: 'Custom', name: 'w', scope: { kind: 'account' }, attachedByUs: true },
    { type: 'System', name: 'AliyunLogFullAccess', scope: { kind: 'account' }, attachedByUs: true },
  ],
  customPolicies: { w: { name: 'w', defaultVersion: 'v1', document: doc, versions: [], description: '', createdByUs: true } },
  functions: [{ name: 'a', region: 'cn-hangzhou', role: ARN }, { name: 'b', region: 'cn-hangzhou', role: 'acs:ram::1:role/other' }],
};

describe('deploy summary', () => {
  it('a first deploy: everything added or changed', () => {
    const line = formatDeploySummary(summarizeDeploy(desired, nothing, planDeploy(desired, nothing)));
    expect(line).toBe('Deploy summary: role: 1 added; custom policies: 1 added; policy attachments: 2 added; functions: 2 changed.');
  });

  it('a later deploy: added, changed, removed and unchanged per kind', () => {
    const line = formatDeploySummary(summarizeDeploy(desired, deployed, planDeploy(desired, deployed)));
    expect(line).toBe('Deploy summary: role: 1 unchanged; custom policies: 1 unchanged; policy attachments: 1 removed, 2 unchanged; functions: 1 changed, 1 unchanged.');
  });

  it('says when nothing changed', () => {
    // As a complete deploy leaves it: fc3-role's record of the functions that use the role is on the role too.
    const role = { ...deployed.role!, tags: { ...deployed.role!.tags, 'fc3-role:functions': encodeFunctionRecord(desired.functions) } };
    const converged: ObservedState = { ...deployed, role, attachments: deployed.attachments.slice(0, 2), functions: [{ name: 'a', region: 'cn-hangzhou', role: ARN }, { name: 'b', region: 'cn-hangzhou', role: ARN }] };
    expect(planDeploy(desired, converged)).toEqual([]);
    expect(formatDeploySummary(summarizeDeploy(desired, converged, []))).toBe(
      'Deploy summary (nothing changed): role: 1 unchanged; custom policies: 1 unchanged; policy attachments: 2 unchanged; functions: 2 unchanged.',
    );
  });
});
