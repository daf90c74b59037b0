/** Which function errors are permission denials, and what action and resource their text names. */
import { findDenial } from '../../src/invoke/denial';

test.each<[string, { errorType?: string; errorMessage: string; stackTrace?: string[] }, object | undefined]>([
  [
    'the example Node.js handler (ali-oss): type and OSS URL',
    { errorType: 'AccessDeniedError', errorMessage: 'PutObject oss://my-bucket/fc3-role/hello.txt failed: AccessDenied: You have no right to access this object because of bucket acl.' },
    { code: 'AccessDenied', codeFrom: 'type', action: 'oss:PutObject', resource: 'acs:oss:*:*:my-bucket/fc3-role/hello.txt' },
  ],
  [
    'oss2 (Python): the exception class, no action in the text',
    { errorType: 'AccessDenied', errorMessage: "{'status': 403, 'details': {'Code': 'AccessDenied', 'Message': 'You have no right to access this object because of bucket acl.'}}" },
    { code: 'AccessDenied', codeFrom: 'type' },
  ],
  [
    'a POP NoPermission with AccessDeniedDetail in the text',
    { errorType: 'NoPermissionError', errorMessage: 'denied {"AuthAction":"log:PostLogStoreLogs","AuthResource":"acs:log:cn-hangzhou:123:project/p/logstore/l","NoPermissionType":"ImplicitDeny"}' },
    { code: 'NoPermission', codeFrom: 'type', action: 'log:PostLogStoreLogs', resource: 'acs:log:cn-hangzhou:123:project/p/logstore/l' },
  ],
  [
    'only the text says it (a generic Error)',
    { errorType: 'Error', errorMessage: 'call failed: NoPermission: You are not authorized to do this action. fc:InvokeFunction on acs:fc:cn-hangzhou:123:functions/x' },
    { code: 'NoPermission', codeFrom: 'text', action: 'fc:InvokeFunction', resource: 'acs:fc:cn-hangzhou:123:functions/x' },
  ],
  ['a bucket without an object', { errorType: 'AccessDeniedError', errorMessage: 'ListObjects oss://my-bucket failed: AccessDenied' }, { action: 'oss:ListObjects', resource: 'acs:oss:*:*:my-bucket' }],
  ['no denial', { errorType: 'TypeError', errorMessage: 'Cannot read properties of undefined' }, undefined],
  ['a longer word is no code', { errorType: 'Error', errorMessage: 'see AccessDeniedDetail below' }, undefined],
])('%s', (_name, error, expected) => {
  const denial = findDenial({ stackTrace: [], ...error });
  if (expected === undefined) expect(denial).toBeUndefined();
  else expect(denial).toMatchObject(expected);
});
