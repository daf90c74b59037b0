/** Which FC region a request addresses. Functions are stored per region. */
import type { IncomingHttpHeaders } from 'http';

export const DEFAULT_FC_REGION = 'cn-hangzhou';

const ACCOUNT_HOST = /^\d+\.([a-z0-9-]+)\.fc\.aliyuncs\.com(?::\d+)?$/i;
const FCV3_HOST = /^fcv3\.([a-z0-9-]+)\.aliyuncs\.com(?::\d+)?$/i;
const REGION_ID = /^[a-z]{2}(?:-[a-z0-9]+)+$/;

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Choice: FC region = region in a real FC Host (<acct>.<region>.fc.aliyuncs.com | fcv3.<region>.aliyuncs.com), else the unsigned extension header x-fc-region, else cn-hangzhou.
export function resolveFcRegion(headers: IncomingHttpHeaders): string {
  const host = headerValue(headers, 'host') ?? '';
  const fromHost = ACCOUNT_HOST.exec(host) ?? FCV3_HOST.exec(host);
  if (fromHost) return fromHost[1].toLowerCase();
  const fromHeader = headerValue(headers, 'x-fc-region')?.trim().toLowerCase();
  if (fromHeader && REGION_ID.test(fromHeader)) return fromHeader;
  return DEFAULT_FC_REGION;
}
