/** OSS operations: thin handlers over OssState (parse -> state -> serialize). */
import { createHash } from 'crypto';
import { ApiError, type OssRequest, type OssResponse } from '../core/types';
import type { Account } from '../core/world';
import { headerText } from '../core/signing/oss';
import type { ObjectRecord } from './state';

export interface OssOperationContext {
  req: OssRequest;
  /** The account owning the bucket (or, for PutBucket, the caller's account). */
  account: Account;
  bucket: string;
  key: string;
  region: string;
}

function httpDate(date: Date): string {
  return date.toUTCString();
}

function objectHeaders(object: ObjectRecord): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    'content-length': String(object.body.length),
    etag: `"${object.etag}"`,
    'last-modified': httpDate(object.lastModified),
    'x-oss-object-type': 'Normal',
    'x-oss-storage-class': 'Standard',
  };
  for (const [name, value] of Object.entries(object.meta)) headers[name] = value;
  return headers;
}

// Choice: a malformed Content-MD5 is 400 InvalidDigest, a well-formed one that does not match the body is 400 BadDigest.
function checkContentMd5(req: OssRequest): void {
  const sent = headerText(req.headers, 'content-md5');
  if (sent === undefined) return;
  const digest = Buffer.from(sent, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== sent.trim()) {
    throw new ApiError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.', { 'Content-MD5': sent });
  }
  const actual = createHash('md5').update(req.body).digest('base64');
  if (actual !== sent.trim()) {
    throw new ApiError(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.', {
      ExpectedMD5: sent,
      CalculatedMD5: actual,
    });
  }
}

function metaHeaders(req: OssRequest): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const name of Object.keys(req.headers)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-oss-meta-')) meta[lower] = headerText(req.headers, name) ?? '';
  }
  return meta;
}

export function putObject(ctx: OssOperationContext): OssResponse {
  checkContentMd5(ctx.req);
  const contentType = headerText(ctx.req.headers, 'content-type') ?? 'application/octet-stream';
  const object = ctx.account.oss.putObject(ctx.bucket, ctx.key, ctx.req.body, contentType, metaHeaders(ctx.req));
  return {
    status: 200,
    headers: { etag: `"${object.etag}"`, 'content-md5': createHash('md5').update(object.body).digest('base64') },
    body: '',
  };
}

export function getObject(ctx: OssOperationContext): OssResponse {
  const object = ctx.account.oss.getObject(ctx.bucket, ctx.key);
  return { status: 200, headers: objectHeaders(object), body: object.body };
}

export function headObject(ctx: OssOperationContext): OssResponse {
  const object = ctx.account.oss.getObject(ctx.bucket, ctx.key);
  return { status: 200, headers: objectHeaders(object) };
}

export function deleteObject(ctx: OssOperationContext): OssResponse {
  ctx.account.oss.deleteObject(ctx.bucket, ctx.key);
  return { status: 204 };
}

// Choice: PutBucket on a bucket the caller's account already owns succeeds (idempotent); owned by another account is 409 BucketAlreadyExists.
export function putBucket(ctx: OssOperationContext): OssResponse {
  ctx.account.oss.createBucket(ctx.bucket, ctx.region);
  return { status: 200, headers: { location: `/${ctx.bucket}` }, body: '' };
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[ch]};`);
}

/** ListObjects (v1): prefix, marker and max-keys; no delimiter grouping. */
export function listObjects(ctx: OssOperationContext): OssResponse {
  const prefix = ctx.req.query.prefix ?? '';
  const marker = ctx.req.query.marker ?? '';
  const maxKeys = Math.min(Math.max(Number(ctx.req.query['max-keys'] ?? '100') || 100, 1), 1000);
  const matching = ctx.account.oss.listObjects(ctx.bucket, prefix).filter((object) => object.key > marker);
  const page = matching.slice(0, maxKeys);
  const truncated = matching.length > maxKeys;
  const contents = page.map((object) =>
    '  <Contents>\n' +
    `    <Key>${xmlEscape(object.key)}</Key>\n` +
    `    <LastModified>${object.lastModified.toISOString()}</LastModified>\n` +
    `    <ETag>"${object.etag}"</ETag>\n` +
    '    <Type>Normal</Type>\n' +
    `    <Size>${object.body.length}</Size>\n` +
    '    <StorageClass>Standard</StorageClass>\n' +
    `    <Owner><ID>${ctx.account.id}</ID><DisplayName>${ctx.account.id}</DisplayName></Owner>\n` +
    '  </Contents>\n').join('');
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult>\n' +
    `  <Name>${xmlEscape(ctx.bucket)}</Name>\n  <Prefix>${xmlEscape(prefix)}</Prefix>\n` +
    `  <Marker>${xmlEscape(marker)}</Marker>\n  <MaxKeys>${maxKeys}</MaxKeys>\n  <Delimiter></Delimiter>\n` +
    `  <IsTruncated>${truncated}</IsTruncated>\n` +
    (truncated ? `  <NextMarker>${xmlEscape(page[page.length - 1].key)}</NextMarker>\n` : '') +
    contents +
    '</ListBucketResult>\n';
  return { status: 200, headers: { 'content-type': 'application/xml' }, body: xml };
}
