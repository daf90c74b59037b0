/**
 * Where an end-to-end scenario runs: the local emulator (the default, part of `npm test`) or Alibaba
 * Cloud itself (`npm run test:live`, only with FC3_ROLE_LIVE=1 and an AccessKey). A scenario sees the
 * same things on both: a region, an account, a bucket the user named, the real SDK clients pointed at
 * the target, and `s` runs against it.
 */
import { rmSync } from 'fs';
import Fc from '@alicloud/fc20230330';
import Ram from '@alicloud/ram20150501';
import Sts from '@alicloud/sts20150401';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import OSS from 'ali-oss';
import type { E2E } from '../e2e/harness';
import { fcClient, ossClient, ramClient, rootCredentials, type TestCredentials } from './clients';
import { makeSHome, runS, type SResult } from './s-cli';

export interface Target {
  name: 'emulator' | 'alibaba-cloud';
  region: string;
  accountId: string;
  /** A bucket of `region` the scenario may write one object to and delete it again. */
  bucket: string;
  /** The deploying identity's key (the scenario's own checks use it too). */
  credentials: TestCredentials;
  /** Runs `s` in a project folder against the target. */
  s(dir: string, args: string[]): Promise<SResult>;
  ram(): Ram;
  fc(): Fc;
  oss(): OSS;
  /** The OSS endpoint handed to the function in its event, when the function cannot use its region's default. */
  handlerOssEndpoint?: string;
  /** Removes what the target itself made (an `s` home with the key). */
  dispose(): void;
}

/** The emulator target of an e2e test file (its emulator must seed `bucket`). */
export function emulatorTarget(e2e: E2E, bucket: string, region = 'cn-hangzhou'): Target {
  const creds = (): TestCredentials => rootCredentials(e2e.emu);
  return {
    name: 'emulator',
    region,
    get accountId() {
      return e2e.accountId;
    },
    bucket,
    get credentials() {
      return creds();
    },
    s: (dir, args) => e2e.s(dir, args),
    ram: () => ramClient(e2e.emu),
    fc: () => fcClient(e2e.emu, creds(), region),
    oss: () => ossClient(e2e.emu, creds(), bucket, region),
    get handlerOssEndpoint() {
      return e2e.emu.endpoint;
    },
    dispose: () => undefined,
  };
}

/** Why the live target cannot run, or undefined when it can. */
export function liveSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const missing: string[] = [];
  if (env.FC3_ROLE_LIVE !== '1') missing.push('FC3_ROLE_LIVE=1');
  if (!env.ALIBABA_CLOUD_ACCESS_KEY_ID) missing.push('ALIBABA_CLOUD_ACCESS_KEY_ID');
  if (!env.ALIBABA_CLOUD_ACCESS_KEY_SECRET) missing.push('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  if (!env.FC3_ROLE_LIVE_BUCKET) missing.push('FC3_ROLE_LIVE_BUCKET (an OSS bucket of FC3_ROLE_LIVE_REGION the test may write one object to)');
  return missing.length > 0 ? `set ${missing.join(', ')}` : undefined;
}

function liveConfig(creds: TestCredentials, endpoint: string, region: string): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
    endpoint,
    regionId: region,
  });
}

/** Alibaba Cloud with the environment's key: FC3_ROLE_LIVE_REGION (default cn-hangzhou), FC3_ROLE_LIVE_BUCKET. */
export async function liveTarget(env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const reason = liveSkipReason(env);
  if (reason) throw new Error(`the live target cannot run: ${reason}`);
  const region = env.FC3_ROLE_LIVE_REGION || 'cn-hangzhou';
  const bucket = env.FC3_ROLE_LIVE_BUCKET ?? '';
  const credentials: TestCredentials = {
    accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '',
    accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? '',
    ...(env.ALIBABA_CLOUD_SECURITY_TOKEN ? { securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN } : {}),
  };
  const identity = await new Sts(liveConfig(credentials, 'sts.aliyuncs.com', region)).getCallerIdentity();
  const accountId = identity.body?.accountId ?? '';
  if (!accountId) throw new Error('STS GetCallerIdentity returned no AccountId for the live key');
  const home = await makeSHome([{ ...credentials, accountId }]);
  return {
    name: 'alibaba-cloud',
    region,
    accountId,
    bucket,
    credentials,
    s: (dir, args) => runS(args, { cwd: dir, home, timeoutMs: 600_000 }),
    ram: () => new Ram(liveConfig(credentials, 'ram.aliyuncs.com', region)),
    fc: () => new Fc(liveConfig(credentials, `${accountId}.${region}.fc.aliyuncs.com`, region)),
    oss: () =>
      new OSS({
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        ...(credentials.securityToken ? { stsToken: credentials.securityToken } : {}),
        bucket,
        region: `oss-${region}`,
      }),
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}
