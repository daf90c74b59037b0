/** Least-privilege lint: one table of findings per rule, and the suggested policy as s.yaml text. */
import { load } from 'js-yaml';
import type { DesiredPolicy, DesiredState, PolicyDocument, PolicyStatement } from '../../src/model';
import { trustPolicyForServices } from '../../src/policy';
import type { HeldPolicy } from '../../src/policy/evaluate';
import { lintCustomPolicies, lintExpectations, lintFullAccess, lintPermissions, NEAR_LIMIT } from '../../src/policy/lint';
import { lintTrust } from '../../src/policy/lint-trust';
import { evaluateScoped } from '../../src/policy/scoped';
import { statementsFor, suggestedPolicyName } from '../../src/policy/suggest';

const ACCOUNT_ID = '1234567890123456';
const custom = (...Statement: PolicyStatement[]): DesiredPolicy => ({
  type: 'Custom',
  name: 'mine',
  scope: { kind: 'account' },
  document: { Version: '1', Statement },
  description: '',
});
const desired = (overrides: Partial<DesiredState> = {}): DesiredState => ({
  role: { name: 'fc-oss-writer', trustPolicy: trustPolicyForServices(['fc.aliyuncs.com']) },
  policies: [],
  functions: [{ name: 'oss-writer', region: 'cn-hangzhou' }],
  serviceLinkedRole: false,
  ...overrides,
});

describe('custom policies defined in s.yaml', () => {
  test.each<[string, PolicyStatement, string[]]>([
    ['exact action and resource: nothing', { Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] }, []],
    ['a Deny with wildcards: nothing', { Effect: 'Deny', Action: ['oss:*'], Resource: ['*'] }, []],
    ['service wildcard', { Effect: 'Allow', Action: ['oss:*'], Resource: ['acs:oss:*:*:my-bucket/*'] }, ['WildcardAction']],
    ['partial wildcard', { Effect: 'Allow', Action: ['oss:Put*'], Resource: ['acs:oss:*:*:my-bucket/*'] }, ['WildcardAction']],
    ['every resource', { Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['*'] }, ['WildcardResource']],
    ['every resource of the service', { Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:*'] }, ['WildcardResource']],
    ['NotAction', { Effect: 'Allow', NotAction: ['oss:Delete*'], Resource: ['acs:oss:*:*:b/*'] }, ['WildcardAction']],
    ['NotResource', { Effect: 'Allow', Action: ['oss:GetObject'], NotResource: ['acs:oss:*:*:b/*'] }, ['WildcardResource']],
    ['unknown service', { Effect: 'Allow', Action: ['osss:PutObject'], Resource: ['acs:oss:*:*:b/*'] }, ['UnknownService']],
    ['unknown operator', { Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:b/*'], Condition: { stringequals: { 'acs:SourceIp': ['1.2.3.4'] } } }, ['UnknownConditionOperator']],
  ])('%s', (_name, statement, codes) => {
    const findings = lintCustomPolicies([custom(statement)]);
    expect(findings.map((f) => f.code)).toEqual(codes);
    for (const f of findings) expect(f).toMatchObject({ path: 'props.policies[0]', message: expect.stringContaining('custom policy mine statement 1') });
  });

  test('unknown service and operator findings suggest the nearest name', () => {
    const [service] = lintCustomPolicies([custom({ Effect: 'Allow', Action: ['osss:PutObject'], Resource: ['acs:oss:*:*:b/*'] })]);
    expect(service.message).toContain('did you mean "oss"?');
    const [operator] = lintCustomPolicies([custom({ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:b/*'], Condition: { stringequals: { k: ['v'] } } })]);
    expect(operator.message).toContain('did you mean StringEquals?');
  });

  test('a document near RAM\'s 6,144 characters', () => {
    const resources = Array.from({ length: 300 }, (_, i) => `acs:oss:*:*:bucket-${String(i).padStart(3, '0')}/x`);
    // Each resource adds 27 characters ("...", ) to the serialized document.
    const near = custom({ Effect: 'Allow', Action: ['oss:PutObject'], Resource: resources.slice(0, Math.ceil(NEAR_LIMIT / 27) + 1) });
    expect(lintCustomPolicies([near]).map((f) => f.code)).toEqual(['NearSizeLimit']);
    expect(lintCustomPolicies([near])[0].message).toMatch(/is \d+ characters, near RAM's limit of 6144/);
    const small = custom({ Effect: 'Allow', Action: ['oss:PutObject'], Resource: resources.slice(0, 10) });
    expect(lintCustomPolicies([small])).toEqual([]);
  });

  test('system policies and policies without a document are not linted here', () => {
    expect(lintCustomPolicies([{ type: 'System', name: 'AliyunOSSFullAccess', scope: { kind: 'account' } }])).toEqual([]);
  });
});

test('expectations with an unknown service prefix', () => {
  expect(lintExpectations([{ action: 'osss:PutObject', resource: '*', path: 'props.expect[1]' }])).toEqual([
    expect.objectContaining({ code: 'UnknownService', path: 'props.expect[1]' }),
  ]);
  expect(lintExpectations([{ action: 'log:PostLogStoreLogs', resource: '*', path: 'props.expect[0]' }])).toEqual([]);
});

describe('full-access system policies where expect needs less', () => {
  const full: HeldPolicy = {
    type: 'System',
    name: 'AliyunOSSFullAccess',
    scope: { kind: 'account' },
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:*'], Resource: ['*'] }] },
  };
  const needs = [
    { action: 'oss:PutObject', resource: 'acs:oss:*:*:my-bucket/*' },
    { action: 'oss:GetObject', resource: 'acs:oss:*:*:my-bucket/*' },
    { action: 'oss:ListObjects', resource: 'acs:oss:*:*:my-bucket' },
  ];
  const results = (policies: HeldPolicy[]) => needs.map((need) => ({ need, verdict: evaluateScoped(policies, need) }));

  test('names the policy and suggests a custom policy granting exactly the expectations, as s.yaml to paste', () => {
    const [finding] = lintFullAccess('fc-oss-writer', [full], results([full]));
    expect(finding).toMatchObject({ code: 'FullAccessPolicy', message: expect.stringContaining('AliyunOSSFullAccess grants oss:* on every resource') });
    expect(finding.message).toContain("Replace AliyunOSSFullAccess in props.policies");
    const pasted = load((finding.detail ?? []).join('\n')) as { policies: Array<{ name: string; statements: PolicyDocument['Statement'] }> };
    expect(pasted.policies).toEqual([
      {
        name: 'fc-oss-writer-needs',
        statements: [
          { Effect: 'Allow', Action: ['oss:GetObject', 'oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] },
          { Effect: 'Allow', Action: ['oss:ListObjects'], Resource: ['acs:oss:*:*:my-bucket'] },
        ],
      },
    ]);
  });

  test('nothing when the full-access policy serves no expectation, or there is none', () => {
    const log: HeldPolicy = { ...full, name: 'AliyunLogFullAccess', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['log:*'], Resource: ['*'] }] } };
    expect(lintFullAccess('r', [log], results([log]))).toEqual([]);
    expect(lintFullAccess('r', [full], [])).toEqual([]);
  });

  test('custom policies are not full-access findings (their wildcards are linted as such)', () => {
    const mine = { ...full, type: 'Custom' as const, name: 'mine' };
    expect(lintFullAccess('r', [mine], results([mine]))).toEqual([]);
  });

  test('statementsFor groups actions by resources; suggested names avoid the Aliyun prefix and odd characters', () => {
    expect(statementsFor([{ action: 'oss:PutObject', resource: 'a' }, { action: 'oss:PutObject', resource: 'b' }])).toEqual([
      { Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['a', 'b'] },
    ]);
    expect(suggestedPolicyName('my.role@x')).toBe('my-role-x-needs');
    expect(suggestedPolicyName('AliyunRole')).toBe('x-AliyunRole-needs');
  });
});

describe('trust policy', () => {
  const trust = (Principal: Record<string, string[]>, Condition?: PolicyStatement['Condition']): DesiredState['role'] => ({
    name: 'r',
    trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal, ...(Condition ? { Condition } : {}) }] },
  });
  test.each<[string, DesiredState['role'], string[]]>([
    ['FC only: nothing', trust({ Service: ['fc.aliyuncs.com'] }), []],
    ['functions declared but FC not trusted', trust({ Service: ['ecs.aliyuncs.com'] }), ['TrustMissingFc']],
    ['any account', trust({ Service: ['fc.aliyuncs.com'], RAM: ['acs:ram::*:root'] }), ['TrustAnyAccount']],
    ['another account', trust({ Service: ['fc.aliyuncs.com'], RAM: ['acs:ram::999:root'] }), ['TrustOtherAccount']],
    ['the whole own account without condition', trust({ Service: ['fc.aliyuncs.com'], RAM: [`acs:ram::${ACCOUNT_ID}:root`] }), ['TrustWholeAccount']],
    ['a named role of the own account', trust({ Service: ['fc.aliyuncs.com'], RAM: [`acs:ram::${ACCOUNT_ID}:role/deployer`] }), []],
    ['an identity provider without condition', trust({ Service: ['fc.aliyuncs.com'], Federated: ['acs:ram::1:saml-provider/idp'] }), ['TrustFederatedWithoutCondition']],
    ['an identity provider with a condition', trust({ Service: ['fc.aliyuncs.com'], Federated: ['acs:ram::1:saml-provider/idp'] }, { StringEquals: { 'saml:recipient': ['x'] } }), []],
  ])('%s', (_name, role, codes) => {
    expect(lintTrust(desired({ role }), ACCOUNT_ID).map((f) => f.code)).toEqual(codes);
  });

  test('without functions, a role that does not trust FC is not a finding', () => {
    expect(lintTrust(desired({ role: trust({ Service: ['ecs.aliyuncs.com'] }), functions: [] }), ACCOUNT_ID)).toEqual([]);
  });
});

test('lintPermissions: every rule, in s.yaml order', () => {
  const findings = lintPermissions({
    desired: desired({ policies: [custom({ Effect: 'Allow', Action: ['oss:*'], Resource: ['*'] })] }),
    accountId: ACCOUNT_ID,
    needs: [{ action: 'osss:PutObject', resource: '*', path: 'props.expect[0]' }],
  });
  expect(findings.map((f) => f.code)).toEqual(['WildcardAction', 'WildcardResource', 'UnknownService']);
});
