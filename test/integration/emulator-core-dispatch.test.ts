/**
 * The core's dispatch with stand-in services (FC routes, an RPC product, an OSS entry), through the
 * real FC client and ali-oss: FC auth codes, chunked bodies, legacy ROA V1, FC/OSS error envelopes,
 * unexpected handler exceptions, and faults on FC and OSS.
 */
import { CreateFunctionRequest, GetFunctionRequest } from '@alicloud/fc20230330';
import { ApiError, type OssResponse, type RestRoute, type RpcService } from '../../emulator/core/types';
import { ossErrorXml } from '../../emulator/core/errors';
import type { ServiceRegistry } from '../../emulator';
import { useEmulator } from '../helpers/emulator';
import { callRpc, fcClient, ossClient, ramClient, rootCredentials } from '../helpers/clients';
import { captureError, FC_REQUEST_ID, OSS_REQUEST_ID, RPC_REQUEST_ID } from '../helpers/errors';

const ACCOUNT = '1234567890123456';
const seen: { bodies: string[] } = { bodies: [] };

const fcRoutes: RestRoute[] = [
  {
    method: 'GET',
    pattern: '/2023-03-30/functions/:functionName',
    action: 'GetFunction',
    write: false,
    handler: (ctx) => {
      if (ctx.pathParams.functionName === 'missing') throw new ApiError(404, 'FunctionNotFound', 'function not exist');
      if (ctx.pathParams.functionName === 'broken') throw new Error('stand-in bug');
      return { status: 200, body: { functionName: ctx.pathParams.functionName, description: ctx.caller.arn } };
    },
  },
  {
    method: 'POST',
    pattern: '/2023-03-30/functions',
    action: 'CreateFunction',
    write: true,
    handler: (ctx) => {
      seen.bodies.push(ctx.body.toString('utf8'));
      return { status: 200, body: { functionName: 'created' } };
    },
  },
];

const boomService: RpcService = {
  product: 'ram',
  version: '2015-05-01',
  hostId: 'ram.aliyuncs.com',
  actions: {
    Boom: {
      write: false,
      handler: () => {
        throw new Error('stand-in bug');
      },
    },
  },
};

const services: ServiceRegistry = {
  rpcServices: [boomService],
  fcRoutes,
  handleOssRequest: (req): OssResponse => {
    if (req.path.endsWith('/missing.txt')) {
      const err = new ApiError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: 'missing.txt' });
      return { status: 404, headers: { 'content-type': 'application/xml' }, body: ossErrorXml(err, req.requestId, 'core-bucket.oss-cn-hangzhou.aliyuncs.com'), action: 'GetObject' };
    }
    return { status: 200, headers: { 'content-type': 'text/plain', etag: '"0"' }, body: 'hello', action: 'GetObject' };
  },
};

const emu = useEmulator({ services });

beforeEach(() => {
  seen.bodies = [];
});

describe('FC dispatch', () => {
  test('matches method and path, decoding path parameters, and resolves the caller', async () => {
    const res = await fcClient(emu.current).getFunction('fn-1', new GetFunctionRequest({}));
    expect(res.body?.functionName).toBe('fn-1');
    expect(res.body?.description).toBe(`acs:ram::${ACCOUNT}:root`);
    expect(res.headers?.['x-fc-request-id']).toMatch(FC_REQUEST_ID);
  });

  test('reads a chunked JSON body whole and verifies its hash', async () => {
    const request = new CreateFunctionRequest({ body: { functionName: 'fn-2', runtime: 'nodejs18', handler: 'index.handler' } });
    await fcClient(emu.current).createFunction(request);
    expect(JSON.parse(seen.bodies[0])).toMatchObject({ functionName: 'fn-2', runtime: 'nodejs18' });
    expect(emu.current.requests.writes({ product: 'fc' })).toHaveLength(1);
  });

  test('accepts legacy ROA V1 signatures and rejects a wrong secret under them', async () => {
    const legacy = fcClient(emu.current, undefined, 'cn-hangzhou', { signatureAlgorithm: 'v2' });
    const res = await legacy.getFunction('fn-v1', new GetFunctionRequest({ qualifier: 'LATEST' }));
    expect(res.body?.functionName).toBe('fn-v1');
    const wrong = fcClient(emu.current, { ...rootCredentials(emu.current), accessKeySecret: 'wrong' }, 'cn-hangzhou', { signatureAlgorithm: 'v2' });
    const err = await captureError(wrong.getFunction('fn-v1', new GetFunctionRequest({})));
    expect(err).toMatchObject({ code: 'SignatureNotMatch', statusCode: 403 });
  });

  test('FC errors are {Code, Message, RequestId} with x-fc-request-id', async () => {
    const err = await captureError(fcClient(emu.current).getFunction('missing', new GetFunctionRequest({})));
    expect(err).toMatchObject({ name: 'ClientError', code: 'FunctionNotFound', statusCode: 404 });
    expect(err.requestId).toMatch(FC_REQUEST_ID);
    expect(err.message).toBe(`FunctionNotFound: code: 404, function not exist request id: ${err.requestId}`);
  });

  test('FC auth failures: 403 InvalidAccessKeyID and 403 SignatureNotMatch', async () => {
    const unknown = await captureError(fcClient(emu.current, { accessKeyId: 'LTAINope', accessKeySecret: 'x' }).getFunction('f', new GetFunctionRequest({})));
    const wrong = await captureError(
      fcClient(emu.current, { ...rootCredentials(emu.current), accessKeySecret: 'wrong' }).getFunction('f', new GetFunctionRequest({})),
    );
    expect(unknown).toMatchObject({ code: 'InvalidAccessKeyID', statusCode: 403 });
    expect(wrong).toMatchObject({ code: 'SignatureNotMatch', statusCode: 403 });
    expect(wrong.requestId).toMatch(FC_REQUEST_ID);
  });

  test('a handler exception that is not an ApiError answers 500 InternalError, never a success', async () => {
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const err = await captureError(fcClient(emu.current).getFunction('broken', new GetFunctionRequest({})));
    expect(err).toMatchObject({ name: 'ServerError', code: 'InternalError', statusCode: 500 });
    expect(stderr).toHaveBeenCalled();
    stderr.mockRestore();
  });

  test('throttling on FC is 429 ResourceThrottled', async () => {
    emu.current.faults.add({ product: 'fc', action: 'GetFunction', error: 'Throttling', times: 1 });
    const err = await captureError(fcClient(emu.current).getFunction('fn', new GetFunctionRequest({})));
    expect(err).toMatchObject({ code: 'ResourceThrottled', statusCode: 429 });
    await expect(fcClient(emu.current).getFunction('fn', new GetFunctionRequest({}))).resolves.toBeDefined();
  });
});

describe('RPC dispatch', () => {
  test('a handler exception that is not an ApiError answers 500 InternalError', async () => {
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const err = await captureError(callRpc(ramClient(emu.current), '2015-05-01', 'Boom'));
    expect(err).toMatchObject({ name: 'ServerError', code: 'InternalError', statusCode: 500 });
    expect(err.requestId).toMatch(RPC_REQUEST_ID);
    expect(emu.current.requests.list({ product: 'ram', action: 'Boom' })[0]).toMatchObject({
      status: 500,
      code: 'InternalError',
      caller: `acs:ram::${ACCOUNT}:root`,
    });
    stderr.mockRestore();
  });
});

describe('OSS dispatch', () => {
  test('hands the raw request to the OSS entry and relays its answer', async () => {
    const res = await ossClient(emu.current, rootCredentials(emu.current), 'core-bucket').get('hello.txt');
    expect(Buffer.from(res.content as Buffer).toString()).toBe('hello');
    expect(emu.current.requests.count({ product: 'oss', action: 'GetObject', status: 200 })).toBe(1);
  });

  test('OSS XML errors reach ali-oss with code, status and request id', async () => {
    const err = await captureError(ossClient(emu.current, rootCredentials(emu.current), 'core-bucket').get('missing.txt'));
    expect(err).toMatchObject({ name: 'NoSuchKeyError', code: 'NoSuchKey', status: 404 });
    expect(err.requestId).toMatch(OSS_REQUEST_ID);
  });

  test('faults apply to OSS with its own codes', async () => {
    emu.current.faults.add({ product: 'oss', action: 'GetObject', error: 'Throttling', times: 1 });
    const err = await captureError(ossClient(emu.current, rootCredentials(emu.current), 'core-bucket').get('hello.txt'));
    expect(err).toMatchObject({ code: 'QpsLimitExceeded', status: 503 });
  });
});
