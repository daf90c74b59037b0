/**
 * Which FC region a request addresses. Functions are stored per region.
 *
 * Source: "Endpoints", https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/fc-endpoints
 * ("<Alibaba Cloud account ID>.cn-hangzhou.fc.aliyuncs.com" ... one endpoint per region): the region is part of
 * the endpoint a client connects to, never a header. On the emulator a region's endpoint is either a real FC Host
 * (e.g. a handler's request routed to the emulator) or the port of that region (`startEmulator().fcEndpoints`).
 */
import type { IncomingHttpHeaders } from 'http';
import { ApiError } from '../core/types';

/**
 * The FC 3.0 regions of the endpoints page above (its public-cloud table, 21 regions from 华东1(杭州) cn-hangzhou
 * to 沙特(利雅得) me-central-1; https://help.aliyun.com/document_detail/52984.html lists no ap-south-1).
 */
export const FC_REGIONS: readonly string[] = `
  cn-hangzhou cn-shanghai cn-qingdao cn-beijing cn-zhangjiakou cn-huhehaote cn-wulanchabu cn-shenzhen cn-chengdu
  cn-hongkong ap-northeast-1 ap-northeast-2 ap-southeast-1 ap-southeast-3 ap-southeast-5 ap-southeast-7
  eu-central-1 eu-west-1 us-west-1 us-east-1 me-central-1
`.trim().split(/\s+/);

const ACCOUNT_HOST = /^\d+\.([a-z0-9-]+?)(?:-internal)?\.fc\.aliyuncs\.com(?::\d+)?$/i;
const FCV3_HOST = /^fcv3\.([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com(?::\d+)?$/i;

function hostOf(headers: IncomingHttpHeaders): string {
  const value = headers.host;
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The region named by a real FC Host (<acct>.<region>[-internal].fc.aliyuncs.com | fcv3.<region>.aliyuncs.com). */
export function regionOfFcHost(host: string): string | undefined {
  return (ACCOUNT_HOST.exec(host) ?? FCV3_HOST.exec(host))?.[1].toLowerCase();
}

/** True when the Host names an FC endpoint. */
export function isFcHost(host: string): boolean {
  return regionOfFcHost(host) !== undefined;
}

/**
 * The region of the endpoint the request came in on: the port's region (`endpointRegion`), else the
 * region in a real FC Host. The emulator's shared endpoint (RAM, STS, Resource Manager, OSS) is no
 * FC endpoint: an FC request there without an FC Host names no region.
 */
export function resolveFcRegion(headers: IncomingHttpHeaders, endpointRegion?: string): string {
  if (endpointRegion) return endpointRegion;
  const fromHost = regionOfFcHost(hostOf(headers));
  if (fromHost) return fromHost;
  // Choice: an FC request on the shared endpoint without an FC Host is 400 PathNotSupported naming the region endpoints to use (no FC endpoint lacks a region).
  throw new ApiError(
    400,
    'PathNotSupported',
    `this endpoint serves no Function Compute region (Host '${hostOf(headers)}'): send FC requests to the FC endpoint of the region, ` +
      'one port per region (startEmulator().fcEndpoints, or the FC endpoints the emulator command prints)',
  );
}
