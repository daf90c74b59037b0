/**
 * RPC (RAM, STS, Resource Manager): `POST /`, product from `x-acs-version`, action from
 * `x-acs-action` (legacy V1: the `Version`/`Action` query parameters).
 */
import { authenticate } from './auth';
import type { Exchange, RawRequest } from './exchange';
import { headerValue } from './signing/acs3';
import { queryParams } from './http';
import { rpcRequestId } from './ids';
import { ApiError, type RpcService } from './types';

/** Legacy V1 signing parameters: part of the signature, not of the API. */
const V1_PARAMS = ['Action', 'Version', 'Format', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'Signature', 'SecurityToken'];

export function isRpcRequest(req: RawRequest): boolean {
  return req.rawPath === '/' && (req.headers['x-acs-version'] !== undefined || /(^|&)Version=/.test(req.rawQuery));
}

function allParams(req: RawRequest): Record<string, string> {
  const params = queryParams(req.rawQuery);
  const contentType = headerValue(req.headers, 'content-type') ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded') && req.body.length > 0) {
    Object.assign(params, queryParams(req.body.toString('utf8')));
  }
  return params;
}

export function prepareRpc(req: RawRequest, services: readonly RpcService[]): Exchange {
  const params = allParams(req);
  const version = headerValue(req.headers, 'x-acs-version') ?? params.Version ?? '';
  const action = headerValue(req.headers, 'x-acs-action') ?? params.Action ?? '';
  const requestId = rpcRequestId();
  const service = services.find((s) => s.version === version);
  const entry = service && Object.prototype.hasOwnProperty.call(service.actions, action) ? service.actions[action] : undefined;
  const base = {
    protocol: 'rpc' as const,
    product: service?.product ?? ('unknown' as const),
    action,
    write: entry?.write ?? false,
    requestId,
    hostId: service?.hostId ?? headerValue(req.headers, 'host') ?? 'localhost',
  };
  if (!service) {
    // Choice: an unknown API version answers 400 InvalidVersion (logged with product 'unknown').
    return { ...base, routingError: new ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.'), execute: unreachable };
  }
  if (!entry) {
    // Choice: an action the emulator does not implement answers 404 InvalidAction.NotFound, like an unknown API.
    const err = new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    return { ...base, routingError: err, execute: unreachable };
  }
  return {
    ...base,
    async execute(world, trace) {
      const caller = authenticate({ ...req, params }, world, 'rpc');
      trace.caller = caller;
      const apiParams = { ...params };
      if (params.Signature !== undefined) for (const key of V1_PARAMS) delete apiParams[key];
      const result = await entry.handler({ product: service.product, action, params: apiParams, caller, world, requestId });
      return {
        status: 200,
        headers: { 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': requestId },
        body: JSON.stringify({ RequestId: requestId, ...result }),
      };
    },
  };
}

function unreachable(): never {
  throw new Error('emulator: execute() called on a request that failed routing');
}
