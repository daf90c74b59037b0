/** plannedAttachments: the role as deploy would leave it, from the declared policies and what the cloud holds. */
import { plannedAttachments } from '../../src/expect/grants';
import type { DesiredState, ObservedState, PolicyDocument } from '../../src/model';
import { trustPolicyForServices } from '../../src/policy';

const DOC: PolicyDocument = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:b/*'] }] };
const OLD: PolicyDocument = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject'], Resource: ['*'] }] };
const ACCOUNT = { kind: 'account' as const };
const RG = { kind: 'resourceGroup' as const, resourceGroupId: 'rg-1' };

const desired: DesiredState = {
  role: { name: 'r', trustPolicy: trustPolicyForServices(['fc.aliyuncs.com']) },
  policies: [
    { type: 'System', name: 'aliyunossfullaccess', scope: ACCOUNT },
    { type: 'Custom', name: 'mine', scope: ACCOUNT, document: DOC, description: '' },
    { type: 'Custom', name: 'MINE', scope: RG },
    { type: 'Custom', name: 'team', scope: ACCOUNT },
  ],
  functions: [],
  serviceLinkedRole: false,
};

const observed: ObservedState = {
  accountId: '1',
  attachments: [
    { type: 'System', name: 'AliyunOSSFullAccess', scope: ACCOUNT, attachedByUs: true },
    { type: 'System', name: 'AliyunFCReadOnlyAccess', scope: ACCOUNT, attachedByUs: true },
    { type: 'Custom', name: 'mine', scope: ACCOUNT, attachedByUs: false },
    { type: 'System', name: 'AliyunLogReadOnlyAccess', scope: RG, attachedByUs: false },
  ],
  customPolicies: {
    mine: { name: 'mine', defaultVersion: 'v1', document: OLD, versions: [], description: '', createdByUs: true },
    team: { name: 'team', defaultVersion: 'v3', document: OLD, versions: [], description: '', createdByUs: false },
  },
  systemPolicies: { aliyunossfullaccess: 'AliyunOSSFullAccess' },
  functions: [],
};

test('declared policies (documents from s.yaml first), plus attachments others made; ours no longer declared are gone', () => {
  expect(plannedAttachments(desired, observed)).toEqual([
    { type: 'System', name: 'AliyunOSSFullAccess', scope: ACCOUNT },
    { type: 'Custom', name: 'mine', scope: ACCOUNT, document: DOC },
    { type: 'Custom', name: 'MINE', scope: RG, document: DOC },
    { type: 'Custom', name: 'team', scope: ACCOUNT, document: OLD },
    { type: 'System', name: 'AliyunLogReadOnlyAccess', scope: RG },
  ]);
});
