/**
 * FC's own signature (`Authorization: FC <AccessKeyId>:<signature>`), used by the FC 2.0 API (2016-08-15).
 * Source: "Signature authentication", https://www.alibabacloud.com/help/en/functioncompute/fc-2-0/developer-reference/signature-authentication
 * ("signature = Base64(HMAC-SHA256(AccessKey secret, string-to-sign))", string-to-sign = HTTP_METHOD, CONTENT-MD5,
 * CONTENT-TYPE, DATE each followed by "\n", then CanonicalizedFCHeaders (every x-fc-* header as
 * `<lower-case name>:<value>\n`, sorted), then CanonicalizedResource: the URL-decoded path without its parameters).
 */
import { createHmac } from 'crypto';
import type { IncomingHttpHeaders } from 'http';
import { headerValue } from './acs3';

export function parseFcV2Authorization(header: string): { accessKeyId: string; signature: string } | undefined {
  const match = /^FC ([^:\s]+):(\S+)$/.exec(header.trim());
  return match ? { accessKeyId: match[1], signature: match[2] } : undefined;
}

function decodedPath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

export function fcV2StringToSign(method: string, rawPath: string, headers: IncomingHttpHeaders): string {
  const fcHeaders = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name.startsWith('x-fc-'))
    .sort()
    .map((name) => `${name}:${headerValue(headers, name) ?? ''}\n`)
    .join('');
  const fields = [method.toUpperCase(), 'content-md5', 'content-type', 'date']
    .map((name, i) => (i === 0 ? name : headerValue(headers, name) ?? ''))
    .join('\n');
  return `${fields}\n${fcHeaders}${decodedPath(rawPath)}`;
}

export function fcV2Signature(method: string, rawPath: string, headers: IncomingHttpHeaders, secret: string): string {
  return createHmac('sha256', secret).update(fcV2StringToSign(method, rawPath, headers), 'utf8').digest('base64');
}
