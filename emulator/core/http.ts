/** Small HTTP helpers for the server: read a whole (possibly chunked) body, split the URL, send bytes. */
import type { IncomingMessage, ServerResponse } from 'http';
import type { WireResponse } from './errors';
import { parseRawQuery } from './signing/acs3';

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Raw path (still percent-encoded) and raw query (without '?'). */
export function splitUrl(url: string | undefined): { rawPath: string; rawQuery: string } {
  const target = url ?? '/';
  const q = target.indexOf('?');
  return q < 0 ? { rawPath: target, rawQuery: '' } : { rawPath: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

/** Decoded query parameters; the last occurrence of a key wins. */
export function queryParams(rawQuery: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of parseRawQuery(rawQuery)) params[key] = value;
  return params;
}

/** Writes the response; a content-length the service set itself (e.g. OSS HEAD) is kept. */
export function send(res: ServerResponse, response: WireResponse): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  const headers = { ...response.headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}
