import { evaluate, wildcardMatch, type AuthRequest, type Decision } from '../../emulator/iam/evaluate';

const doc = (...statements: object[]): string => JSON.stringify({ Version: '1', Statement: statements });
const allow = (action: unknown, resource: unknown = '*', extra: object = {}) => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: unknown, resource: unknown = '*', extra: object = {}) => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });

const ROLE = 'acs:ram:*:1234567890123456:role/My-Role';

describe('wildcardMatch', () => {
  test.each([
    ['ram:*', 'ram:CreateRole', true, true],
    ['ram:Get*', 'ram:GetRole', true, true],
    ['ram:Get*', 'ram:ListRoles', true, false],
    ['ram:?etRole', 'ram:GetRole', true, true],
    ['ram:?etRole', 'ram:GGetRole', true, false],
    ['RAM:getrole', 'ram:GetRole', true, true],
    ['acs:ram:*:*:role/my-role', ROLE, false, false],
    ['acs:ram:*:*:role/My-*', ROLE, false, true],
    ['acs:ram:*:*:role/a.b', 'acs:ram:*:*:role/aXb', false, false],
    ['*', '', false, true],
  ])('%s vs %s (ignoreCase %s) -> %s', (pattern, value, ignoreCase, expected) => {
    expect(wildcardMatch(pattern, value, ignoreCase)).toBe(expected);
  });
});

describe('evaluate', () => {
  const request: AuthRequest = { action: 'ram:GetRole', resource: ROLE };
  const cases: Array<[string, string[], AuthRequest, Decision]> = [
    ['no documents: implicit deny', [], request, 'ImplicitDeny'],
    ['allow all', [doc(allow('*'))], request, 'Allow'],
    ['allow by service wildcard', [doc(allow('ram:*'))], request, 'Allow'],
    ['action is case-insensitive', [doc(allow('RAM:getROLE'))], request, 'Allow'],
    ['action list', [doc(allow(['oss:*', 'ram:Get*']))], request, 'Allow'],
    ['other service only', [doc(allow('oss:*'))], request, 'ImplicitDeny'],
    ['resource matches by wildcard', [doc(allow('ram:GetRole', 'acs:ram:*:*:role/My-*'))], request, 'Allow'],
    ['resource is case-sensitive', [doc(allow('ram:GetRole', 'acs:ram:*:*:role/my-role'))], request, 'ImplicitDeny'],
    ['resource list', [doc(allow('ram:GetRole', ['acs:ram:*:*:policy/*', ROLE]))], request, 'Allow'],
    ['explicit deny beats allow (same doc)', [doc(allow('*'), deny('ram:GetRole'))], request, 'ExplicitDeny'],
    ['explicit deny beats allow (other doc)', [doc(allow('*')), doc(deny('ram:*'))], request, 'ExplicitDeny'],
    ['deny of another action does not apply', [doc(allow('*'), deny('ram:DeleteRole'))], request, 'Allow'],
    ['NotAction allows the rest', [doc({ Effect: 'Allow', NotAction: 'ram:Delete*', Resource: '*' })], request, 'Allow'],
    ['NotAction excludes', [doc({ Effect: 'Allow', NotAction: 'ram:Get*', Resource: '*' })], request, 'ImplicitDeny'],
    ['NotResource', [doc({ Effect: 'Allow', Action: '*', NotResource: 'acs:ram:*:*:policy/*' })], request, 'Allow'],
    ['NotResource excludes', [doc({ Effect: 'Allow', Action: '*', NotResource: 'acs:ram:*:*:role/*' })], request, 'ImplicitDeny'],
    ['deny with NotAction', [doc(allow('*'), { Effect: 'Deny', NotAction: 'oss:*', Resource: '*' })], request, 'ExplicitDeny'],
    ['unparsable document is ignored', ['{not json', doc(allow('ram:GetRole'))], request, 'Allow'],
    ['statement without resource never matches', [doc({ Effect: 'Allow', Action: '*' })], request, 'ImplicitDeny'],
  ];
  test.each(cases)('%s', (_name, documents, req, expected) => {
    expect(evaluate(documents, req)).toBe(expected);
  });
});

describe('evaluate: conditions', () => {
  const create = (context?: Record<string, string | string[]>): AuthRequest => ({
    action: 'ram:CreateServiceLinkedRole',
    resource: '*',
    context,
  });
  const withCondition = (condition: object) => [doc(allow('ram:CreateServiceLinkedRole', '*', { Condition: condition }))];
  const cases: Array<[string, object, Record<string, string | string[]> | undefined, Decision]> = [
    ['StringEquals holds', { StringEquals: { 'ram:ServiceName': ['fc.aliyuncs.com', 'x'] } }, { 'ram:ServiceName': 'fc.aliyuncs.com' }, 'Allow'],
    ['StringEquals fails', { StringEquals: { 'ram:ServiceName': 'log.aliyuncs.com' } }, { 'ram:ServiceName': 'fc.aliyuncs.com' }, 'ImplicitDeny'],
    ['StringEquals is case-sensitive', { StringEquals: { 'ram:ServiceName': 'FC.aliyuncs.com' } }, { 'ram:ServiceName': 'fc.aliyuncs.com' }, 'ImplicitDeny'],
    ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'ram:ServiceName': 'FC.aliyuncs.com' } }, { 'ram:ServiceName': 'fc.aliyuncs.com' }, 'Allow'],
    ['condition key is case-insensitive', { StringEquals: { 'RAM:servicename': 'fc.aliyuncs.com' } }, { 'ram:ServiceName': 'fc.aliyuncs.com' }, 'Allow'],
    ['missing context key fails', { StringEquals: { 'ram:ServiceName': 'fc.aliyuncs.com' } }, undefined, 'ImplicitDeny'],
    ['missing key fails StringNotEquals too', { StringNotEquals: { 'ram:ServiceName': 'x' } }, {}, 'ImplicitDeny'],
    ['StringNotEquals holds', { StringNotEquals: { 'ram:ServiceName': 'log.aliyuncs.com' } }, { 'ram:ServiceName': 'fc.aliyuncs.com' }, 'Allow'],
    ['StringNotEquals fails', { StringNotEquals: { 'ram:ServiceName': 'fc.aliyuncs.com' } }, { 'ram:ServiceName': 'fc.aliyuncs.com' }, 'ImplicitDeny'],
    ['StringLike holds', { StringLike: { 'ram:ServiceName': '*.aliyuncs.com' } }, { 'ram:ServiceName': 'fc.aliyuncs.com' }, 'Allow'],
    ['StringLike fails', { StringLike: { 'ram:ServiceName': 'log.*' } }, { 'ram:ServiceName': 'fc.aliyuncs.com' }, 'ImplicitDeny'],
    ['multi-valued context: any value', { StringEquals: { 'acs:Tag': 'b' } }, { 'acs:Tag': ['a', 'b'] }, 'Allow'],
    ['all operators must hold', { StringEquals: { a: '1' }, StringLike: { b: 'x*' } }, { a: '1', b: 'y' }, 'ImplicitDeny'],
    ['an undocumented operator never holds', { StringMatches: { a: '1' } }, { a: '1' }, 'ImplicitDeny'],
    ['NumericEquals is a documented operator', { NumericEquals: { a: '1' } }, { a: '1.0' }, 'Allow'],
  ];
  test.each(cases)('%s', (_name, condition, context, expected) => {
    expect(evaluate(withCondition(condition), create(context))).toBe(expected);
  });

  test('a Deny with a failing condition does not apply', () => {
    const documents = [doc(allow('*'), deny('*', '*', { Condition: { StringEquals: { a: '1' } } }))];
    expect(evaluate(documents, { action: 'ram:GetRole', resource: ROLE, context: { a: '2' } })).toBe('Allow');
    expect(evaluate(documents, { action: 'ram:GetRole', resource: ROLE, context: { a: '1' } })).toBe('ExplicitDeny');
  });
});
