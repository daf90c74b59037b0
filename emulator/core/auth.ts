/**
 * Authenticates an RPC or FC request: finds the AccessKey in the credential store, checks the
 * security token (STS keys) and its expiry, then the signature (ACS3, or legacy RPC/ROA V1).
 * Returns the Caller; failures are ApiErrors with the protocol's real code.
 */
import { timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';
import { ApiError, type Caller } from './types';
import type { CredentialRecord } from './credentials';
import type { World } from './world';
import { acs3Signature, headerValue, parseAcs3Authorization, sha256Hex, type Acs3Authorization } from './signing/acs3';
import { rpcV1Signature } from './signing/rpc-v1';
import { parseRoaV1Authorization, roaV1Signature } from './signing/roa-v1';
import { fcV2Signature, parseFcV2Authorization } from './signing/fc-v2';

export interface SignedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Decoded query (plus form body) parameters; legacy RPC V1 signs these. */
  params: Record<string, string>;
}

type AuthFailure =
  | 'MissingAuthorization'
  | 'MalformedAuthorization'
  | 'UnsignedHeader'
  | 'UnknownAccessKey'
  | 'InactiveAccessKey'
  | 'BadSignature'
  | 'MissingToken'
  | 'TokenMismatch'
  | 'TokenUnexpected'
  | 'TokenExpired';

type AuthProtocol = 'rpc' | 'fc';

const FAILURES: Record<AuthFailure, Record<AuthProtocol, [number, string, string]>> = {
  // Choice: a request without any signature gets 400 IncompleteSignature (RPC) / 400 MissingRequiredHeader (FC).
  MissingAuthorization: {
    rpc: [400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.'],
    fc: [400, 'MissingRequiredHeader', 'required HTTP header Authorization was not provided'],
  },
  MalformedAuthorization: {
    rpc: [400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.'],
    fc: [403, 'SignatureNotMatch', 'The request signature we calculated does not match the signature you provided.'],
  },
  // Choice: an ACS3 request that leaves a required header out of SignedHeaders (or whose x-acs-accesskey-id differs from the Credential) fails like an unsigned one: 400 IncompleteSignature (RPC) / 400 MissingRequiredHeader (FC).
  UnsignedHeader: {
    rpc: [400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.'],
    fc: [400, 'MissingRequiredHeader', 'required HTTP header is not signed'],
  },
  UnknownAccessKey: {
    rpc: [404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'],
    fc: [403, 'InvalidAccessKeyID', 'Specified access key is not found.'],
  },
  // Code and message: STS AssumeRole common errors (https://www.alibabacloud.com/help/doc-detail/42775.htm):
  // "Error code: InvalidAccessKeyId.Inactive Error message: Specified access key is disabled."
  // Choice: the status is 400 on RPC (no document gives it) and 403 on FC (FC's status for key failures).
  InactiveAccessKey: {
    rpc: [400, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.'],
    fc: [403, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.'],
  },
  BadSignature: {
    rpc: [400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.'],
    fc: [403, 'SignatureNotMatch', 'The request signature we calculated does not match the signature you provided.'],
  },
  // Choice: token failures use the POP public codes, status 400 on RPC and 403 on FC.
  MissingToken: {
    rpc: [400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.'],
    fc: [403, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.'],
  },
  TokenMismatch: {
    rpc: [400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.'],
    fc: [403, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.'],
  },
  // Choice: a security token sent with a permanent (non-STS) key is rejected as malformed.
  TokenUnexpected: {
    rpc: [400, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.'],
    fc: [403, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.'],
  },
  TokenExpired: {
    rpc: [400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'],
    fc: [403, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'],
  },
};

function fail(failure: AuthFailure, protocol: AuthProtocol, detail?: string): ApiError {
  const [status, code, message] = FAILURES[failure][protocol];
  return new ApiError(status, code, detail ? `${message} (${detail})` : message);
}

/** Headers every ACS3 request signs (§3.1 of the wire notes: the SDK signs host, content-type and every x-acs-*). */
const ALWAYS_SIGNED = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];
/** Headers that must be signed whenever they are sent. */
const SIGNED_WHEN_PRESENT = ['content-type', 'x-acs-security-token', 'x-acs-accesskey-id'];

/** Throws unless the ACS3 signature covers the headers it must (and x-acs-accesskey-id names the Credential key). */
function requireSignedHeaders(req: SignedRequest, parsed: Acs3Authorization, protocol: AuthProtocol): void {
  const signed = new Set(parsed.signedHeaders);
  const present = SIGNED_WHEN_PRESENT.filter((name) => headerValue(req.headers, name) !== undefined);
  const unsigned = [...ALWAYS_SIGNED, ...present].filter((name) => !signed.has(name));
  if (unsigned.length > 0) throw fail('UnsignedHeader', protocol, `SignedHeaders must include ${unsigned.join(', ')}`);
  const headerKey = headerValue(req.headers, 'x-acs-accesskey-id');
  if (headerKey !== undefined && headerKey !== parsed.accessKeyId) {
    throw fail('UnsignedHeader', protocol, 'x-acs-accesskey-id differs from the Credential AccessKey');
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

interface Presented {
  accessKeyId: string;
  securityToken?: string;
  /** Computes the expected signature with the key's secret and compares. */
  verify: (secret: string) => boolean;
}

function presentedCredentials(req: SignedRequest, protocol: AuthProtocol): Presented {
  const authorization = headerValue(req.headers, 'authorization');
  const headerToken = headerValue(req.headers, 'x-acs-security-token');
  if (authorization?.startsWith('ACS3-HMAC-SHA256')) {
    const parsed = parseAcs3Authorization(authorization);
    if (!parsed) throw fail('MalformedAuthorization', protocol);
    requireSignedHeaders(req, parsed, protocol);
    const bodyHash = headerValue(req.headers, 'x-acs-content-sha256') ?? '';
    return {
      accessKeyId: parsed.accessKeyId,
      securityToken: headerToken,
      verify: (secret) =>
        // Choice: a body whose hash differs from x-acs-content-sha256 fails as a signature mismatch.
        sha256Hex(req.body) === bodyHash &&
        sameText(acs3Signature({ ...req, signedHeaders: parsed.signedHeaders, bodyHash }, secret), parsed.signature),
    };
  }
  if (authorization?.startsWith('acs ') && protocol === 'fc') {
    const parsed = parseRoaV1Authorization(authorization);
    if (!parsed) throw fail('MalformedAuthorization', protocol);
    return {
      accessKeyId: parsed.accessKeyId,
      securityToken: headerToken,
      verify: (secret) =>
        sameText(roaV1Signature(req.method, req.rawPath, req.rawQuery, req.headers, secret), parsed.signature),
    };
  }
  if (authorization?.startsWith('FC ') && protocol === 'fc') {
    const parsed = parseFcV2Authorization(authorization);
    if (!parsed) throw fail('MalformedAuthorization', protocol);
    return {
      accessKeyId: parsed.accessKeyId,
      // FC's signature carries the token in x-fc-security-token (a signed x-fc-* header).
      securityToken: headerValue(req.headers, 'x-fc-security-token'),
      verify: (secret) => sameText(fcV2Signature(req.method, req.rawPath, req.headers, secret), parsed.signature),
    };
  }
  if (authorization === undefined && protocol === 'rpc' && req.params.Signature !== undefined) {
    const accessKeyId = req.params.AccessKeyId;
    if (!accessKeyId) throw fail('MalformedAuthorization', protocol);
    return {
      accessKeyId,
      securityToken: req.params.SecurityToken,
      verify: (secret) => sameText(rpcV1Signature(req.method, req.params, secret), req.params.Signature),
    };
  }
  throw fail(authorization === undefined ? 'MissingAuthorization' : 'MalformedAuthorization', protocol);
}

function checkToken(record: CredentialRecord, token: string | undefined, now: number, protocol: AuthProtocol): void {
  if (record.securityToken === undefined) {
    if (token) throw fail('TokenUnexpected', protocol);
    return;
  }
  if (!token) throw fail('MissingToken', protocol);
  if (!sameText(token, record.securityToken)) throw fail('TokenMismatch', protocol);
  if (record.expiresAt !== undefined && now >= record.expiresAt) throw fail('TokenExpired', protocol);
}

/** The verified caller of an RPC or FC request; throws the protocol's ApiError otherwise. */
export function authenticate(req: SignedRequest, world: World, protocol: AuthProtocol): Caller {
  const presented = presentedCredentials(req, protocol);
  const record = world.credentials.find(presented.accessKeyId);
  if (!record) throw fail('UnknownAccessKey', protocol);
  if (record.status === 'Inactive') throw fail('InactiveAccessKey', protocol);
  checkToken(record, presented.securityToken, world.now(), protocol);
  if (!presented.verify(record.accessKeySecret)) throw fail('BadSignature', protocol);
  return record.caller;
}
