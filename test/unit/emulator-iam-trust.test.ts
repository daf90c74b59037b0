import { trustAllows, type TrustPrincipal } from '../../emulator/iam/trust';
import { findSystemPolicy, listSystemPolicies } from '../../emulator/iam/catalog';

const trust = (...statements: object[]): string => JSON.stringify({ Version: '1', Statement: statements });
const assume = (principal: object, effect = 'Allow', extra: object = {}) => ({ Effect: effect, Action: 'sts:AssumeRole', Principal: principal, ...extra });

const FC: TrustPrincipal = { service: 'fc.aliyuncs.com' };
const USER: TrustPrincipal = { ramArn: 'acs:ram::1234567890123456:user/alice', accountId: '1234567890123456' };
const OTHER_ACCOUNT_USER: TrustPrincipal = { ramArn: 'acs:ram::999:user/alice' };

describe('trustAllows', () => {
  const cases: Array<[string, string, TrustPrincipal, boolean]> = [
    ['service in a list', trust(assume({ Service: ['fc.aliyuncs.com'] })), FC, true],
    ['service as a string', trust(assume({ Service: 'fc.aliyuncs.com' })), FC, true],
    ['service is case-insensitive', trust(assume({ Service: ['FC.Aliyuncs.com'] })), FC, true],
    ['other service', trust(assume({ Service: ['ecs.aliyuncs.com'] })), FC, false],
    ['action wildcard', trust({ Effect: 'Allow', Action: 'sts:*', Principal: { Service: 'fc.aliyuncs.com' } }), FC, true],
    ['other action', trust({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Principal: { Service: 'fc.aliyuncs.com' } }), FC, false],
    ['account root admits its users', trust(assume({ RAM: ['acs:ram::1234567890123456:root'] })), USER, true],
    ['account root from ARN only', trust(assume({ RAM: 'acs:ram::999:root' })), OTHER_ACCOUNT_USER, true],
    ['account root of another account', trust(assume({ RAM: ['acs:ram::1234567890123456:root'] })), OTHER_ACCOUNT_USER, false],
    ['exact ARN', trust(assume({ RAM: ['acs:ram::1234567890123456:user/alice'] })), USER, true],
    ['exact ARN, other user', trust(assume({ RAM: ['acs:ram::1234567890123456:user/bob'] })), USER, false],
    ['service principal does not admit RAM callers', trust(assume({ Service: 'fc.aliyuncs.com' })), USER, false],
    ['deny wins', trust(assume({ Service: 'fc.aliyuncs.com' }), assume({ Service: 'fc.aliyuncs.com' }, 'Deny')), FC, false],
    ['deny for another principal does not apply', trust(assume({ Service: 'fc.aliyuncs.com' }), assume({ Service: 'ecs.aliyuncs.com' }, 'Deny')), FC, true],
    ['no Principal', trust({ Effect: 'Allow', Action: 'sts:AssumeRole' }), FC, false],
    ['not JSON', '{', FC, false],
  ];
  test.each(cases)('%s', (_name, document, principal, expected) => {
    expect(trustAllows(document, principal)).toBe(expected);
  });

  test('conditions are evaluated against the context', () => {
    const document = trust(assume({ RAM: 'acs:ram::1234567890123456:root' }, 'Allow', { Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } }));
    expect(trustAllows(document, USER)).toBe(false);
    expect(trustAllows(document, USER, { 'sts:ExternalId': 'abc' })).toBe(true);
    expect(trustAllows(document, USER, { 'sts:ExternalId': undefined })).toBe(false);
  });
});

describe('system policy catalog', () => {
  test('lookup is case-insensitive and answers the catalog casing', () => {
    expect(findSystemPolicy('aliyunossfullaccess')?.name).toBe('AliyunOSSFullAccess');
    expect(findSystemPolicy('AliyunOssFullAccess')?.name).toBe('AliyunOSSFullAccess');
    expect(findSystemPolicy('NoSuchPolicy')).toBeUndefined();
  });

  test('holds the FC service-role policy and keeps provenance', () => {
    const policy = findSystemPolicy('AliyunServiceRolePolicyForFC');
    expect(policy).toBeDefined();
    expect(JSON.parse(policy?.document ?? '{}').Version).toBe('1');
    for (const entry of listSystemPolicies()) {
      expect(entry.source).not.toBe('');
      expect(entry.confidence).not.toBe('');
    }
  });
});
