/**
 * FC's temporary code bucket (FC 2.0 `GET /2016-08-15/tempBucketToken`, still called by Serverless Devs'
 * fc3 for every `code: ./dir` deploy): a bucket per region owned by FC itself, where a caller may write
 * only under `<its account id>/`, with a short-lived STS key; CreateFunction/UpdateFunction then read the
 * code from there (code.ossBucketName / ossObjectName).
 *
 * Source: no API reference documents this call. Observed with @alicloud/fc2 2.6.6 (lib/client.js
 * getTempBucketToken / uploadCodeToTmpOssBucket read `ossBucket`, `objectName`, `codeSizeLimit` and
 * `credentials.AccessKeyId/AccessKeySecret/SecurityToken`, and upload to `<accountid>/<objectName>`) and with
 * devsapp/fc3 (src/resources/fc/index.ts uploadCodeToTmpOss: the same fields, plus `ossRegion`).
 */
import { randomUUID } from 'crypto';
import type { RestContext, RestResult } from '../core/types';
import { Account, type World } from '../core/world';
import { issueRoleCredentials } from '../sts/assume';
import type { RoleRecord } from '../ram/state';
import { requireFcPermission } from './access';
import { resolveFcRegion } from './region';

// Choice: FC's own account (owner of the temporary code buckets) is 1999999999999999; nobody holds its keys.
export const FC_SERVICE_ACCOUNT_ID = '1999999999999999';
// Choice: codeSizeLimit is 500 MB (104857600 x 5), FC's limit for a code package taken from OSS.
const CODE_SIZE_LIMIT = 500 * 1024 * 1024;
const TOKEN_SECONDS = 3600;
const TEMP_BUCKET = /^fc-temp-code-([a-z0-9-]+)$/;

/** Choice: the temporary code bucket of a region is named fc-temp-code-<region>. */
export function tempCodeBucket(region: string): string {
  return `fc-temp-code-${region}`;
}

export function isTempCodeBucket(bucket: string): boolean {
  return TEMP_BUCKET.test(bucket);
}

/** FC's own account, created on first use (and again after a reset). */
export function ensureFcServiceAccount(world: World): Account {
  const known = world.accounts.get(FC_SERVICE_ACCOUNT_ID);
  if (known) return known;
  const account = new Account(FC_SERVICE_ACCOUNT_ID, 'fc-service');
  account.ram.setClock(() => world.now());
  world.accounts.set(FC_SERVICE_ACCOUNT_ID, account);
  return account;
}

/** The role whose sessions may write under `<accountId>/` of every temporary code bucket (and nothing else). */
function uploadRole(service: Account, accountId: string): RoleRecord {
  const roleName = `code-upload-${accountId}`;
  const existing = service.ram.findRole(roleName);
  if (existing) return existing;
  const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['fc.aliyuncs.com'] } }] };
  // Created far enough in the past to be visible to every service at once.
  const role = service.ram.createRole({ roleName, assumeRolePolicyDocument: JSON.stringify(trust) }, 0);
  const policy = {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: `acs:oss:*:${FC_SERVICE_ACCOUNT_ID}:fc-temp-code-*/${accountId}/*` }],
  };
  service.ram.createPolicy(roleName, JSON.stringify(policy));
  service.ram.attachPolicy('role', roleName, { type: 'Custom', name: roleName });
  return role;
}

// Choice: GetTempBucketToken is authorized as fc:GetTempBucketToken on acs:fc:<region>:<account>:* (the action name RAM policies in public projects use).
export function getTempBucketToken(ctx: RestContext): RestResult {
  const region = resolveFcRegion(ctx.headers, ctx.endpointRegion);
  const account = ctx.world.getAccount(ctx.caller.accountId);
  requireFcPermission(ctx.world, account, ctx.caller, 'GetTempBucketToken', `acs:fc:${region}:${account.id}:*`);
  const service = ensureFcServiceAccount(ctx.world);
  const bucket = tempCodeBucket(region);
  service.oss.createBucket(bucket, region);
  const issued = issueRoleCredentials(ctx.world, FC_SERVICE_ACCOUNT_ID, uploadRole(service, account.id), account.id, TOKEN_SECONDS);
  const { credentials } = issued;
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: {
      ossBucket: bucket,
      ossRegion: region,
      objectName: randomUUID(),
      codeSizeLimit: CODE_SIZE_LIMIT,
      credentials: {
        AccessKeyId: credentials.accessKeyId,
        AccessKeySecret: credentials.accessKeySecret,
        SecurityToken: credentials.securityToken,
        Expiration: credentials.expiration,
      },
    },
  };
}

/** The zip a caller uploaded to a temporary code bucket; only its own `<accountId>/` objects are visible to it. */
export function findTempCode(world: World, accountId: string, bucket: string, object: string): Buffer | undefined {
  if (!object.startsWith(`${accountId}/`)) return undefined;
  return world.accounts.get(FC_SERVICE_ACCOUNT_ID)?.oss.findObject(bucket, object)?.body;
}

