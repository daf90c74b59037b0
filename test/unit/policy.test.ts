import {
  parsePolicyDocument,
  normalizePolicyDocument,
  policyDocumentsEqual,
  serializePolicyDocument,
  summarizeDocumentChange,
  trustPolicyForServices,
} from '../../src/policy';
import type { PolicyDocument } from '../../src/model';

const writer = {
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: 'acs:oss:*:*:my-bucket/*' }],
};

function doc(input: unknown, kind: 'permission' | 'trust' = 'permission'): PolicyDocument {
  const { document, problems } = parsePolicyDocument(input, { kind });
  expect(problems).toEqual([]);
  if (!document) throw new Error('no document');
  return document;
}

describe('parsePolicyDocument', () => {
  it('accepts an object and normalizes strings to arrays', () => {
    expect(doc(writer)).toEqual({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] }],
    });
  });

  it('accepts the same document as JSON text, whitespace and all', () => {
    expect(doc(`\n  ${JSON.stringify(writer, null, 4)}  \n`)).toEqual(doc(writer));
  });

  it('accepts Version as the number 1', () => {
    expect(doc({ ...writer, Version: 1 }).Version).toBe('1');
  });

  it.each<[string, unknown, 'permission' | 'trust', string[]]>([
    ['bad JSON', '{"Version": "1",', 'permission', ['is not valid JSON']],
    ['not an object', 42, 'permission', ['must be an object']],
    ['wrong version', { ...writer, Version: '2012-10-17' }, 'permission', ['Version: must be "1"']],
    ['empty statement list', { Version: '1', Statement: [] }, 'permission', ['Statement: must be a non-empty list']],
    ['statement not a list', { Version: '1', Statement: writer.Statement[0] }, 'permission', ['Statement: must be a non-empty list']],
    ['unknown top-level key', { ...writer, Id: 'x' }, 'permission', ['Id: is not a known key']],
    ['bad effect', { Version: '1', Statement: [{ ...writer.Statement[0], Effect: 'allow' }] }, 'permission', ['Statement[0].Effect: must be "Allow" or "Deny"']],
    ['no action', { Version: '1', Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'permission', ['Statement[0].Action: is required (or NotAction)']],
    ['action and notaction', { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', NotAction: 'oss:*', Resource: '*' }] }, 'permission', ['Statement[0].NotAction: cannot be used together with Action']],
    ['action without service', { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:Get*', 'PutObject'], Resource: '*' }] }, 'permission', ['Statement[0].Action[1]: must look like "service:Action"']],
    ['no resource', { Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:*' }] }, 'permission', ['Statement[0].Resource: is required (or NotResource)']],
    ['empty resource list', { Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:*', Resource: [] }] }, 'permission', ['Statement[0].Resource: must be a non-empty string']],
    ['unknown statement key', { Version: '1', Statement: [{ ...writer.Statement[0], Sid: 'x' }] }, 'permission', ['Statement[0].Sid: is not a known key']],
    ['principal in a permission policy', { Version: '1', Statement: [{ ...writer.Statement[0], Principal: { Service: 'fc.aliyuncs.com' } }] }, 'permission', ['Statement[0].Principal: is only allowed in trust policies']],
    ['trust without principal', { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }, 'trust', ['Statement[0].Principal: is required']],
    ['trust with unknown principal kind', { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'x' } }] }, 'trust', ['Statement[0].Principal.AWS: is not a known key']],
    ['trust with another action', { Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:GetObject', Principal: { Service: 'fc.aliyuncs.com' } }] }, 'trust', ['Statement[0].Action: must be "sts:AssumeRole"']],
    ['trust with a resource', { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Principal: { RAM: 'acs:ram::1:root' } }] }, 'trust', ['Statement[0].Resource: is not allowed in a trust policy']],
    ['bad condition', { Version: '1', Statement: [{ ...writer.Statement[0], Condition: { IpAddress: 'x' } }] }, 'permission', ['Statement[0].Condition.IpAddress: must be a non-empty object']],
    ['too long', { Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:*', Resource: Array.from({ length: 300 }, (_, i) => `acs:oss:*:*:bucket-${i}/*`) }] }, 'permission', ['RAM allows at most 6144']],
  ])('reports %s', (_name, input, kind, expected) => {
    const { document, problems } = parsePolicyDocument(input, { kind });
    expect(document).toBeUndefined();
    for (const fragment of expected) expect(problems.join('\n')).toContain(fragment);
  });

  it('reports every problem of a document at once', () => {
    const { problems } = parsePolicyDocument(
      { Version: '2', Statement: [{ Effect: 'Maybe', Action: 'PutObject' }, { Effect: 'Allow', Action: '*', Resource: '*', Extra: 1 }] },
      { kind: 'permission' },
    );
    expect(problems).toEqual([
      'Version: must be "1" (got "2")',
      'Statement[0].Effect: must be "Allow" or "Deny" (got "Maybe")',
      'Statement[0].Action: must look like "service:Action" (wildcards * and ? allowed) or be "*" (got "PutObject")',
      'Statement[0].Resource: is required (or NotResource)',
      'Statement[1].Extra: is not a known key; allowed: Effect, Action, NotAction, Resource, NotResource, Principal, Condition',
    ]);
  });

  it('accepts wildcard AssumeRole actions and every principal kind in trust policies', () => {
    const trust = doc(
      { Version: '1', Statement: [{ Effect: 'Allow', Action: ['sts:*'], Principal: { RAM: ['acs:ram::123:root'], Service: 'fc.aliyuncs.com', Federated: ['acs:ram::123:saml-provider/idp'] } }] },
      'trust',
    );
    expect(Object.keys(trust.Statement[0].Principal ?? {})).toEqual(['Service', 'RAM', 'Federated']);
  });
});

describe('normalizePolicyDocument and serializePolicyDocument', () => {
  it('sorts and de-duplicates lists and fixes key order', () => {
    const messy = doc({
      Statement: [
        { Resource: ['b', 'a', 'b'], Condition: { StringEquals: { 'acs:k': 'v' }, Bool: { 'acs:SecureTransport': true } }, Action: ['oss:Put*', 'oss:Get*'], Effect: 'Deny' },
      ],
      Version: '1',
    });
    expect(serializePolicyDocument(messy)).toBe(
      '{"Version":"1","Statement":[{"Effect":"Deny","Action":["oss:Get*","oss:Put*"],"Resource":["a","b"],"Condition":{"Bool":{"acs:SecureTransport":["true"]},"StringEquals":{"acs:k":["v"]}}}]}',
    );
  });

  it('is idempotent', () => {
    const once = normalizePolicyDocument(doc(writer));
    expect(normalizePolicyDocument(once)).toEqual(once);
  });

  it('builds the FC trust policy from services', () => {
    expect(serializePolicyDocument(trustPolicyForServices(['fc.aliyuncs.com']))).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole"],"Principal":{"Service":["fc.aliyuncs.com"]}}]}',
    );
  });
});

describe('policyDocumentsEqual', () => {
  const a = doc({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject', 'oss:PutObject'], Resource: '*' }, { Effect: 'Deny', Action: 'oss:DeleteObject', Resource: '*' }] });

  it.each<[string, boolean, unknown]>([
    ['string vs list', true, { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:PutObject', 'oss:GetObject'], Resource: ['*'] }, { Effect: 'Deny', Action: ['oss:DeleteObject'], Resource: '*' }] }],
    ['statement order', true, { Version: '1', Statement: [{ Effect: 'Deny', Action: 'oss:DeleteObject', Resource: '*' }, { Effect: 'Allow', Action: ['oss:PutObject', 'oss:GetObject', 'oss:GetObject'], Resource: '*' }] }],
    ['an action less', false, { Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:GetObject', Resource: '*' }, { Effect: 'Deny', Action: 'oss:DeleteObject', Resource: '*' }] }],
    ['another effect', false, { Version: '1', Statement: [{ Effect: 'Deny', Action: ['oss:GetObject', 'oss:PutObject'], Resource: '*' }, { Effect: 'Deny', Action: 'oss:DeleteObject', Resource: '*' }] }],
    ['a statement less', false, { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject', 'oss:PutObject'], Resource: '*' }] }],
  ])('%s: equal = %s', (_name, equal, other) => {
    expect(policyDocumentsEqual(a, doc(other))).toBe(equal);
    expect(policyDocumentsEqual(doc(other), a)).toBe(equal);
  });
});

describe('summarizeDocumentChange', () => {
  it('lists added and removed actions and resources', () => {
    const before = doc({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject'], Resource: 'acs:oss:*:*:a/*' }] });
    const after = doc({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: 'acs:oss:*:*:b/*' }] });
    expect(summarizeDocumentChange(before, after)).toBe('+oss:PutObject, -oss:GetObject; resources +acs:oss:*:*:b/*, -acs:oss:*:*:a/*');
  });

  it('is empty for documents equal by meaning', () => {
    expect(summarizeDocumentChange(doc(writer), doc(JSON.stringify(writer)))).toBe('');
  });
});
