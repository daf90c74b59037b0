/**
 * InvokeFunction through @alicloud/openapi-core's generic `callApi`, with the very request that
 * @alicloud/fc20230330 4.x's `invokeFunctionWithOptions` builds (same Params, query, headers and
 * streamed body; the same core signs and sends it): the FC SDK's 500 kB are not parsed by `s invoke`.
 * test/integration/fc-invoke-wire.test.ts checks that both send the same request.
 * Source of the request's shape: node_modules/@alicloud/fc20230330/dist/client.js, invokeFunctionWithOptions.
 */
import { Readable } from 'stream';
import type OpenApiClient from '@alicloud/openapi-core';
import { fcOpenApiClient, type CloudContext } from './clients';

export interface InvokeFunctionCall {
  functionName: string;
  qualifier?: string;
  body: Readable;
  invocationType: string;
  logType: string;
  asyncTaskId?: string;
  /** The call's read and connect timeout, in ms. */
  timeoutMs: number;
}

export interface InvokeFunctionAnswer {
  statusCode: number;
  /** Header names as the server sent them. */
  headers: Record<string, string>;
  body?: Readable;
}

export async function sendInvokeFunction(ctx: CloudContext, region: string, call: InvokeFunctionCall): Promise<InvokeFunctionAnswer> {
  const client: OpenApiClient = fcOpenApiClient(ctx, region);
  const { $OpenApiUtil, OpenApiUtil } = require('@alicloud/openapi-core') as typeof import('@alicloud/openapi-core');
  const dara = require('@darabonba/typescript') as typeof import('@darabonba/typescript');
  const headers: Record<string, string> = { 'x-fc-invocation-type': call.invocationType, 'x-fc-log-type': call.logType };
  if (call.asyncTaskId !== undefined) headers['x-fc-async-task-id'] = call.asyncTaskId;
  const query: Record<string, string> = call.qualifier !== undefined ? { qualifier: call.qualifier } : {};
  const request = new $OpenApiUtil.OpenApiRequest({ headers, query: OpenApiUtil.query(query), body: call.body, stream: call.body });
  const params = new $OpenApiUtil.Params({
    action: 'InvokeFunction',
    version: '2023-03-30',
    protocol: 'HTTPS',
    pathname: `/2023-03-30/functions/${dara.URL.percentEncode(call.functionName)}/invocations`,
    method: 'POST',
    authType: 'AK',
    style: 'ROA',
    reqBodyType: 'json',
    bodyType: 'binary',
  });
  const runtime = new dara.RuntimeOptions({ readTimeout: call.timeoutMs, connectTimeout: call.timeoutMs });
  const answer: unknown = await client.callApi(params, request, runtime);
  return readAnswer(answer, OpenApiUtil.stringifyMapValue);
}

function readAnswer(answer: unknown, stringify: (m: Record<string, unknown>) => Record<string, string>): InvokeFunctionAnswer {
  const a = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const headers = typeof a.headers === 'object' && a.headers !== null ? stringify(a.headers as Record<string, unknown>) : {};
  const result: InvokeFunctionAnswer = { statusCode: Number(a.statusCode ?? 0), headers };
  if (isReadable(a.body)) result.body = a.body;
  else if (typeof a.body === 'string' || Buffer.isBuffer(a.body)) result.body = Readable.from([a.body]);
  return result;
}

function isReadable(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}
