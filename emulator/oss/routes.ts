/**
 * The OSS service entry: address -> route -> authenticate -> authorize -> handler, and the one
 * place OSS errors become XML responses.
 */
import { defaultOssAction } from '../core/dispatch-oss';
import { ossErrorResponse } from '../core/errors';
import { headerText } from '../core/signing/oss';
import { ApiError, type Caller, type OssRequest, type OssResponse } from '../core/types';
import type { Account, World } from '../core/world';
import { authorize } from '../iam/authorize';
import { findBucketOwner, resolveTarget, type OssTarget } from './addressing';
import { authenticateOss } from './auth';
import {
  deleteObject, getObject, headObject, listObjects, putBucket, putObject, type OssOperationContext,
} from './handlers';

interface OssRoute {
  action: string;
  /** The RAM action authorized (HeadObject is authorized as oss:GetObject). */
  ramAction: string;
  write: boolean;
  /** Query parameters the emulated operation understands; any other is NotImplemented. */
  query: (name: string) => boolean;
  handler: (ctx: OssOperationContext) => OssResponse;
}

const NO_QUERY = (): boolean => false;
const RESPONSE_OVERRIDES = (name: string): boolean => name.startsWith('response-');
const LIST_QUERY = (name: string): boolean => ['prefix', 'marker', 'max-keys', 'delimiter', 'encoding-type'].includes(name);

// Choice: HeadObject is authorized as oss:GetObject; a query parameter an operation does not understand is 501 NotImplemented.
const OBJECT_ROUTES: Record<string, OssRoute> = {
  PUT: { action: 'PutObject', ramAction: 'oss:PutObject', write: true, query: NO_QUERY, handler: putObject },
  GET: { action: 'GetObject', ramAction: 'oss:GetObject', write: false, query: RESPONSE_OVERRIDES, handler: getObject },
  HEAD: { action: 'HeadObject', ramAction: 'oss:GetObject', write: false, query: NO_QUERY, handler: headObject },
  DELETE: { action: 'DeleteObject', ramAction: 'oss:DeleteObject', write: true, query: NO_QUERY, handler: deleteObject },
};

const BUCKET_ROUTES: Record<string, OssRoute> = {
  PUT: { action: 'PutBucket', ramAction: 'oss:PutBucket', write: true, query: NO_QUERY, handler: putBucket },
  GET: { action: 'ListObjects', ramAction: 'oss:ListObjects', write: false, query: LIST_QUERY, handler: listObjects },
};

function notImplemented(req: OssRequest): ApiError {
  const query = Object.keys(req.query);
  const suffix = query.length > 0 ? `?${query.join('&')}` : '';
  return new ApiError(501, 'NotImplemented', `The emulator does not implement OSS ${req.method} ${req.path}${suffix}.`);
}

/** The route for the method and target, if any (query parameters not yet checked). */
function findRoute(req: OssRequest, target: OssTarget): OssRoute | undefined {
  const table = target.key === '' ? BUCKET_ROUTES : OBJECT_ROUTES;
  return target.bucket === undefined ? undefined : table[req.method];
}

function pickRoute(req: OssRequest, target: OssTarget): OssRoute {
  const route = findRoute(req, target);
  if (!route || !Object.keys(req.query).every(route.query)) throw notImplemented(req);
  return route;
}

function resourceArn(accountId: string, bucket: string, key: string): string {
  return key === '' ? `acs:oss:*:${accountId}:${bucket}` : `acs:oss:*:${accountId}:${bucket}/${key}`;
}

function requireAllowed(world: World, account: Account, caller: Caller, route: OssRoute, bucket: string, key: string): void {
  if (caller.kind === 'root' && caller.accountId === account.id) return;
  if (authorize(world, account, caller, route.ramAction, resourceArn(account.id, bucket, key)).allowed) return;
  throw new ApiError(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.', {
    EC: '0003-00000001',
  });
}

/** The account whose bucket is acted on (the caller's own account for PutBucket). */
function owningAccount(world: World, caller: Caller, route: OssRoute, bucket: string): Account {
  const owner = findBucketOwner(world, bucket);
  if (route.action !== 'PutBucket') {
    if (!owner) throw new ApiError(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: bucket });
    return owner.account;
  }
  if (owner && owner.account.id !== caller.accountId) {
    throw new ApiError(409, 'BucketAlreadyExists', 'The requested bucket name is not available.', { BucketName: bucket });
  }
  return world.getAccount(caller.accountId);
}

function signRegion(req: OssRequest): string | undefined {
  const match = /^OSS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(headerText(req.headers, 'authorization') ?? '');
  return match?.[1];
}

function errorResult(err: ApiError, req: OssRequest, action: string, caller: Caller | undefined): OssResponse {
  const hostId = headerText(req.headers, 'host') ?? 'oss.aliyuncs.com';
  const wire = ossErrorResponse(err, req.requestId, hostId);
  const headers = { ...wire.headers };
  // HEAD responses carry no body: OSS puts the error document, base64, in x-oss-err (ali-oss reads it).
  if (req.method === 'HEAD') headers['x-oss-err'] = Buffer.from(wire.body).toString('base64');
  return { status: wire.status, headers, body: req.method === 'HEAD' ? undefined : wire.body, action, caller, write: false };
}

/**
 * Real OSS refuses a bucket addressed through another region's endpoint. The region is known from the
 * Host (<bucket>.oss-<region>.aliyuncs.com) or the V4 scope.
 */
// Choice: a request whose Host and signature carry no region (path style with Host 127.0.0.1 or localhost, V1 signing) is accepted for a bucket of any region.
function requireBucketRegion(account: Account, bucket: string, addressedRegion: string | undefined): void {
  const record = account.oss.findBucket(bucket);
  if (!record || addressedRegion === undefined || addressedRegion === record.region) return;
  throw new ApiError(
    403,
    'AccessDenied',
    'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    { Bucket: bucket, Endpoint: `oss-${record.region}.aliyuncs.com` },
  );
}

export async function handleOss(req: OssRequest, world: World): Promise<OssResponse> {
  let caller: Caller | undefined;
  let action = defaultOssAction(req.method);
  try {
    const target = resolveTarget(world, req.path, req.headers);
    action = findRoute(req, target)?.action ?? action;
    const signed = { method: req.method, headers: req.headers, query: req.query, bucket: target.bucket, key: target.key };
    caller = authenticateOss(world, signed, req.body);
    const route = pickRoute(req, target);
    action = route.action;
    const bucket = target.bucket ?? '';
    const account = owningAccount(world, caller, route, bucket);
    const addressedRegion = target.hostRegion ?? signRegion(req);
    requireBucketRegion(account, bucket, addressedRegion);
    requireAllowed(world, account, caller, route, bucket, target.key);
    const region = addressedRegion ?? 'cn-hangzhou';
    const response = route.handler({ req, account, bucket, key: target.key, region });
    return { ...response, action, caller, write: route.write };
  } catch (err) {
    if (err instanceof ApiError) return errorResult(err, req, action, caller);
    throw err;
  }
}
