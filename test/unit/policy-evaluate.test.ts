/**
 * The component's evaluator beyond the shared table: wildcard patterns as sets of resources (expectations),
 * conditions reported rather than guessed, and the scope of each grant (account or resource group).
 */
import type { PolicyDocument, Scope } from '../../src/model';
import { patternCovers, patternsOverlap, resourceCovers, resourcesOverlap, wildcardMatch } from '../../src/policy/match';
import { evaluatePolicies, type Decision, type HeldPolicy } from '../../src/policy/evaluate';
import { evaluateScoped, type Outcome } from '../../src/policy/scoped';

describe('patterns', () => {
  test.each([
    ['oss:Put*', 'oss:putobject', true, true],
    ['oss:Put*', 'oss:PutObject', false, true],
    ['oss:?utObject', 'oss:PutObject', false, true],
    ['oss:?utObject', 'oss:utObject', false, false],
    ['a*b*c', 'abbbc', false, true],
    ['a*b*c', 'acb', false, false],
  ])('wildcardMatch(%s, %s, ignoreCase %s) = %s', (pattern, text, ignoreCase, expected) => {
    expect(wildcardMatch(pattern, text, ignoreCase)).toBe(expected);
  });

  test.each([
    ['*', 'acs:oss:*:*:my-bucket/*', true],
    ['acs:oss:*:*:my-bucket/*', 'acs:oss:*:*:my-bucket/*', true],
    ['acs:oss:*:*:my-bucket/*', 'acs:oss:*:*:my-bucket/uploads/*', true],
    ['acs:oss:*:*:my-bucket/uploads/*', 'acs:oss:*:*:my-bucket/*', false],
    ['acs:oss:*:*:my-bucket/?', 'acs:oss:*:*:my-bucket/*', false],
    ['acs:oss:*:*:my-bucket/*?', 'acs:oss:*:*:my-bucket/?*', true],
    ['acs:oss:cn-hangzhou:*:b/*', 'acs:oss:*:*:b/*', false],
    ['acs:oss:*:*:b/x', 'acs:oss:*:*:b/x', true],
  ])('patternCovers(%s, %s) = %s', (outer, inner, expected) => {
    expect(patternCovers(outer, inner, false)).toBe(expected);
  });

  test.each([
    ['acs:oss:*:*:my-bucket/secret/*', 'acs:oss:*:*:my-bucket/*', true],
    ['acs:oss:*:*:*.log', 'acs:oss:*:*:my-bucket/*', true],
    ['a?c', 'ab*', true],
    ['a?c', 'abcd*', false],
    ['*x', 'y*', true],
  ])('patternsOverlap(%s, %s) = %s', (a, b, expected) => {
    expect(patternsOverlap(a, b, false)).toBe(expected);
    expect(patternsOverlap(b, a, false)).toBe(expected);
  });
});

const ACCOUNT: Scope = { kind: 'account' };
const inGroup = (id: string): Scope => ({ kind: 'resourceGroup', resourceGroupId: id });

function policy(name: string, statements: PolicyDocument['Statement'], scope: Scope = ACCOUNT): HeldPolicy {
  return { type: 'Custom', name, scope, document: { Version: '1', Statement: statements } };
}
const allow = (Action: string[], Resource: string[], extra: object = {}) => ({ Effect: 'Allow' as const, Action, Resource, ...extra });
const deny = (Action: string[], Resource: string[], extra: object = {}) => ({ Effect: 'Deny' as const, Action, Resource, ...extra });

const PUT = { action: 'oss:PutObject', resource: 'acs:oss:*:*:my-bucket/*' };
const SECURE = { Condition: { Bool: { 'acs:SecureTransport': ['true'] } } };

describe('resource patterns: a wildcard stays inside its part of the ARN', () => {
  test('as plain patterns, * spans the colons; between ARNs it does not', () => {
    expect(patternsOverlap('acs:oss:*:*:other/*', 'acs:oss:*:*:my-bucket/*', false)).toBe(true);
    expect(resourcesOverlap('acs:oss:*:*:other/*', 'acs:oss:*:*:my-bucket/*')).toBe(false);
    expect(resourcesOverlap('acs:oss:*:*:my-bucket/a:b/*', 'acs:oss:*:*:my-bucket/*')).toBe(true);
    expect(resourceCovers('acs:oss:*:*:*', 'acs:oss:*:*:my-bucket/a:b')).toBe(true);
    expect(resourceCovers('acs:oss:*', 'acs:oss:cn-hangzhou:123:my-bucket/x')).toBe(true);
    expect(resourceCovers('acs:oss:*:123:*', 'acs:oss:*:*:my-bucket/*')).toBe(false);
  });
});

describe('evaluatePolicies: an expectation stands for every resource its pattern matches', () => {
  const cases: Array<[string, HeldPolicy[], Decision, object]> = [
    ['an Allow on the same pattern covers it', [policy('p', [allow(['oss:PutObject'], ['acs:oss:*:*:my-bucket/*'])])], 'Allow', {}],
    ['an Allow on a wider pattern covers it', [policy('p', [allow(['oss:*'], ['*'])])], 'Allow', {}],
    [
      'an Allow on part of it does not, and is named as coming close',
      [policy('p', [allow(['oss:PutObject'], ['acs:oss:*:*:my-bucket/uploads/*'])])],
      'ImplicitDeny',
      { partlyAllowedBy: [expect.objectContaining({ policyName: 'p', statement: 1 })] },
    ],
    [
      'a Deny on part of it denies it (partially)',
      [policy('p', [allow(['*'], ['*']), deny(['oss:PutObject'], ['acs:oss:*:*:my-bucket/secret/*'])])],
      'ExplicitDeny',
      { partial: true, deniedBy: [expect.objectContaining({ statement: 2, effect: 'Deny' })] },
    ],
    [
      'an Allow under a condition depends on its key',
      [policy('p', [allow(['oss:PutObject'], ['*'], SECURE)])],
      'Conditional',
      { conditionKeys: ['acs:SecureTransport'] },
    ],
    [
      'a Deny under a condition makes an Allow depend on its key',
      [policy('p', [allow(['oss:*'], ['*']), deny(['*'], ['*'], { Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } })])],
      'Conditional',
      { conditionKeys: ['acs:SourceIp'], deniedBy: [expect.objectContaining({ statement: 2 })] },
    ],
    [
      'Allow NotResource that excludes part of it covers only part',
      [policy('p', [{ Effect: 'Allow', Action: ['oss:*'], NotResource: ['acs:oss:*:*:my-bucket/private/*'] }])],
      'ImplicitDeny',
      { partlyAllowedBy: [expect.objectContaining({ statement: 1 })] },
    ],
    [
      'Allow NotResource of another bucket covers it',
      [policy('p', [{ Effect: 'Allow', Action: ['oss:*'], NotResource: ['acs:oss:*:*:other/*'] }])],
      'Allow',
      {},
    ],
    ['Allow NotAction of the action does not', [policy('p', [{ Effect: 'Allow', NotAction: ['oss:Put*'], Resource: ['*'] }])], 'ImplicitDeny', {}],
    [
      'an explicit Deny of all of it beats every Allow and is named',
      [policy('a', [allow(['*'], ['*'])]), policy('d', [deny(['oss:*'], ['acs:oss:*:*:my-bucket/*'])])],
      'ExplicitDeny',
      { deniedBy: [expect.objectContaining({ policyName: 'd', statement: 1 })], allowedBy: [expect.objectContaining({ policyName: 'a' })] },
    ],
  ];
  test.each(cases)('%s', (_name, policies, decision, fields) => {
    const evaluation = evaluatePolicies(policies, PUT);
    expect(evaluation).toMatchObject({ decision, ...fields });
    if (decision !== 'ExplicitDeny') expect(evaluation.partial).toBeUndefined();
  });

  test('with a context, conditions are evaluated, not reported', () => {
    const policies = [policy('p', [allow(['oss:PutObject'], ['*'], SECURE)])];
    expect(evaluatePolicies(policies, { ...PUT, context: { 'acs:SecureTransport': 'true' } }).decision).toBe('Allow');
    expect(evaluatePolicies(policies, { ...PUT, context: {} }).decision).toBe('ImplicitDeny');
  });

  test('a concrete resource matches * and ? in it as plain characters', () => {
    const policies = [policy('p', [allow(['oss:GetObject'], ['acs:oss:*:*:b/?'])])];
    expect(evaluatePolicies(policies, { action: 'oss:GetObject', resource: 'acs:oss:*:*:b/*', concrete: true }).decision).toBe('Allow');
    expect(evaluatePolicies(policies, { action: 'oss:GetObject', resource: 'acs:oss:*:*:b/*' }).decision).toBe('ImplicitDeny');
  });
});

describe('evaluateScoped: account scope applies everywhere, a resource group only to its resources', () => {
  const full = (scope: Scope) => policy('AliyunOSSFullAccess', [allow(['oss:*'], ['*'])], scope);
  const cases: Array<[string, HeldPolicy[], Outcome, string[]]> = [
    ['account scope: allowed', [full(ACCOUNT)], 'allowed', []],
    ['only in a resource group: allowed only there', [full(inGroup('rg-a'))], 'allowedInResourceGroups', ['rg-a']],
    ['in two groups: allowed in both', [full(inGroup('rg-b')), full(inGroup('rg-a'))], 'allowedInResourceGroups', ['rg-a', 'rg-b']],
    ['nothing: denied', [], 'denied', []],
    ['an account-scope Deny reaches every group', [full(inGroup('rg-a')), policy('d', [deny(['oss:*'], ['*'])])], 'denied', []],
    ['a Deny in a group leaves the account-scope Allow', [full(ACCOUNT), policy('d', [deny(['oss:*'], ['*'])], inGroup('rg-a'))], 'allowed', []],
    ['an Allow under a condition: conditional', [policy('c', [allow(['oss:*'], ['*'], SECURE)])], 'conditional', []],
  ];
  test.each(cases)('%s', (_name, policies, outcome, groups) => {
    const verdict = evaluateScoped(policies, PUT);
    expect({ outcome: verdict.outcome, groups: verdict.groups }).toEqual({ outcome, groups });
  });

  test('each group is evaluated with the account-scope grants', () => {
    const verdict = evaluateScoped([full(ACCOUNT), policy('d', [deny(['oss:*'], ['*'])], inGroup('rg-a'))], PUT);
    expect(verdict.inGroups).toEqual([{ resourceGroupId: 'rg-a', evaluation: expect.objectContaining({ decision: 'ExplicitDeny' }) }]);
  });
});
