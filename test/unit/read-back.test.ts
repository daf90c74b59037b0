/** What deploy's read-back re-reads after each kind of change (pure). */
import { touchedByChanges } from '../../src/apply/read-back';

const ACCOUNT = { kind: 'account' } as const;

test('nothing changed: nothing to read', () => {
  expect(touchedByChanges([])).toEqual({ role: false, customPolicies: [], functions: [], serviceLinkedRole: false });
});

test('a policy version or description: that policy only, not the role', () => {
  const touched = touchedByChanges([
    { kind: 'createPolicyVersion', name: 'p1', document: { Version: '1', Statement: [] } },
    { kind: 'updatePolicyDescription', name: 'p2', description: 'd' },
  ]);
  expect(touched).toEqual({ role: false, customPolicies: ['p1', 'p2'], functions: [], serviceLinkedRole: false });
});

test('an attachment or a function role: the role (its grants and marks), and that function', () => {
  const touched = touchedByChanges([
    { kind: 'attachPolicy', policyType: 'System', policyName: 'AliyunOSSReadOnlyAccess', scope: ACCOUNT },
    { kind: 'setFunctionRole', functionName: 'f1', region: 'cn-shanghai', from: '', to: 'acs:ram::1:role/r' },
    { kind: 'recordFunctions', value: 'e1:x', functions: 1 },
  ]);
  expect(touched).toEqual({ role: true, customPolicies: [], functions: [{ region: 'cn-shanghai', name: 'f1' }], serviceLinkedRole: false });
});

test("a new custom policy is read back; FC's service-linked role when it was created", () => {
  const touched = touchedByChanges([
    { kind: 'createPolicy', name: 'p1', document: { Version: '1', Statement: [] } },
    { kind: 'createServiceLinkedRole' },
  ]);
  expect(touched).toEqual({ role: false, customPolicies: ['p1'], functions: [], serviceLinkedRole: true });
});
