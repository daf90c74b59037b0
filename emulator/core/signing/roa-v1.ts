/** Legacy ROA V1 signatures (`authorization: acs AK:sig`, HMAC-SHA1, §3.3), used by FC with signatureAlgorithm 'v2'. */
import { createHmac } from 'crypto';
import type { IncomingHttpHeaders } from 'http';
import { headerValue, parseRawQuery } from './acs3';

export function parseRoaV1Authorization(header: string): { accessKeyId: string; signature: string } | undefined {
  const match = /^acs ([^:\s]+):(\S+)$/.exec(header);
  return match ? { accessKeyId: match[1], signature: match[2] } : undefined;
}

export function roaV1Signature(
  method: string,
  rawPath: string,
  rawQuery: string,
  headers: IncomingHttpHeaders,
  secret: string,
): string {
  const acsHeaders = Object.keys(headers)
    .filter((name) => name.startsWith('x-acs-'))
    .sort()
    .map((name) => `${name}:${(headerValue(headers, name) ?? '').replace(/[\t\n]/g, ' ').trim()}\n`)
    .join('');
  const query = parseRawQuery(rawQuery)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .join('&');
  const resource = query ? `${rawPath}?${query}` : rawPath;
  const stringToSign =
    [method.toUpperCase(), 'accept', 'content-md5', 'content-type', 'date']
      .map((name, i) => (i === 0 ? name : headerValue(headers, name) ?? ''))
      .join('\n') +
    '\n' +
    acsHeaders +
    resource;
  return createHmac('sha1', secret).update(stringToSign).digest('base64');
}
