/**
 * `s invoke` sends InvokeFunction through the SDK core (src/cloud/fc-invoke.ts) instead of the FC SDK's
 * client: both must put the same request on the wire and read the same answer. A plain local server
 * records what each sends (method, path, query, headers, body) and answers both alike.
 */
import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { Readable } from 'stream';
import Fc, { InvokeFunctionHeaders, InvokeFunctionRequest } from '@alicloud/fc20230330';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { RuntimeOptions } from '@darabonba/typescript';
import { sendInvokeFunction } from '../../src/cloud/fc-invoke';
import type { CloudContext } from '../../src/cloud/clients';
import { readAll } from '../../src/invoke/event';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Headers that differ between any two signed requests (time, nonce, the signature over them). */
const VOLATILE = ['x-acs-signature-nonce', 'x-acs-date', 'authorization', 'date', 'host'];

let server: Server;
let port = 0;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (!VOLATILE.includes(k)) headers[k] = String(v);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') });
      res.sendDate = false; // both answers must be equal: no clock in them
      res.writeHead(200, { 'x-fc-request-id': 'req-1', 'x-fc-log-result': Buffer.from('log').toString('base64'), 'content-type': 'application/octet-stream' });
      res.end('answer');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
});

const KEY = { accessKeyId: 'LTAI-wire-test', accessKeySecret: 'wire-secret' };

function context(): CloudContext {
  return {
    credentials: { ...KEY },
    accountId: '1234567890123456',
    fcEndpoints: { 'cn-hangzhou': { host: `127.0.0.1:${port}`, protocol: 'http' } },
  };
}

function sdkClient(): Fc {
  return new Fc(new $OpenApiUtil.Config({ ...KEY, endpoint: `127.0.0.1:${port}`, protocol: 'http', regionId: 'cn-hangzhou' }));
}

const CASES = [
  { name: 'a sync call with its log tail', functionName: 'fn-a', qualifier: undefined, invocationType: 'Sync', logType: 'Tail', asyncTaskId: undefined },
  { name: 'an async call with a task id and a qualifier', functionName: 'fn b/ü', qualifier: 'LATEST', invocationType: 'Async', logType: 'None', asyncTaskId: 'task-1' },
];

describe('InvokeFunction through the SDK core sends what the FC client sends', () => {
  test.each(CASES)('$name', async (c) => {
    const event = '{"hello":"wire"}';
    const sdk = await sdkClient().invokeFunctionWithOptions(
      c.functionName,
      new InvokeFunctionRequest({ body: Readable.from([Buffer.from(event)]), qualifier: c.qualifier }),
      new InvokeFunctionHeaders({ xFcInvocationType: c.invocationType, xFcLogType: c.logType, ...(c.asyncTaskId ? { xFcAsyncTaskId: c.asyncTaskId } : {}) }),
      new RuntimeOptions({ readTimeout: 10_000, connectTimeout: 10_000 }),
    );
    const ours = await sendInvokeFunction(context(), 'cn-hangzhou', {
      functionName: c.functionName,
      qualifier: c.qualifier,
      body: Readable.from([Buffer.from(event)]),
      invocationType: c.invocationType,
      logType: c.logType,
      asyncTaskId: c.asyncTaskId,
      timeoutMs: 10_000,
    });
    expect(seen).toHaveLength(2);
    const [viaSdk, viaCore] = seen;
    expect(viaCore).toEqual(viaSdk);
    expect(viaSdk?.body).toBe(event);
    expect(viaSdk?.headers['x-fc-invocation-type']).toBe(c.invocationType);

    expect(ours.statusCode).toBe(sdk.statusCode);
    expect(ours.headers).toEqual(sdk.headers);
    expect((await readAll(ours.body ?? Readable.from([]))).toString()).toBe('answer');
    expect((await readAll(sdk.body ?? Readable.from([]))).toString()).toBe('answer');
  });
});
