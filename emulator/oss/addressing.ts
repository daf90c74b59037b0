/**
 * Which bucket and key an OSS request addresses (§1.2): a Host that is a custom domain bound to a bucket
 * (CNAME: the whole path is the key), else the first path segment when it names a known bucket
 * (sldEnable / path style), else the first label of a Host ending in .aliyuncs.com (virtual host; ali-oss
 * synthesizes `<bucket>.<region>.aliyuncs.com` for IP endpoints), else the first segment.
 * Source: "Access OSS using a custom domain name" (https://www.alibabacloud.com/help/en/oss/user-guide/map-custom-domain-names-5):
 * a domain mapped to a bucket addresses that bucket's objects as http(s)://<domain>/<object>.
 */
import type { IncomingHttpHeaders } from 'http';
import { ApiError } from '../core/types';
import type { Account, World } from '../core/world';
import type { BucketRecord } from './state';

export interface OssTarget {
  /** Undefined for service-level requests (GET / without a bucket). */
  bucket?: string;
  /** Decoded object key; '' for bucket-level requests. */
  key: string;
  /** Region from a host like <bucket>.oss-cn-hangzhou.aliyuncs.com, if any. */
  hostRegion?: string;
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'InvalidObjectName', 'The specified object is not valid.');
  }
}

/** The account owning a bucket (bucket names are global), if any. */
export function findBucketOwner(world: World, name: string): { account: Account; bucket: BucketRecord } | undefined {
  for (const account of world.accounts.values()) {
    const bucket = account.oss.findBucket(name);
    if (bucket) return { account, bucket };
  }
  return undefined;
}

function hostOf(headers: IncomingHttpHeaders): string {
  const host = headers.host;
  return (Array.isArray(host) ? host[0] : host ?? '').replace(/:\d+$/, '').toLowerCase();
}

/** The bucket bound to a custom domain, if any. */
function findCnameBucket(world: World, host: string): string | undefined {
  for (const account of world.accounts.values()) {
    const bucket = account.oss.listBuckets().find((b) => b.cnames.includes(host));
    if (bucket) return bucket.name;
  }
  return undefined;
}

export function resolveTarget(world: World, rawPath: string, headers: IncomingHttpHeaders): OssTarget {
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  const cnameBucket = findCnameBucket(world, hostOf(headers));
  if (cnameBucket) return { bucket: cnameBucket, key: decodeKey(path) };
  const slash = path.indexOf('/');
  const firstSegment = decodeKey(slash < 0 ? path : path.slice(0, slash));
  const restOfPath = slash < 0 ? '' : path.slice(slash + 1);
  const host = hostOf(headers);
  const hostMatch = /^([a-z0-9-]+)\.(?:oss-)?([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/.exec(host);
  const hostRegion = hostMatch?.[2];
  // Choice: a path-style request on an IP endpoint whose first segment is the bucket the synthesized Host names is path style, even before the bucket exists (PutBucket).
  if (firstSegment !== '' && (findBucketOwner(world, firstSegment) || firstSegment === hostMatch?.[1])) {
    return { bucket: firstSegment, key: decodeKey(restOfPath), hostRegion };
  }
  if (hostMatch) return { bucket: hostMatch[1], key: decodeKey(path), hostRegion };
  if (firstSegment !== '') return { bucket: firstSegment, key: decodeKey(restOfPath) };
  return { key: '' };
}
