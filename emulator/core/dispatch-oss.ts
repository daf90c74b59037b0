/** OSS: everything that is neither RPC nor FC goes raw to the OSS service, which authenticates it itself. */
import type { Exchange, RawRequest } from './exchange';
import { queryParams } from './http';
import { ossRequestId } from './ids';
import { headerValue } from './signing/acs3';
import type { OssRequest, OssResponse } from './types';
import type { World } from './world';

export type OssEntry = (req: OssRequest, world: World) => Promise<OssResponse> | OssResponse;

const DEFAULT_ACTION: Record<string, string> = {
  GET: 'GetObject',
  PUT: 'PutObject',
  HEAD: 'HeadObject',
  DELETE: 'DeleteObject',
  POST: 'PostObject',
};

/**
 * The OSS action a request is taken for before the OSS service names it (GET -> GetObject, ...):
 * used by the dispatcher (faults) and by the OSS service until it knows better (e.g. a request failing authentication).
 */
export function defaultOssAction(method: string): string {
  const upper = method.toUpperCase();
  return DEFAULT_ACTION[upper] ?? upper;
}

export function prepareOss(req: RawRequest, entry: OssEntry): Exchange {
  const requestId = ossRequestId();
  const method = req.method.toUpperCase();
  return {
    protocol: 'oss',
    product: 'oss',
    // Choice: before the OSS service names it, an OSS request's action is guessed from the method (GET -> GetObject, ...); faults match on that.
    action: defaultOssAction(method),
    write: method === 'PUT' || method === 'POST' || method === 'DELETE',
    requestId,
    hostId: headerValue(req.headers, 'host') ?? 'oss.aliyuncs.com',
    async execute(world, trace) {
      const response = await entry(
        { method, path: req.rawPath, query: queryParams(req.rawQuery), headers: req.headers, body: req.body, requestId },
        world,
      );
      trace.caller = response.caller;
      trace.action = response.action;
      trace.write = response.write;
      return {
        status: response.status,
        headers: { 'x-oss-request-id': requestId, ...response.headers },
        body: response.body ?? '',
      };
    },
  };
}
