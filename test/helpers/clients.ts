/**
 * Factories for the REAL SDK clients, pointed at a running emulator. Shared by every test suite:
 * nothing here mocks the SDKs or the HTTP layer.
 */
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import Ram from '@alicloud/ram20150501';
import Sts from '@alicloud/sts20150401';
import ResourceManager from '@alicloud/resourcemanager20200331';
import Fc from '@alicloud/fc20230330';
import OSS from 'ali-oss';
import { fcEndpointsSetting, type Emulator } from '../../emulator';

/** How long a test client waits for an answer (a hang guard). */
export const TEST_CALL_TIMEOUT_MS = 300_000;

/** An AccessKey pair, optionally with an STS security token. */
export interface TestCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** The seeded root key of the first (or the given) account. */
export function rootCredentials(emu: Emulator, accountIndex = 0): TestCredentials {
  const account = emu.accounts[accountIndex];
  if (!account) throw new Error(`test helper: no seeded account #${accountIndex}`);
  return { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
}

/** The seeded key of a RAM user (by name) of the first (or the given) account. */
export function userCredentials(emu: Emulator, userName: string, accountIndex = 0): TestCredentials {
  const user = emu.accounts[accountIndex]?.users.find((u) => u.name === userName);
  if (!user) throw new Error(`test helper: no seeded user ${userName} in account #${accountIndex}`);
  return { accessKeyId: user.accessKeyId, accessKeySecret: user.accessKeySecret };
}

/** An openapi-core Config for the emulator; `extra` is merged in (e.g. signatureAlgorithm, globalParameters). */
export function openApiConfig(
  emu: Emulator,
  creds: TestCredentials = rootCredentials(emu),
  extra: Record<string, unknown> = {},
): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
    endpoint: emu.host,
    protocol: 'http',
    regionId: 'cn-hangzhou',
    // A safety net against hangs, never a speed check: the SDK's connect timeout is an idle timeout of the
    // whole call (5 s by default), which cuts off a handler still starting on a busy machine.
    readTimeout: TEST_CALL_TIMEOUT_MS,
    connectTimeout: TEST_CALL_TIMEOUT_MS,
    ...extra,
  });
}

export function ramClient(emu: Emulator, creds?: TestCredentials, extra?: Record<string, unknown>): Ram {
  return new Ram(openApiConfig(emu, creds, extra));
}

export function stsClient(emu: Emulator, creds?: TestCredentials, extra?: Record<string, unknown>): Sts {
  return new Sts(openApiConfig(emu, creds, extra));
}

export function rmClient(emu: Emulator, creds?: TestCredentials, extra?: Record<string, unknown>): ResourceManager {
  return new ResourceManager(openApiConfig(emu, creds, extra));
}

/** `host:port` of the emulator's FC endpoint for `region` (one port per region). */
export function fcHost(emu: Emulator, region = 'cn-hangzhou'): string {
  const endpoint = emu.fcEndpoints[region];
  if (!endpoint) throw new Error(`test helper: the emulator has no FC endpoint for ${region}`);
  return new URL(endpoint).host;
}

/** The emulator's FC endpoint of every region, as the component's CloudContext.fcEndpoints. */
export function fcEndpointMap(emu: Emulator): Record<string, { host: string; protocol: 'http' }> {
  const map: Record<string, { host: string; protocol: 'http' }> = {};
  for (const [region, url] of Object.entries(emu.fcEndpoints)) map[region] = { host: new URL(url).host, protocol: 'http' };
  return map;
}

/** `region=url,...`: the emulator's FC endpoints as env FC3_ROLE_FC_ENDPOINTS. */
export function fcEndpointsEnv(emu: Emulator): string {
  return fcEndpointsSetting(emu.fcEndpoints);
}

/** FC 3.0 client on the emulator's FC endpoint of `region`. */
export function fcClient(emu: Emulator, creds?: TestCredentials, region = 'cn-hangzhou', extra: Record<string, unknown> = {}): Fc {
  return new Fc(openApiConfig(emu, creds, { endpoint: fcHost(emu, region), regionId: region, ...extra }));
}

/**
 * ali-oss client on the emulator's IP endpoint (the bucket travels in the synthesized Host header).
 * `region` may be given as 'cn-hangzhou' or 'oss-cn-hangzhou'.
 */
export function ossClient(
  emu: Emulator,
  creds: TestCredentials,
  bucket: string,
  region = 'cn-hangzhou',
  extra: Partial<OSS.Options> & { sldEnable?: boolean } = {},
): OSS {
  return new OSS({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken ? { stsToken: creds.securityToken } : {}),
    bucket,
    region: region.startsWith('oss-') ? region : `oss-${region}`,
    endpoint: emu.endpoint,
    ...extra,
  });
}

/** Any openapi-core client (RAM, STS, RM, FC all extend it). */
type OpenApiClient = Ram | Sts | ResourceManager | Fc;

/**
 * Calls an RPC action the generated SDK has no method for (e.g. RM CheckServiceLinkedRoleExistence),
 * through the client's own signing pipeline. Returns `{headers, statusCode, body}`.
 */
export async function callRpc(
  client: OpenApiClient,
  version: string,
  action: string,
  query: Record<string, string> = {},
): Promise<{ statusCode?: number; body?: Record<string, unknown> }> {
  const params = new $OpenApiUtil.Params({
    action,
    version,
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new $OpenApiUtil.OpenApiRequest({ query });
  const result: unknown = await client.callApi(params, request, new $dara.RuntimeOptions({}));
  return typeof result === 'object' && result !== null ? (result as { statusCode?: number; body?: Record<string, unknown> }) : {};
}
