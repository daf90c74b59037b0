/**
 * OSS through the real ali-oss client: V1 and V4 signatures, IP (Host) and path-style addressing,
 * object CRUD, authentication errors, RAM authorization and Content-MD5 checks.
 */
import { request } from 'http';
import { useEmulator } from '../helpers/emulator';
import { ossClient, rootCredentials, userCredentials, type TestCredentials } from '../helpers/clients';
import { registerTemporaryKey } from '../helpers/temporary-key';

const ACCOUNT = '1234567890123456';
const BUCKET = 'oss-test-bucket';

const emu = useEmulator({
  accounts: [
    { id: ACCOUNT, buckets: [{ name: BUCKET }], users: [{ name: 'reader', policies: ['AliyunOSSReadOnlyAccess'] }] },
    { id: '2234567890123456', buckets: [{ name: 'other-account-bucket' }] },
  ],
});

interface OssFailure {
  name: string;
  code: string;
  status: number;
  message: string;
  requestId?: string;
}

async function failureOf(promise: Promise<unknown>): Promise<OssFailure> {
  try {
    await promise;
  } catch (err) {
    return err as OssFailure;
  }
  throw new Error('expected the OSS call to fail');
}

function temporaryKey(expiresAt: number): TestCredentials {
  const key = { accessKeyId: 'STS.TestTemporaryKey', accessKeySecret: 'temporary-secret', securityToken: 'CAIS.test+token/==' };
  return registerTemporaryKey(emu.current, key, { accountId: ACCOUNT, expiresAt });
}

describe.each([
  ['V1', {}],
  ['V4', { authorizationV4: true }],
  ['V1 path style', { sldEnable: true }],
  ['V4 path style', { authorizationV4: true, sldEnable: true }],
])('objects with %s signing', (_label, extra) => {
  test('put, get, head and delete an object with an awkward key', async () => {
    const oss = ossClient(emu.current, rootCredentials(emu.current), BUCKET, 'cn-hangzhou', extra);
    const key = 'dir/a b+c (1)!.json';
    const put = await oss.put(key, Buffer.from('{"hello":"world"}'), { meta: { owner: 'tests' } as never });
    expect(put.res.status).toBe(200);
    const object = emu.current.state.getAccount(ACCOUNT).oss.findObject(BUCKET, key);
    expect(object?.body.toString()).toBe('{"hello":"world"}');
    expect(object?.contentType).toBe('application/json');

    const got = await oss.get(key);
    expect(got.content.toString()).toBe('{"hello":"world"}');
    expect((got.res.headers as Record<string, string>).etag).toBe(`"${object?.etag}"`);

    const head = await oss.head(key);
    expect(head.status).toBe(200);
    expect(head.meta).toEqual({ owner: 'tests' });

    await oss.delete(key);
    const missing = await failureOf(oss.get(key));
    expect(missing).toMatchObject({ name: 'NoSuchKeyError', code: 'NoSuchKey', status: 404 });
  });

  test('a wrong secret is SignatureDoesNotMatch', async () => {
    const creds = { ...rootCredentials(emu.current), accessKeySecret: 'not-the-secret' };
    const oss = ossClient(emu.current, creds, BUCKET, 'cn-hangzhou', extra);
    const failure = await failureOf(oss.put('x.txt', Buffer.from('x')));
    expect(failure).toMatchObject({ name: 'SignatureDoesNotMatchError', code: 'SignatureDoesNotMatch', status: 403 });
    expect(failure.requestId).toMatch(/^[0-9A-F]{24}$/);
  });
});

describe('OSS errors', () => {
  test('an unknown AccessKey is InvalidAccessKeyId', async () => {
    const oss = ossClient(emu.current, { accessKeyId: 'LTAINoSuchKey', accessKeySecret: 's' }, BUCKET);
    expect(await failureOf(oss.get('a.txt'))).toMatchObject({ code: 'InvalidAccessKeyId', status: 403 });
  });

  test('a missing key is NoSuchKey and an unknown bucket NoSuchBucket', async () => {
    const root = rootCredentials(emu.current);
    expect(await failureOf(ossClient(emu.current, root, BUCKET).get('nope.txt'))).toMatchObject({ code: 'NoSuchKey', status: 404 });
    expect(await failureOf(ossClient(emu.current, root, BUCKET).head('nope.txt'))).toMatchObject({ code: 'NoSuchKey', status: 404 });
    expect(await failureOf(ossClient(emu.current, root, 'no-such-bucket').get('a.txt'))).toMatchObject({ code: 'NoSuchBucket', status: 404 });
  });

  test('HEAD errors travel in x-oss-err', async () => {
    const creds = { ...rootCredentials(emu.current), accessKeySecret: 'wrong' };
    expect(await failureOf(ossClient(emu.current, creds, BUCKET).head('a.txt'))).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
  });

  test('temporary keys need their token and must not be expired', async () => {
    // ali-oss warns when stsToken comes without refreshSTSToken; harmless here.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const valid = temporaryKey(Date.now() + 3_600_000);
    await ossClient(emu.current, valid, BUCKET).put('sts.txt', Buffer.from('ok'));
    const wrongToken = { ...valid, securityToken: 'CAIS.other' };
    expect(await failureOf(ossClient(emu.current, wrongToken, BUCKET).get('sts.txt'))).toMatchObject({ code: 'InvalidSecurityToken', status: 403 });
    const noToken = { accessKeyId: valid.accessKeyId, accessKeySecret: valid.accessKeySecret };
    expect(await failureOf(ossClient(emu.current, noToken, BUCKET).get('sts.txt'))).toMatchObject({ code: 'InvalidSecurityToken' });
    const expired = temporaryKey(Date.now() - 1000);
    expect(await failureOf(ossClient(emu.current, expired, BUCKET).get('sts.txt'))).toMatchObject({ code: 'SecurityTokenExpired', status: 403 });
    warn.mockRestore();
  });

  test('an unsigned request is AccessDenied XML with x-oss-request-id', async () => {
    const res = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = request(`${emu.current.endpoint}/a.txt`, { method: 'GET', headers: { host: `${BUCKET}.oss-cn-hangzhou.aliyuncs.com` } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(403);
    expect(res.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
    expect(res.body).toContain('<Code>AccessDenied</Code>');
  });

  test('Content-MD5: malformed is InvalidDigest, mismatching is BadDigest', async () => {
    const oss = ossClient(emu.current, rootCredentials(emu.current), BUCKET);
    const malformed = await failureOf(oss.put('md5.txt', Buffer.from('abc'), { headers: { 'Content-MD5': 'not-base64!' } }));
    expect(malformed).toMatchObject({ code: 'InvalidDigest', status: 400 });
    const otherMd5 = Buffer.alloc(16, 1).toString('base64');
    const mismatch = await failureOf(oss.put('md5.txt', Buffer.from('abc'), { headers: { 'Content-MD5': otherMd5 } }));
    expect(mismatch).toMatchObject({ code: 'BadDigest', status: 400 });
    expect(emu.current.state.getAccount(ACCOUNT).oss.findObject(BUCKET, 'md5.txt')).toBeUndefined();
  });
});

describe('OSS authorization', () => {
  test('a RAM user with AliyunOSSReadOnlyAccess may get but not put', async () => {
    await ossClient(emu.current, rootCredentials(emu.current), BUCKET).put('shared.txt', Buffer.from('data'));
    const reader = ossClient(emu.current, userCredentials(emu.current, 'reader'), BUCKET);
    expect((await reader.get('shared.txt')).content.toString()).toBe('data');
    const denied = await failureOf(reader.put('mine.txt', Buffer.from('x')));
    expect(denied).toMatchObject({ name: 'AccessDeniedError', code: 'AccessDenied', status: 403 });
  });

  test("another account's root cannot read this account's bucket", async () => {
    const other = rootCredentials(emu.current, 1);
    expect(await failureOf(ossClient(emu.current, other, BUCKET).get('shared.txt'))).toMatchObject({ code: 'AccessDenied' });
  });

  test('PutBucket creates a bucket in the caller account; a taken name is BucketAlreadyExists', async () => {
    const oss = ossClient(emu.current, rootCredentials(emu.current), 'fresh-bucket', 'cn-shanghai');
    await oss.putBucket('fresh-bucket');
    expect(emu.current.state.getAccount(ACCOUNT).oss.findBucket('fresh-bucket')?.region).toBe('cn-shanghai');
    const taken = await failureOf(oss.putBucket('other-account-bucket'));
    expect(taken).toMatchObject({ code: 'BucketAlreadyExists', status: 409 });
  });

  test('ListObjects lists by prefix', async () => {
    const oss = ossClient(emu.current, rootCredentials(emu.current), BUCKET);
    for (const key of ['logs/1.txt', 'logs/2.txt', 'data/x.txt']) await oss.put(key, Buffer.from(key));
    const listed = await oss.list({ prefix: 'logs/', 'max-keys': 10 }, {});
    expect(listed.objects.map((o) => o.name)).toEqual(['logs/1.txt', 'logs/2.txt']);
  });
});
