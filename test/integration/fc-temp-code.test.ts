/**
 * fc3's code deploy, step by step through the real clients: FC 2.0 GET /2016-08-15/tempBucketToken
 * (@alicloud/fc2, `FC <AccessKeyId>:<signature>`), the upload of the zip with the returned STS key
 * (ali-oss, as fc3 does with FC_CODE_TEMP_OSS_ENDPOINT), then CreateFunction with code.ossBucketName /
 * ossObjectName (@alicloud/fc20230330), and an invocation of that code. Paths the emulator does not
 * serve answer FC's PathNotSupported, never OSS.
 */
import AdmZip from 'adm-zip';
import { join } from 'path';
import OSS from 'ali-oss';
import * as $Fc from '@alicloud/fc20230330';
import { useEmulator } from '../helpers/emulator';
import { fcClient, rootCredentials, userCredentials } from '../helpers/clients';
import { captureError } from '../helpers/errors';
import { fc2Client, type TempBucketToken } from '../helpers/fc2';
import { rawRequest } from '../helpers/raw-http';
import { HANDLERS_DIR } from '../fixtures/handlers/zip';

const ACCOUNT = '1234567890123456';
const OTHER = '1234567890123457';

const emu = useEmulator({
  accounts: [
    {
      id: ACCOUNT,
      users: [
        { name: 'lister', policies: [{ name: 'ListOnly', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'fc:ListFunctions', Resource: '*' }] } }] },
        { name: 'deployer', policies: ['AliyunFCFullAccess'] },
      ],
    },
    { id: OTHER },
  ],
});

function codeZip(): Buffer {
  const zip = new AdmZip();
  zip.addLocalFolder(join(HANDLERS_DIR, 'node-basic'));
  return zip.toBuffer();
}

/** ali-oss as fc3 builds it with FC_CODE_TEMP_OSS_ENDPOINT set to the emulator (an IP endpoint). */
function tempOss(token: TempBucketToken): OSS {
  return new OSS({
    endpoint: emu.current.endpoint,
    accessKeyId: token.credentials.AccessKeyId,
    accessKeySecret: token.credentials.AccessKeySecret,
    stsToken: token.credentials.SecurityToken,
    bucket: token.ossBucket,
    refreshSTSToken: async () => ({
      accessKeyId: token.credentials.AccessKeyId,
      accessKeySecret: token.credentials.AccessKeySecret,
      stsToken: token.credentials.SecurityToken,
    }),
  });
}

function createFromOss(name: string, bucket: string, object: string): $Fc.CreateFunctionRequest {
  return new $Fc.CreateFunctionRequest({
    body: new $Fc.CreateFunctionInput({
      functionName: name,
      runtime: 'nodejs18',
      handler: 'index.text',
      code: new $Fc.InputCodeLocation({ ossBucketName: bucket, ossObjectName: object }),
    }),
  });
}

describe('GET /2016-08-15/tempBucketToken (FC 2.0, @alicloud/fc2)', () => {
  test('answers the fields fc3 reads, for the region of the endpoint', async () => {
    const { data, headers } = await fc2Client(emu.current, undefined, 'cn-shanghai').getTempBucketToken();
    expect(headers['x-fc-request-id']).toBeTruthy();
    expect(data).toMatchObject({
      ossBucket: 'fc-temp-code-cn-shanghai',
      ossRegion: 'cn-shanghai',
      objectName: expect.stringMatching(/^[0-9a-f-]{36}$/),
      codeSizeLimit: expect.any(Number),
      credentials: {
        AccessKeyId: expect.stringMatching(/^STS\./),
        AccessKeySecret: expect.any(String),
        SecurityToken: expect.any(String),
        Expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
    });
  });

  test('code uploaded with the token deploys through CreateFunction (ossBucketName/ossObjectName) and runs', async () => {
    const fc2 = fc2Client(emu.current);
    const { data: token } = await fc2.getTempBucketToken();
    const object = `${fc2.accountid}/${token.objectName}`;
    await tempOss(token).put(object, codeZip());
    const fc = fcClient(emu.current);
    const created = await fc.createFunction(createFromOss('from-temp', token.ossBucket, object));
    expect(created.body?.codeSize).toBe(codeZip().length);
    const invoked = await fc.invokeFunction('from-temp', new $Fc.InvokeFunctionRequest({}));
    expect(invoked.body?.read().toString()).toBe('plain text');
  });

  test('the token writes only under the caller\'s account id, and another account cannot deploy that code', async () => {
    const { data: token } = await fc2Client(emu.current).getTempBucketToken();
    const oss = tempOss(token);
    expect(await captureError(oss.put(`${OTHER}/${token.objectName}`, codeZip()))).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await captureError(oss.get(`${ACCOUNT}/${token.objectName}`))).toMatchObject({ status: 403, code: 'AccessDenied' });
    const object = `${ACCOUNT}/${token.objectName}`;
    await oss.put(object, codeZip());
    const other = fcClient(emu.current, rootCredentials(emu.current, 1));
    const err = await captureError(other.createFunction(createFromOss('stolen', token.ossBucket, object)));
    expect(err).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
  });

  test('a RAM user needs fc:GetTempBucketToken; a wrong signature is 403 SignatureNotMatch in FC 2.0\'s error format', async () => {
    await expect(fc2Client(emu.current, userCredentials(emu.current, 'deployer')).getTempBucketToken()).resolves.toBeDefined();
    const denied = await captureError(fc2Client(emu.current, userCredentials(emu.current, 'lister')).getTempBucketToken());
    expect(denied.message).toMatch(/failed with 403.*fc:GetTempBucketToken/);
    const forged = await captureError(fc2Client(emu.current, { ...rootCredentials(emu.current), accessKeySecret: 'wrong' }).getTempBucketToken());
    expect(forged.message).toMatch(/failed with 403.*The request signature we calculated does not match/);
    const raw = await rawRequest(emu.current.port, {
      method: 'GET',
      path: '/2016-08-15/tempBucketToken',
      headers: { date: new Date().toUTCString(), authorization: `FC ${rootCredentials(emu.current).accessKeyId}:bogus` },
    });
    expect(raw.status).toBe(403);
    expect(raw.json).toEqual({ errorCode: 'SignatureNotMatch', errorMessage: expect.any(String) });
  });
});

describe('paths the emulator does not serve', () => {
  test('answer FC\'s 400 PathNotSupported naming the method and path, on a region endpoint and on the shared one', async () => {
    const onRegion = await captureError(fc2Client(emu.current).get('/services'));
    expect(onRegion.message).toContain("'GET' against '/2016-08-15/services' is not supported");
    const onShared = await rawRequest(emu.current.port, { method: 'GET', path: '/2016-08-15/services', headers: { host: '127.0.0.1' } });
    expect(onShared.status).toBe(400);
    expect(onShared.json).toEqual({ errorCode: 'PathNotSupported', errorMessage: "'GET' against '/2016-08-15/services' is not supported" });
    const fc3Path = await rawRequest(emu.current.port, { method: 'GET', path: '/2023-03-30/layers', headers: { host: '127.0.0.1' } });
    expect(fc3Path.json).toMatchObject({ Code: 'PathNotSupported', Message: "'GET' against '/2023-03-30/layers' is not supported" });
    const anyPath = await rawRequest(Number(new URL(emu.current.fcEndpoints['cn-hangzhou']).port), { method: 'PUT', path: '/my-bucket/key' });
    expect(anyPath.json).toMatchObject({ Code: 'PathNotSupported', Message: "'PUT' against '/my-bucket/key' is not supported" });
    expect(emu.current.requests.list({ product: 'oss' })).toEqual([]);
  });
});
