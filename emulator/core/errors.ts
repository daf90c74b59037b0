/**
 * The ONE place errors become wire bytes: RPC and FC as JSON, OSS as XML. Also the shared
 * protocol-level errors (internal error, throttling, unavailable) with each protocol's real code.
 */
import { ApiError, type Product } from './types';

/** 'fc' is FC 3.0 (2023-03-30), 'fc2' the FC 2.0 paths (2016-08-15) it still serves. */
export type Protocol = 'rpc' | 'fc' | 'fc2' | 'oss';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const TROUBLESHOOT_PRODUCT: Partial<Record<Product, string>> = { ram: 'Ram', sts: 'Sts', rm: 'ResourceManager' };

/** RPC (RAM/STS/RM): `{RequestId, HostId, Code, Message, Recommend, ...extra}` as JSON. */
export function rpcErrorResponse(err: ApiError, requestId: string, hostId: string, product?: Product): WireResponse {
  const troubleshoot = (product && TROUBLESHOOT_PRODUCT[product]) ?? 'Unknown';
  const body = {
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${troubleshoot}&requestId=${requestId}`,
    ...err.extra,
  };
  return { status: err.status, headers: { 'content-type': 'application/json;charset=utf-8' }, body: JSON.stringify(body) };
}

/** FC 3.0: `{Code, Message, RequestId, ...extra}` as JSON, plus the `x-fc-request-id` header. */
export function fcErrorResponse(err: ApiError, requestId: string): WireResponse {
  const body = { Code: err.code, Message: err.message, RequestId: requestId, ...err.extra };
  return {
    status: err.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-fc-request-id': requestId },
    body: JSON.stringify(body),
  };
}

/**
 * FC 2.0 (2016-08-15): `{errorCode, errorMessage}` as JSON, plus `x-fc-request-id`.
 * Source: https://www.alibabacloud.com/help/en/functioncompute/error-codes ("Error response format
 * { "errorCode" : "<ErrorCode>", "errorMessage" : "<ErrorMessage>" }").
 */
export function fc2ErrorResponse(err: ApiError, requestId: string): WireResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-fc-request-id': requestId },
    body: JSON.stringify({ errorCode: err.code, errorMessage: err.message }),
  };
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[ch]};`);
}

/** OSS error document (§9): `<Error><Code/><Message/><RequestId/><HostId/>…extra…</Error>`. */
export function ossErrorXml(err: ApiError, requestId: string, hostId: string): string {
  const extra = Object.entries(err.extra)
    .map(([key, value]) => `  <${key}>${xmlEscape(String(value))}</${key}>\n`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n' +
    `  <Code>${xmlEscape(err.code)}</Code>\n` +
    `  <Message>${xmlEscape(err.message)}</Message>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    `  <HostId>${xmlEscape(hostId)}</HostId>\n` +
    extra +
    '</Error>\n'
  );
}

export function ossErrorResponse(err: ApiError, requestId: string, hostId: string): WireResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/xml', 'x-oss-request-id': requestId },
    body: ossErrorXml(err, requestId, hostId),
  };
}

/** Serializes `err` for the protocol the request came in on. */
export function errorResponse(
  protocol: Protocol,
  err: ApiError,
  requestId: string,
  hostId: string,
  product?: Product,
): WireResponse {
  if (protocol === 'rpc') return rpcErrorResponse(err, requestId, hostId, product);
  if (protocol === 'fc') return fcErrorResponse(err, requestId);
  if (protocol === 'fc2') return fc2ErrorResponse(err, requestId);
  return ossErrorResponse(err, requestId, hostId);
}

export type CommonFailure = 'InternalError' | 'ServiceUnavailable' | 'Throttling';

/** FC 2.0 paths share FC's codes. */
const COMMON: Record<CommonFailure, Record<Exclude<Protocol, 'fc2'>, [number, string, string]>> = {
  InternalError: {
    rpc: [500, 'InternalError', 'The request processing has failed due to some unknown error, exception or failure.'],
    fc: [500, 'InternalError', 'An internal error has occurred. Please retry.'],
    oss: [500, 'InternalError', 'We encountered an internal error. Please try again.'],
  },
  ServiceUnavailable: {
    rpc: [503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'],
    fc: [503, 'ServiceUnavailable', 'Service is temporarily unavailable, please retry later.'],
    oss: [503, 'ServiceUnavailable', 'Please reduce your request rate.'],
  },
  Throttling: {
    rpc: [400, 'Throttling.User', 'Request was denied due to user flow control.'],
    fc: [429, 'ResourceThrottled', 'Request was throttled, please retry later.'],
    // Choice: OSS throttling is 503 QpsLimitExceeded (the documents give no OSS throttling code).
    oss: [503, 'QpsLimitExceeded', 'Please reduce your request rate.'],
  },
};

/** The protocol's real error for a generic failure (used by faults and by unexpected handler exceptions). */
export function commonError(failure: CommonFailure, protocol: Protocol): ApiError {
  const [status, code, message] = COMMON[failure][protocol === 'fc2' ? 'fc' : protocol];
  return new ApiError(status, code, message);
}
