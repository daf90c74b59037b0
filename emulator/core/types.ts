/**
 * The contracts shared by the emulator's services. Each service lives in its own folder
 * (routes, handlers, state, errors) and meets the others only through these types.
 */
import type { IncomingHttpHeaders } from 'http';
import type { World } from './world';

export type Product = 'ram' | 'sts' | 'rm' | 'fc' | 'oss';

/** Who signed a request, resolved from its AccessKey (and security token). */
export interface Caller {
  accountId: string;
  kind: 'root' | 'user' | 'assumed-role';
  /** acs:ram::<acct>:root | acs:ram::<acct>:user/<name> | acs:ram::<acct>:assumed-role/<rolename>/<session> */
  arn: string;
  accessKeyId: string;
  userName?: string;
  userId?: string;
  roleName?: string;
  roleId?: string;
  sessionName?: string;
  /** AssumeRole's Policy: the session may do only what this document AND the role's policies allow. */
  sessionPolicy?: string;
}

/**
 * An error with the real wire status and code. Each protocol serializes it in one place
 * (core/errors.ts): RPC and FC as JSON, OSS as XML. `extra` adds fields to the body
 * (e.g. AccessDeniedDetail for RPC, Key for OSS NoSuchKey).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A policy as attached to a principal: its type and exact (catalog-cased) name. */
export interface PolicyRef {
  type: 'System' | 'Custom';
  name: string;
}

/** A resource-group-scoped (or account-scoped via the account id) attachment made through Resource Manager. */
export interface RgAttachment {
  policyType: 'System' | 'Custom';
  policyName: string;
  principalType: 'IMSUser' | 'IMSGroup' | 'ServiceRole';
  principalName: string;
  /** rg-… for a resource group, or the account id for the whole account. */
  resourceGroupId: string;
  attachDate: string;
}

export interface RpcContext {
  product: Product;
  action: string;
  /** Decoded query parameters (plus form body parameters, if any). */
  params: Record<string, string>;
  caller: Caller;
  world: World;
  requestId: string;
}

export interface RpcAction {
  handler: (ctx: RpcContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** True when the action changes state (counted as a write in the request log). */
  write: boolean;
}

/** One RPC product: dispatched on the `x-acs-version` header, then the `x-acs-action` header. */
export interface RpcService {
  product: Product;
  version: string;
  /** Host named in error bodies, e.g. ram.aliyuncs.com. */
  hostId: string;
  actions: Record<string, RpcAction>;
}

export interface RestContext {
  method: string;
  /** Raw path as received (before '?'). */
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  caller: Caller;
  world: World;
  requestId: string;
  /** The FC region whose endpoint (port) the request came in on; undefined on the shared endpoint. */
  endpointRegion?: string;
}

export interface RestResult {
  status: number;
  headers?: Record<string, string>;
  /** A Buffer or string is sent raw; an object is sent as JSON. */
  body?: Buffer | string | object;
}

export interface RestRoute {
  method: string;
  /** e.g. '/2023-03-30/functions/:functionName/invocations' */
  pattern: string;
  action: string;
  write: boolean;
  handler: (ctx: RestContext) => RestResult | Promise<RestResult>;
}


/** A request handed raw to the OSS service (which does its own V1/V4 authentication and XML errors). */
export interface OssRequest {
  method: string;
  /** Raw path as received (before '?'), still percent-encoded. */
  path: string;
  /** Decoded query parameters; a valueless parameter maps to ''. */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
}

export interface OssResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** For the request log: the OSS action (e.g. PutObject), the caller once authenticated, and whether it changed state. */
  action?: string;
  caller?: Caller;
  write?: boolean;
}
