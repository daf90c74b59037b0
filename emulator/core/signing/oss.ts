/**
 * OSS request signatures (§9 of the wire notes), computed from what is on the wire only:
 * V1 `OSS <ak>:<base64 HMAC-SHA1>` and V4 `OSS4-HMAC-SHA256 Credential=…,Signature=<hex>`.
 * Pure functions; the OSS service looks up secrets and compares.
 */
import { createHash, createHmac } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

/** What a signature covers, as the OSS service parsed it from the request. */
export interface OssSignedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** Decoded query parameters; a valueless parameter maps to ''. */
  query: Record<string, string>;
  /** Undefined for service-level requests (ListBuckets). */
  bucket?: string;
  /** Decoded object key; '' for bucket-level requests. */
  key: string;
}

export type OssAuthorization =
  | { version: 'v1'; accessKeyId: string; signature: string }
  | {
      version: 'v4';
      accessKeyId: string;
      /** yyyymmdd */
      date: string;
      region: string;
      product: string;
      additionalHeaders: string[];
      signature: string;
    };

export const OSS_V4_ALGORITHM = 'OSS4-HMAC-SHA256';

/** Sub-resources that enter the V1 CanonicalizedResource. */
const V1_SUB_RESOURCES = new Set([
  'acl', 'append', 'bucketInfo', 'callback', 'callback-var', 'cname', 'comp', 'cors', 'delete', 'encryption',
  'endTime', 'img', 'lifecycle', 'live', 'location', 'logging', 'objectMeta', 'partNumber', 'policy', 'position',
  'qos', 'referer', 'replication', 'replicationLocation', 'replicationProgress', 'requestPayment',
  'response-cache-control', 'response-content-disposition', 'response-content-encoding', 'response-content-language',
  'response-content-type', 'response-expires', 'restore', 'security-token', 'sequential', 'startTime', 'stat',
  'status', 'style', 'styleName', 'symlink', 'tagging', 'transferAcceleration', 'uploadId', 'uploads', 'versionId',
  'versioning', 'versions', 'vod', 'website', 'worm', 'wormExtend', 'wormId', 'x-oss-process', 'x-oss-traffic-limit',
]);

export function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** enc(): encodeURIComponent plus ! ' ( ) * percent-encoded. */
export function ossEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Parses a V1 or V4 Authorization header; undefined when it is neither or malformed. */
export function parseOssAuthorization(header: string): OssAuthorization | undefined {
  const v1 = /^OSS ([^:\s]+):(\S+)$/.exec(header.trim());
  if (v1) return { version: 'v1', accessKeyId: v1[1], signature: v1[2] };
  if (!header.startsWith(`${OSS_V4_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(OSS_V4_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signature = fields.get('Signature');
  if (!credential || credential.length !== 5 || credential[4] !== 'aliyun_v4_request' || !signature) return undefined;
  const [accessKeyId, date, region, product] = credential;
  const additional = fields.get('AdditionalHeaders');
  const additionalHeaders = additional ? additional.split(';').map((h) => h.trim().toLowerCase()).filter(Boolean) : [];
  return { version: 'v4', accessKeyId, date, region, product, additionalHeaders, signature };
}

function ossHeaderLines(headers: IncomingHttpHeaders): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${(headerText(headers, name) ?? '').trim()}`);
}

/** V1 CanonicalizedResource: /<bucket>/<decoded key>, plus sorted OSS sub-resources. */
export function ossV1CanonicalResource(req: OssSignedRequest): string {
  const path = req.bucket === undefined ? '/' : `/${req.bucket}/${req.key}`;
  const subResources = Object.keys(req.query)
    .filter((name) => V1_SUB_RESOURCES.has(name))
    .sort()
    .map((name) => (req.query[name] === '' ? name : `${name}=${req.query[name]}`));
  return subResources.length > 0 ? `${path}?${subResources.join('&')}` : path;
}

export function ossV1StringToSign(req: OssSignedRequest): string {
  const date = headerText(req.headers, 'date') ?? headerText(req.headers, 'x-oss-date') ?? '';
  return [
    req.method.toUpperCase(),
    headerText(req.headers, 'content-md5') ?? '',
    headerText(req.headers, 'content-type') ?? '',
    date,
    ...ossHeaderLines(req.headers),
    ossV1CanonicalResource(req),
  ].join('\n');
}

export function ossV1Signature(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha1', accessKeySecret).update(Buffer.from(stringToSign, 'utf8')).digest('base64');
}

export function ossV4CanonicalRequest(req: OssSignedRequest, additionalHeaders: string[]): string {
  const uri = ossEncode(`/${req.bucket === undefined ? '' : `${req.bucket}/`}${req.key}`).replace(/%2F/g, '/');
  const query = Object.keys(req.query)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => (req.query[name] === '' ? ossEncode(name) : `${ossEncode(name)}=${ossEncode(req.query[name])}`))
    .join('&');
  const names = new Set(additionalHeaders);
  for (const name of Object.keys(req.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-type' || lower === 'content-md5' || lower.startsWith('x-oss-')) names.add(lower);
  }
  const canonicalHeaders = [...names]
    .sort()
    .map((name) => `${name}:${(headerText(req.headers, name) ?? '').trim()}\n`)
    .join('');
  return [
    req.method.toUpperCase(),
    uri,
    query,
    canonicalHeaders,
    additionalHeaders.join(';'),
    headerText(req.headers, 'x-oss-content-sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
}

export function ossV4Scope(date: string, region: string, product = 'oss'): string {
  return `${date}/${region}/${product}/aliyun_v4_request`;
}

export function ossV4StringToSign(ossDate: string, scope: string, canonicalRequest: string): string {
  const hashed = createHash('sha256').update(canonicalRequest).digest('hex');
  return [OSS_V4_ALGORITHM, ossDate, scope, hashed].join('\n');
}

export function ossV4Signature(accessKeySecret: string, date: string, region: string, stringToSign: string, product = 'oss'): string {
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`aliyun_v4${accessKeySecret}`, date), region), product), 'aliyun_v4_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

export interface OssSignatureCheck {
  matches: boolean;
  /** The server's string to sign (safe to echo in SignatureDoesNotMatch: it holds no secret). */
  stringToSign: string;
}

/** Recomputes the request's signature with `accessKeySecret` and compares it. */
export function verifyOssSignature(req: OssSignedRequest, auth: OssAuthorization, accessKeySecret: string): OssSignatureCheck {
  if (auth.version === 'v1') {
    const stringToSign = ossV1StringToSign(req);
    return { matches: ossV1Signature(accessKeySecret, stringToSign) === auth.signature, stringToSign };
  }
  const ossDate = headerText(req.headers, 'x-oss-date') ?? req.query['x-oss-date'] ?? '';
  const canonical = ossV4CanonicalRequest(req, auth.additionalHeaders);
  const stringToSign = ossV4StringToSign(ossDate, ossV4Scope(auth.date, auth.region, auth.product), canonical);
  const expected = ossV4Signature(accessKeySecret, auth.date, auth.region, stringToSign, auth.product);
  return { matches: ossDate.startsWith(auth.date) && expected === auth.signature, stringToSign };
}
