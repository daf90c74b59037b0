/**
 * Maps whatever a cloud call threw (openapi-core ClientError/ServerError/ThrottlingError, a Node
 * network error, anything else) to an Fc3RoleError. The component's codes are a small documented set:
 *
 * - `PermissionDenied`: the deploying identity may not do this (403, NoPermission, AccessDenied).
 * - `InvalidCredentials`: the AccessKey, signature or security token was refused.
 * - `NotFound`, `Conflict`, `InvalidArgument`: 404, 409, 400 answers.
 * - `Throttled`, `ServiceUnavailable`: throttling and 5xx (already retried when you see them).
 * - `NetworkError`: no answer (connection refused/reset, timeout).
 * - `Timeout`: the cloud accepted a change but did not finish it in time (FC lastUpdateStatus).
 * - `CloudError`: anything else.
 *
 * The cloud's own code is kept as `cloudCode`, its RequestId as `requestId`, the SDK error as `cause`.
 */
import { Fc3RoleError, isFc3RoleError } from '../errors';
import { DROPPED_CONNECTION_CODES } from '../retry';
import { DEPLOYER_ACTIONS, requiredDeployerPolicy, type DeployerCommand } from './permissions';

export type Fc3RoleErrorCode =
  | 'PermissionDenied'
  | 'InvalidCredentials'
  | 'NotFound'
  | 'Conflict'
  | 'InvalidArgument'
  | 'Throttled'
  | 'ServiceUnavailable'
  | 'NetworkError'
  | 'Timeout'
  | 'CloudError';

/** What we read from an unknown thrown value. */
interface CloudErrorFields {
  code?: string;
  statusCode?: number;
  requestId?: string;
  name?: string;
  /** The cloud's Message (from the error body) or the error's own message. */
  message: string;
  accessDeniedDetail?: Record<string, unknown>;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== 'undefined' && value !== 'null' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function readCloudError(e: unknown): CloudErrorFields {
  const r = record(e);
  if (!r) return { message: String(e) };
  const data = record(r.data);
  const status = r.statusCode;
  return {
    code: str(r.code),
    statusCode: typeof status === 'number' ? status : undefined,
    requestId: str(r.requestId) ?? str(data?.RequestId) ?? str(data?.requestId),
    name: str(r.name),
    message: str(data?.Message) ?? str(data?.message) ?? str(r.message) ?? 'unknown error',
    accessDeniedDetail: record(r.accessDeniedDetail) ?? record(data?.AccessDeniedDetail),
  };
}

const NETWORK_CODES: ReadonlySet<string> = new Set([...DROPPED_CONNECTION_CODES, 'ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH']);

// Choice: refused keys/signatures/tokens get their own code InvalidCredentials (not PermissionDenied): the fix is the access, not a policy.
const CREDENTIAL_CODES: ReadonlySet<string> = new Set([
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'InvalidAccessKeyID',
  'SignatureDoesNotMatch',
  'SignatureNotMatch',
  'IncompleteSignature',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'InvalidSecurityToken.MismatchWithAccessKey',
  'InvalidCredentials',
]);

const PERMISSION_CODES: ReadonlySet<string> = new Set(['NoPermission', 'AccessDenied', 'Forbidden', 'Forbidden.RAM']);

/** The component's code for a cloud error, from its code and HTTP status only. */
export function classifyCloudError(f: Pick<CloudErrorFields, 'code' | 'statusCode' | 'name'>): Fc3RoleErrorCode {
  const code = f.code ?? '';
  const status = f.statusCode;
  if (NETWORK_CODES.has(code) || f.name === 'RequestTimeoutError') return 'NetworkError';
  if (CREDENTIAL_CODES.has(code)) return 'InvalidCredentials';
  if (PERMISSION_CODES.has(code) || status === 403) return 'PermissionDenied';
  if (code.includes('Throttling') || code === 'ResourceThrottled' || code === 'ResourceExhausted' || status === 429) {
    return 'Throttled';
  }
  if (status !== undefined && status >= 500) return 'ServiceUnavailable';
  if (code === 'ServiceUnavailable' || code === 'InternalError' || code === 'InternalServerError') return 'ServiceUnavailable';
  if (status === 404 || code.startsWith('EntityNotExist') || code.endsWith('NotFound')) return 'NotFound';
  if (status === 409 || code.startsWith('EntityAlreadyExists') || code.startsWith('DeleteConflict') || code.startsWith('LimitExceeded')) {
    return 'Conflict';
  }
  if (status === 400 || code.startsWith('InvalidParameter') || code.startsWith('Missing') || code === 'InvalidArgument') {
    return 'InvalidArgument';
  }
  return 'CloudError';
}

/** `ram:AttachPolicyToRole` for `AttachPolicyToRole`, from the one permissions table. */
export function qualifiedAction(action: string): string {
  for (const actions of Object.values(DEPLOYER_ACTIONS)) {
    const hit = actions.find((a) => a.endsWith(`:${action}`));
    if (hit) return hit;
  }
  return action;
}

function hintFor(code: Fc3RoleErrorCode, command: DeployerCommand): string | undefined {
  switch (code) {
    case 'PermissionDenied':
      return (
        `grant the deploying identity at least this RAM policy (for \`${command}\`): ` +
        JSON.stringify(requiredDeployerPolicy(command))
      );
    case 'InvalidCredentials':
      return 'check the AccessKey of the `s` access (s config get) or ALIBABA_CLOUD_* variables; STS tokens expire.';
    case 'Throttled':
      return 'the cloud throttled the calls after retries; wait a minute and run again.';
    case 'ServiceUnavailable':
      return 'the cloud failed after retries; run again later (the RequestId helps Alibaba Cloud support).';
    case 'NetworkError':
      return 'check the network, or props.endpoint / FC3_ROLE_ENDPOINT if you point the component elsewhere.';
    default:
      return undefined;
  }
}

export interface CloudErrorOptions {
  /** The command being run; PermissionDenied hints print its policy. @default 'deploy' */
  command?: DeployerCommand;
}

/**
 * `<Action> failed for <resource>: <cloud message>`, with the component's code, the cloud code, the
 * RequestId and a hint. An Fc3RoleError passes through unchanged.
 */
export function toFc3RoleError(e: unknown, action: string, resource: string, opts: CloudErrorOptions = {}): Fc3RoleError {
  if (isFc3RoleError(e)) return e;
  const f = readCloudError(e);
  const code = classifyCloudError(f);
  let reason = f.message;
  if (code === 'PermissionDenied') {
    const detail = f.accessDeniedDetail;
    const refused = str(detail?.AuthAction) ?? qualifiedAction(action);
    const on = str(detail?.AuthResource) ?? resource;
    const who = str(detail?.AuthPrincipalDisplayName);
    reason = `not allowed to call ${refused} on ${on}${who ? ` as ${who}` : ''} (${f.message})`;
  } else if (code === 'NetworkError') {
    reason = `no answer from the cloud (${f.code ?? f.name ?? 'network error'}): ${f.message}`;
  }
  return new Fc3RoleError(code, `${action} failed for ${resource}: ${reason}`, {
    hint: hintFor(code, opts.command ?? 'deploy'),
    cause: e,
    requestId: f.requestId,
    cloudCode: f.code,
  });
}
