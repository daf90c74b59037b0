/** Request ids and random identifiers in the formats the real services use. */
import { randomBytes, randomUUID } from 'crypto';

/** RPC (RAM/STS/RM): an uppercase UUID, e.g. 04F0F334-1335-436C-A1D7-6C044FE73368. */
export function rpcRequestId(): string {
  return randomUUID().toUpperCase();
}

/** FC 3.0: `1-<8 hex>-<24 hex>`, e.g. 1-64e70cf1-5cbef92ea8fc8c42899cf5d1. */
export function fcRequestId(): string {
  return `1-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`;
}

/** OSS: 24 uppercase hex characters. */
export function ossRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random characters from [A-Za-z0-9]. */
export function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[bytes[i] % ALNUM.length];
  return out;
}

/** `length` random decimal digits (e.g. for RAM user and role ids). */
export function randomDigits(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += String(bytes[i] % 10);
  return out;
}
