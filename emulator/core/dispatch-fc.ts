/**
 * Function Compute (ROA): FC 3.0 paths under `/2023-03-30/` and the FC 2.0 paths under `/2016-08-15/`
 * that clients still call (fc3's code upload), matched on method plus path pattern.
 */
import { isFcHost } from '../fc/region';
import { authenticate } from './auth';
import type { WireResponse } from './errors';
import type { Exchange, RawRequest } from './exchange';
import { queryParams } from './http';
import { fcRequestId } from './ids';
import { ApiError, type RestResult, type RestRoute } from './types';

export const FC_PREFIX = '/2023-03-30/';
export const FC2_PREFIX = '/2016-08-15/';
/** Any other Alibaba Cloud host (OSS's `<bucket>.oss-<region>.aliyuncs.com`, ...) is never FC, whatever the path. */
const CLOUD_HOST = /\.aliyuncs\.com(?::\d+)?$/i;

/**
 * On the shared endpoint: a request with an FC Host, or one whose path starts with an FC API version and
 * whose Host is no other cloud host (an IP or a host name, as a client pointed at the emulator sends).
 */
export function isFcRequest(req: RawRequest): boolean {
  const host = typeof req.headers.host === 'string' ? req.headers.host : '';
  if (isFcHost(host)) return true;
  if (CLOUD_HOST.test(host)) return false;
  return req.rawPath.startsWith(FC_PREFIX) || req.rawPath.startsWith(FC2_PREFIX);
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Path parameters when `rawPath` fits `pattern` (':name' segments), else undefined. */
export function matchPattern(pattern: string, rawPath: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = rawPath.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      const value = decode(have[i]);
      if (value === undefined || value === '') return undefined;
      params[want[i].slice(1)] = value;
    } else if (want[i] !== have[i]) {
      return undefined;
    }
  }
  return params;
}

function toWire(result: RestResult, requestId: string): WireResponse {
  const headers: Record<string, string> = { 'x-fc-request-id': requestId, ...result.headers };
  let body: string | Buffer = '';
  if (Buffer.isBuffer(result.body) || typeof result.body === 'string') {
    body = result.body;
  } else if (result.body !== undefined) {
    body = JSON.stringify(result.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json; charset=utf-8';
  }
  return { status: result.status, headers, body };
}

export function prepareFc(req: RawRequest, routes: readonly RestRoute[]): Exchange {
  const requestId = fcRequestId();
  let route: RestRoute | undefined;
  let pathParams: Record<string, string> | undefined;
  for (const candidate of routes) {
    if (candidate.method.toUpperCase() !== req.method.toUpperCase()) continue;
    pathParams = matchPattern(candidate.pattern, req.rawPath);
    if (pathParams) {
      route = candidate;
      break;
    }
  }
  const protocol = req.rawPath.startsWith(FC2_PREFIX) ? ('fc2' as const) : ('fc' as const);
  const base = { protocol, product: 'fc' as const, requestId, hostId: 'fc.aliyuncs.com' };
  if (!route || !pathParams) {
    // Source: FC error codes, https://www.alibabacloud.com/help/en/functioncompute/error-codes
    // "400 PathNotSupported '%s' against '%s' is not supported: The requested API path is invalid."
    const err = new ApiError(400, 'PathNotSupported', `'${req.method}' against '${req.rawPath}' is not supported`);
    return { ...base, action: 'Unknown', write: false, routingError: err, execute: unreachable };
  }
  const matched = route;
  const params = pathParams;
  return {
    ...base,
    action: matched.action,
    write: matched.write,
    async execute(world, trace) {
      const caller = authenticate({ ...req, params: {} }, world, 'fc');
      trace.caller = caller;
      const result = await matched.handler({
        method: req.method,
        path: req.rawPath,
        pathParams: params,
        query: queryParams(req.rawQuery),
        headers: req.headers,
        body: req.body,
        caller,
        world,
        requestId,
        endpointRegion: req.endpointRegion,
      });
      return toWire(result, requestId);
    },
  };
}

function unreachable(): never {
  throw new Error('emulator: execute() called on a request that failed routing');
}
