/**
 * The real @alicloud/fc2 client (FC 2.0 API, 2016-08-15), as Serverless Devs' fc3 builds it for its code
 * upload (src/resources/fc/impl/client.ts fc2Client): account id, key, region and a custom endpoint URL.
 * The package ships no types: this declares the part the tests use.
 */
import type { Emulator } from '../../emulator';
import { rootCredentials, type TestCredentials } from './clients';

export interface TempBucketToken {
  ossBucket: string;
  ossRegion: string;
  objectName: string;
  codeSizeLimit: number;
  credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string };
}

export interface Fc2Client {
  accountid: string;
  getTempBucketToken(): Promise<{ headers: Record<string, string>; data: TempBucketToken }>;
  get(path: string, query?: Record<string, string>): Promise<{ headers: Record<string, string>; data: unknown }>;
}

type Fc2Constructor = new (accountId: string, config: Record<string, unknown>) => Fc2Client;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const FC2 = require('@alicloud/fc2') as Fc2Constructor;

/** An FC 2.0 client on the emulator's FC endpoint of `region` (or on `endpoint`). */
export function fc2Client(
  emu: Emulator,
  creds: TestCredentials = rootCredentials(emu),
  region = 'cn-hangzhou',
  endpoint = emu.fcEndpoints[region],
  accountId = emu.accounts[0].id,
): Fc2Client {
  return new FC2(accountId, {
    accessKeyID: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
    region,
    endpoint,
    secure: true,
    timeout: 30000,
  });
}
