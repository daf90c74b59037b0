/**
 * OSS state of one account: its buckets and their objects. Plain data, no I/O.
 * Bucket names are global in OSS; `findBucketOwner` (routes) looks across accounts.
 */
import { createHash } from 'crypto';
import { ApiError } from '../core/types';

export interface ObjectRecord {
  key: string;
  body: Buffer;
  /** Upper-case MD5 hex, as OSS returns it (quoted in the ETag header). */
  etag: string;
  contentType: string;
  lastModified: Date;
  /** x-oss-meta-* headers as sent (lower-case names). */
  meta: Record<string, string>;
}

export interface BucketRecord {
  name: string;
  /** e.g. cn-hangzhou */
  region: string;
  createdAt: Date;
  objects: Map<string, ObjectRecord>;
  /** Custom domains bound to the bucket (lower case). */
  cnames: string[];
}

export const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export class OssState {
  private readonly buckets = new Map<string, BucketRecord>();

  constructor(readonly accountId: string) {}

  /** Idempotent: an existing bucket of this account is kept as is. */
  createBucket(name: string, region: string): BucketRecord {
    if (!BUCKET_NAME.test(name)) {
      throw new ApiError(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: name });
    }
    const existing = this.buckets.get(name);
    if (existing) return existing;
    const bucket: BucketRecord = { name, region: region.replace(/^oss-/, ''), createdAt: new Date(), objects: new Map(), cnames: [] };
    this.buckets.set(name, bucket);
    return bucket;
  }

  findBucket(name: string): BucketRecord | undefined {
    return this.buckets.get(name);
  }

  /** Throws 404 NoSuchBucket. */
  getBucket(name: string): BucketRecord {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new ApiError(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: name });
    return bucket;
  }

  listBuckets(): BucketRecord[] {
    return [...this.buckets.values()];
  }

  putObject(bucketName: string, key: string, body: Buffer, contentType: string, meta: Record<string, string> = {}): ObjectRecord {
    const bucket = this.getBucket(bucketName);
    const record: ObjectRecord = {
      key,
      body,
      etag: createHash('md5').update(body).digest('hex').toUpperCase(),
      contentType,
      lastModified: new Date(),
      meta,
    };
    bucket.objects.set(key, record);
    return record;
  }

  findObject(bucketName: string, key: string): ObjectRecord | undefined {
    return this.buckets.get(bucketName)?.objects.get(key);
  }

  /** Throws 404 NoSuchBucket / NoSuchKey (with Key). */
  getObject(bucketName: string, key: string): ObjectRecord {
    const object = this.getBucket(bucketName).objects.get(key);
    if (!object) throw new ApiError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
    return object;
  }

  /** Deleting a missing key succeeds, as in OSS. */
  deleteObject(bucketName: string, key: string): void {
    this.getBucket(bucketName).objects.delete(key);
  }

  listObjects(bucketName: string, prefix = ''): ObjectRecord[] {
    return [...this.getBucket(bucketName).objects.values()]
      .filter((object) => object.key.startsWith(prefix))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }
}
