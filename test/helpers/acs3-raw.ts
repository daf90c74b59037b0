/**
 * Hand-made ACS3-HMAC-SHA256 requests (wire notes §3.1), for what no SDK sends: a signature over a
 * chosen subset of headers, a declared body hash that differs from the body, a mismatching
 * x-acs-accesskey-id. Independent of the emulator's own signing code.
 */
import { createHash, createHmac, randomBytes } from 'crypto';
import { rawRequest, type RawResponse } from './raw-http';

export interface Acs3RawRequest {
  method?: string;
  /** Raw path (before '?'), e.g. '/' or '/2023-03-30/functions'. */
  path?: string;
  /** Raw query string without '?', already encoded. */
  query?: string;
  /** Extra headers (lower-case names), e.g. x-acs-version and x-acs-action. */
  headers: Record<string, string>;
  /** The body sent. */
  body?: string;
  /** The body the signature (and x-acs-content-sha256) claims; default: `body`. */
  signedBody?: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Headers to sign; default: every header that is host, content-type or x-acs-* (as the SDK does). */
  signedHeaders?: string[];
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((item) => {
      const eq = item.indexOf('=');
      return eq < 0 ? [decodeURIComponent(item), ''] : [decodeURIComponent(item.slice(0, eq)), decodeURIComponent(item.slice(eq + 1))];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join('&');
}

/** Signs and sends the request to the emulator on `port`. */
export function sendAcs3(port: number, spec: Acs3RawRequest): Promise<RawResponse> {
  const method = spec.method ?? 'POST';
  const path = spec.path ?? '/';
  const query = spec.query ?? '';
  const body = spec.body ?? '';
  const bodyHash = sha256Hex(spec.signedBody ?? body);
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': randomBytes(32).toString('hex'),
    'x-acs-content-sha256': bodyHash,
    ...spec.headers,
  };
  const signed = (spec.signedHeaders ?? Object.keys(headers).filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-')))
    .map((h) => h.toLowerCase())
    .sort();
  const canonicalHeaders = signed.map((h) => `${h}:${(headers[h] ?? '').trim()}\n`).join('');
  const canonicalRequest = [method, path, canonicalQuery(query), canonicalHeaders, signed.join(';'), bodyHash].join('\n');
  const signature = createHmac('sha256', spec.accessKeySecret).update(`ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`).digest('hex');
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${spec.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
  return rawRequest(port, { method, path: query ? `${path}?${query}` : path, headers, body });
}
