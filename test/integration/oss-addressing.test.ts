/**
 * OSS through the real ali-oss client: a bucket must be addressed through its own region's endpoint,
 * a security token with a permanent key is refused, and requests failing authentication are logged
 * with the OSS action they were for.
 */
import { createHmac } from 'crypto';
import { useEmulator } from '../helpers/emulator';
import { ossClient, rootCredentials } from '../helpers/clients';
import { captureError } from '../helpers/errors';
import { rawRequest } from '../helpers/raw-http';

const ACCOUNT = '1234567890123456';
const SHANGHAI = 'shanghai-bucket';
const HANGZHOU = 'hangzhou-bucket';

const emu = useEmulator({ accounts: [{ id: ACCOUNT, buckets: [{ name: SHANGHAI, region: 'cn-shanghai' }, { name: HANGZHOU }] }] });

const WRONG_ENDPOINT = 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.';

function objectsOf(bucket: string): string[] {
  return [...(emu.current.state.getAccount(ACCOUNT).oss.findBucket(bucket)?.objects.keys() ?? [])];
}

describe('the bucket region', () => {
  test.each([
    ['V1, region in the Host', {}],
    ['V4, region in the Host and the scope', { authorizationV4: true }],
    ['V4 path style, region in the scope', { authorizationV4: true, sldEnable: true }],
  ])('%s: a cn-shanghai bucket through a cn-hangzhou endpoint is 403 AccessDenied naming the right endpoint', async (_label, extra) => {
    const wrong = ossClient(emu.current, rootCredentials(emu.current), SHANGHAI, 'cn-hangzhou', extra);
    const err = await captureError(wrong.put('k.txt', Buffer.from('x')));
    expect(err).toMatchObject({ name: 'AccessDeniedError', code: 'AccessDenied', status: 403, message: WRONG_ENDPOINT });
    expect(objectsOf(SHANGHAI)).toEqual([]);
    const right = ossClient(emu.current, rootCredentials(emu.current), SHANGHAI, 'cn-shanghai', extra);
    await expect(right.put('k.txt', Buffer.from('x'))).resolves.toMatchObject({ res: { status: 200 } });
    expect(objectsOf(SHANGHAI)).toEqual(['k.txt']);
  });

  test('the error document carries the bucket and the endpoint to use (hand-signed V1 GET)', async () => {
    const { accessKeyId, accessKeySecret } = rootCredentials(emu.current);
    const date = new Date().toUTCString();
    const signature = createHmac('sha1', accessKeySecret).update(`GET\n\n\n${date}\n/${SHANGHAI}/k.txt`).digest('base64');
    const res = await rawRequest(emu.current.port, {
      method: 'GET',
      path: '/k.txt',
      headers: { host: `${SHANGHAI}.oss-cn-hangzhou.aliyuncs.com`, date, authorization: `OSS ${accessKeyId}:${signature}` },
    });
    expect(res.status).toBe(403);
    expect(res.body).toContain('<Code>AccessDenied</Code>');
    expect(res.body).toContain(`<Bucket>${SHANGHAI}</Bucket>`);
    expect(res.body).toContain('<Endpoint>oss-cn-shanghai.aliyuncs.com</Endpoint>');
    expect(emu.current.requests.list({ product: 'oss' }).map((r) => [r.action, r.code])).toEqual([['GetObject', 'AccessDenied']]);
  });

  test('path style with V1 signing and a Host without a region carries no region: accepted for a bucket of any region', async () => {
    // With a host-name endpoint ali-oss sends Host localhost:PORT and the bucket in the path (wire notes §1.2).
    const endpoint = `http://localhost:${emu.current.port}`;
    const pathStyle = ossClient(emu.current, rootCredentials(emu.current), SHANGHAI, 'cn-hangzhou', { sldEnable: true, endpoint });
    await expect(pathStyle.put('path.txt', Buffer.from('p'))).resolves.toMatchObject({ res: { status: 200 } });
    expect(objectsOf(SHANGHAI)).toEqual(['path.txt']);
  });
});

describe('security tokens', () => {
  test('a security token sent with a permanent key is 403 InvalidSecurityToken', async () => {
    // ali-oss warns when stsToken comes without refreshSTSToken; harmless here.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const oss = ossClient(emu.current, { ...rootCredentials(emu.current), securityToken: 'CAISbogus' }, HANGZHOU);
    warn.mockRestore();
    const err = await captureError(oss.put('t.txt', Buffer.from('t')));
    expect(err).toMatchObject({ code: 'InvalidSecurityToken', status: 403 });
    expect(objectsOf(HANGZHOU)).toEqual([]);
  });
});

describe('the request log', () => {
  test.each([
    ['PUT', '/obj.txt', 'PutObject'],
    ['GET', '/obj.txt', 'GetObject'],
    ['PUT', '/', 'PutBucket'],
    ['GET', '/', 'ListObjects'],
  ])('an unauthenticated %s %s is logged as %s', async (method, path, action) => {
    const res = await rawRequest(emu.current.port, { method, path, headers: { host: `${HANGZHOU}.oss-cn-hangzhou.aliyuncs.com` } });
    expect(res.status).toBe(403);
    expect(emu.current.requests.list({ product: 'oss' }).map((r) => [r.action, r.status, r.code])).toEqual([[action, 403, 'AccessDenied']]);
  });

  test('a bad signature is logged with the action too', async () => {
    const oss = ossClient(emu.current, { ...rootCredentials(emu.current), accessKeySecret: 'wrong' }, HANGZHOU);
    expect(await captureError(oss.put('bad.txt', Buffer.from('b')))).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(emu.current.requests.list({ product: 'oss' }).map((r) => r.action)).toEqual(['PutObject']);
  });
});
