/** FC 3.0 (ROA): any path under `/2023-03-30/`, matched on method plus path pattern. */
import { authenticate } from './auth';
import type { WireResponse } from './errors';
import type { Exchange, RawRequest } from './exchange';
import { queryParams } from './http';
import { fcRequestId } from './ids';
import { ApiError, type RestResult, type RestRoute } from './types';

export const FC_PREFIX = '/2023-03-30/';

export function isFcRequest(req: RawRequest): boolean {
  return req.rawPath.startsWith(FC_PREFIX);
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
  const base = { protocol: 'fc' as const, product: 'fc' as const, requestId, hostId: 'fc.aliyuncs.com' };
  if (!route || !pathParams) {
    // Choice: a method+path no FC route serves answers 404 NotFound (loudly naming the request), as the emulator's "not implemented".
    const err = new ApiError(404, 'NotFound', `The emulator has no FC 3.0 API for ${req.method} ${req.rawPath}.`);
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
      });
      return toWire(result, requestId);
    },
  };
}

function unreachable(): never {
  throw new Error('emulator: execute() called on a request that failed routing');
}
