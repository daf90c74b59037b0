import {
  findDocumentProblem,
  parseTags,
  parseVersionId,
  validateDocument,
  validateMaxSessionDuration,
  validatePolicyName,
  validateRoleName,
} from '../../emulator/ram/validate';
import { apiErrorCodeOf } from '../helpers/errors';

describe('names', () => {
  test.each([
    ['My-Role.1', undefined],
    ['svc@fc', '400 InvalidParameter.RoleName.InvalidChars'],
    ['a'.repeat(64), undefined],
    ['', '400 InvalidParameter.RoleName.Length'],
    ['a'.repeat(65), '400 InvalidParameter.RoleName.Length'],
    ['has space', '400 InvalidParameter.RoleName.InvalidChars'],
    ['under_score', '400 InvalidParameter.RoleName.InvalidChars'],
  ])('role name %j -> %s', (name, expected) => {
    expect(apiErrorCodeOf(() => validateRoleName(name))).toBe(expected);
  });

  test.each([
    ['Policy-1', undefined],
    ['a'.repeat(128), undefined],
    ['', '400 InvalidParameter.PolicyName.Length'],
    ['a'.repeat(129), '400 InvalidParameter.PolicyName.Length'],
    ['dot.name', '400 InvalidParameter.PolicyName.InvalidChars'],
  ])('policy name %j -> %s', (name, expected) => {
    expect(apiErrorCodeOf(() => validatePolicyName(name))).toBe(expected);
  });
});

describe('numbers and ids', () => {
  test.each([
    [3600, undefined],
    [43200, undefined],
    [3599, '400 InvalidParameter.MaxSessionDuration'],
    [43201, '400 InvalidParameter.MaxSessionDuration'],
  ])('MaxSessionDuration %d -> %s', (value, expected) => {
    expect(apiErrorCodeOf(() => validateMaxSessionDuration(value, 'MaxSessionDuration'))).toBe(expected);
  });

  test('version ids', () => {
    expect(parseVersionId('v12')).toBe(12);
    expect(apiErrorCodeOf(() => parseVersionId('v0'))).toBe('400 InvalidParameter.VersionId.Format');
    expect(apiErrorCodeOf(() => parseVersionId('1'))).toBe('400 InvalidParameter.VersionId.Format');
  });
});

describe('tags', () => {
  test('parses keys and values', () => {
    expect(parseTags('[{"Key":"owner","Value":"fc3-role"},{"Key":"empty"}]')).toEqual([
      { key: 'owner', value: 'fc3-role' },
      { key: 'empty', value: '' },
    ]);
  });

  test.each([
    ['not json', '400 InvalidParameter.Tag'],
    ['{"Key":"a"}', '400 InvalidParameter.Tag'],
    ['[{"Value":"a"}]', '400 InvalidParameter.Tag'],
    ['[{"Key":""}]', '400 InvalidParameter.Tag.Key'],
    [JSON.stringify([{ Key: 'k'.repeat(129) }]), '400 InvalidParameter.Tag.Key'],
    ['[{"Key":"aliyun-x"}]', '400 InvalidParameter.Tag.Key'],
    ['[{"Key":"Aliyun"}]', '400 InvalidParameter.Tag.Key'],
    ['[{"Key":"acs:x"}]', '400 InvalidParameter.Tag.Key'],
    [JSON.stringify([{ Key: 'k', Value: 'v'.repeat(257) }]), '400 InvalidParameter.Tag.Value'],
    [JSON.stringify(Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}` }))), '400 InvalidParameter.Tag'],
  ])('%s -> %s', (json, expected) => {
    expect(apiErrorCodeOf(() => parseTags(json))).toBe(expected);
  });

  test('a 128-character key and a 256-character value are fine', () => {
    expect(apiErrorCodeOf(() => parseTags(JSON.stringify([{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }])))).toBeUndefined();
  });
});

describe('policy documents', () => {
  const identity = (statement: object): string => JSON.stringify({ Version: '1', Statement: [statement] });
  test.each([
    ['valid', identity({ Effect: 'Allow', Action: 'oss:*', Resource: '*' }), undefined],
    ['valid lists + condition', identity({ Effect: 'Deny', Action: ['a:b'], Resource: ['x'], Condition: { Bool: { 'acs:SecureTransport': 'false' } } }), undefined],
    ['not JSON', '{"Version":', /not valid JSON/],
    ['array', '[]', /JSON object/],
    ['bad version', JSON.stringify({ Version: '2012-10-17', Statement: [] }), /Version must be "1"/],
    ['numeric version', JSON.stringify({ Version: 1, Statement: [] }), /Version must be "1"/],
    ['no statement', JSON.stringify({ Version: '1' }), /Statement must be a non-empty array/],
    ['statement object', JSON.stringify({ Version: '1', Statement: { Effect: 'Allow' } }), /Statement must be a non-empty array/],
    ['bad effect', identity({ Effect: 'allow', Action: '*', Resource: '*' }), /Effect must be Allow or Deny/],
    ['no action', identity({ Effect: 'Allow', Resource: '*' }), /exactly one of Action and NotAction/],
    ['both actions', identity({ Effect: 'Allow', Action: '*', NotAction: 'x', Resource: '*' }), /exactly one of Action and NotAction/],
    ['empty action list', identity({ Effect: 'Allow', Action: [], Resource: '*' }), /non-empty/],
    ['no resource', identity({ Effect: 'Allow', Action: '*' }), /exactly one of Resource and NotResource/],
    ['numeric resource', identity({ Effect: 'Allow', Action: '*', Resource: 5 }), /Resource must be/],
    ['unknown element', identity({ Effect: 'Allow', Action: '*', Resource: '*', Principal: { Service: 'x' } }), /unknown element Principal/],
    ['bad condition', identity({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: 'x' } }), /Condition.StringEquals must be an object/],
  ])('identity: %s', (_name, text, expected) => {
    const problem = findDocumentProblem(text, 'identity');
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  const trustDoc = (statement: object): string => JSON.stringify({ Version: '1', Statement: [statement] });
  test.each([
    ['valid', trustDoc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['fc.aliyuncs.com'] } }), undefined],
    ['RAM principal', trustDoc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: 'acs:ram::1:root' } }), undefined],
    ['no principal', trustDoc({ Effect: 'Allow', Action: 'sts:AssumeRole' }), /Principal must be an object/],
    ['empty principal', trustDoc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: {} }), /must name/],
    ['unknown principal type', trustDoc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'x' } }), /not a known principal type/],
    ['resource not allowed', trustDoc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'x' }, Resource: '*' }), /unknown element Resource/],
  ])('trust: %s', (_name, text, expected) => {
    const problem = findDocumentProblem(text, 'trust');
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  test('length is checked before grammar, with the parameter in the code', () => {
    expect(apiErrorCodeOf(() => validateDocument('x'.repeat(6145), 'identity', 'PolicyDocument'))).toBe('400 InvalidParameter.PolicyDocument.Length');
    expect(apiErrorCodeOf(() => validateDocument('x'.repeat(2049), 'trust', 'NewAssumeRolePolicyDocument'))).toBe(
      '400 InvalidParameter.NewAssumeRolePolicyDocument.Length',
    );
    expect(apiErrorCodeOf(() => validateDocument('x', 'identity', 'PolicyDocument'))).toBe('400 MalformedPolicyDocument');
  });
});
