/**
 * ACS3-HMAC-SHA256 (§3.1 of the wire notes), computed from what is on the wire only:
 * the SignedHeaders list comes from the Authorization header, never a fixed set.
 */
import { createHash, createHmac } from 'crypto';
import type { IncomingHttpHeaders } from 'http';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`; undefined when malformed. */
export function parseAcs3Authorization(header: string): Acs3Authorization | undefined {
  if (!header.startsWith(`${ACS3_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(ACS3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || signedHeaders === undefined || !signature) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';').filter((h) => h.length > 0), signature };
}

/** encodeURIComponent plus ! ' ( ) * escaped, as the SDK does. */
export function acsEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits a raw query into decoded [key, value] pairs (a valueless item gives ''). */
export function parseRawQuery(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter((item) => item.length > 0)
    .map((item) => {
      const eq = item.indexOf('=');
      return eq < 0 ? [safeDecode(item), ''] : [safeDecode(item.slice(0, eq)), safeDecode(item.slice(eq + 1))];
    });
}

function canonicalQuery(rawQuery: string): string {
  return parseRawQuery(rawQuery)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${acsEncode(k)}=${acsEncode(v)}`)
    .join('&');
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface Acs3Input {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  signedHeaders: string[];
  /** The x-acs-content-sha256 value (already checked against the body). */
  bodyHash: string;
}

/** The signature the request should carry when signed with `secret`. */
export function acs3Signature(input: Acs3Input, secret: string): string {
  const canonicalHeaders = input.signedHeaders
    .map((name) => `${name}:${(headerValue(input.headers, name) ?? '').trim()}\n`)
    .join('');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.rawPath,
    canonicalQuery(input.rawQuery),
    canonicalHeaders,
    input.signedHeaders.join(';'),
    input.bodyHash,
  ].join('\n');
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}
