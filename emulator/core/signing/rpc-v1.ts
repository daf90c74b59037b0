/** Legacy RPC V1 signatures (HMAC-SHA1, §3.2): all parameters but `Signature`, sorted and encoded. */
import { createHmac } from 'crypto';
import { acsEncode } from './acs3';

/** `params` are the decoded query (plus form body) parameters, including Signature. */
export function rpcV1Signature(method: string, params: Record<string, string>, secret: string): string {
  const canonical = Object.entries(params)
    .filter(([key]) => key !== 'Signature')
    .map(([k, v]) => [acsEncode(k), acsEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const stringToSign = `${method.toUpperCase()}&%2F&${acsEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}
