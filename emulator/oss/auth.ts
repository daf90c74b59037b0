/**
 * Authenticates an OSS request: AccessKey lookup, STS token and expiry, then the V1 or V4
 * signature (emulator/core/signing/oss.ts). Failures are ApiErrors with OSS's codes.
 */
import { createHash } from 'crypto';
import { ApiError, type Caller } from '../core/types';
import type { World } from '../core/world';
import { headerText, parseOssAuthorization, verifyOssSignature, type OssSignedRequest } from '../core/signing/oss';

// Choice: an unsigned request is 403 AccessDenied (buckets are private; no ACLs or bucket policies are emulated).
export function authenticateOss(world: World, req: OssSignedRequest, body: Buffer): Caller {
  const header = headerText(req.headers, 'authorization');
  if (!header) throw new ApiError(403, 'AccessDenied', 'Anonymous access is forbidden for this operation.');
  const auth = parseOssAuthorization(header);
  if (!auth) throw new ApiError(400, 'InvalidArgument', 'Authorization header is invalid.', { ArgumentName: 'Authorization' });
  const record = world.credentials.find(auth.accessKeyId);
  if (!record) {
    throw new ApiError(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', {
      OSSAccessKeyId: auth.accessKeyId,
    });
  }
  const token = headerText(req.headers, 'x-oss-security-token');
  if (record.securityToken === undefined && token !== undefined) {
    // Choice: a security token sent with a permanent (non-STS) key is 403 InvalidSecurityToken, as RPC and FC refuse it too.
    throw new ApiError(403, 'InvalidSecurityToken', 'The security token you provided is invalid.');
  }
  if (record.securityToken !== undefined) {
    // Choice: a temporary key without its token, or with another token, is 403 InvalidSecurityToken; an expired one 403 SecurityTokenExpired.
    if (token !== record.securityToken) {
      throw new ApiError(403, 'InvalidSecurityToken', 'The security token you provided is invalid.');
    }
    if (record.expiresAt !== undefined && record.expiresAt <= world.now()) {
      throw new ApiError(403, 'SecurityTokenExpired', 'The security token you provided has expired.');
    }
  }
  const check = verifyOssSignature(req, auth, record.accessKeySecret);
  const payloadHash = headerText(req.headers, 'x-oss-content-sha256');
  const payloadOk = auth.version === 'v1' || payloadHash === undefined || payloadHash === 'UNSIGNED-PAYLOAD'
    || payloadHash === sha256Hex(body);
  if (!check.matches || !payloadOk) {
    throw new ApiError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      { StringToSign: check.stringToSign, OSSAccessKeyId: auth.accessKeyId },
    );
  }
  return record.caller;
}

function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
