/**
 * Lazily built, cached SDK clients. The SDK modules are `require`d on first use only: `s` constructs
 * the component many times per run and loading @alicloud/fc20230330 alone costs ~0.4 s. Nothing in
 * src/ imports an SDK value at the top level (`import type` only).
 *
 * Clients never retry by themselves (no `retryOptions`): src/retry.ts is the one retry policy.
 */
import type RamClient from '@alicloud/ram20150501';
import type StsClient from '@alicloud/sts20150401';
import type RmClient from '@alicloud/resourcemanager20200331';
import type FcClient from '@alicloud/fc20230330';
import type OpenApiClient from '@alicloud/openapi-core';
import type { Credentials } from '../credentials';
import type { RetryInfo, RetryTuning } from '../retry';
import { Fc3RoleError } from '../errors';
import type { DeployerCommand } from './permissions';
import type { CallTrace } from './call';

/** Where every client goes instead of the real endpoints (e.g. the local emulator). */
export interface CloudEndpoint {
  /** host[:port], no scheme. */
  host: string;
  protocol: 'http' | 'https';
}

export interface CloudContext {
  credentials: Credentials;
  /** Resolved (see ensureAccountId in src/credentials.ts). */
  accountId: string;
  endpoint?: CloudEndpoint;
  /** FC's endpoint per region (FC has one endpoint per region); a region not listed uses the real one, unless `endpoint` is set. */
  fcEndpoints?: Record<string, CloudEndpoint>;
  /** The command being run; PermissionDenied hints print the policy it needs. @default 'deploy' */
  command?: DeployerCommand;
  /** Progress while a call waits to retry (the lead wires it to the logger). */
  onRetry?: (info: RetryInfo & { action: string; resource: string }) => void;
  /** Overrides for transient-error retries (tests shorten them). */
  retry?: RetryTuning;
  /** Client timeouts. @default DEFAULT_READ_TIMEOUT_MS and DEFAULT_CONNECT_TIMEOUT_MS */
  timeouts?: { readMs?: number; connectMs?: number };
  /** Told of every cloud call once it answered or failed (the `--debug` trace; see src/cloud/call.ts). */
  onCall?: (trace: CallTrace) => void;
}

export const DEFAULT_READ_TIMEOUT_MS = 30_000;
/**
 * The SDK's "connect" timeout is in fact an idle timeout of the whole request: httpx hands it to
 * http.request as `timeout`, which stays on the socket, so an answer slower than it is cut off (and,
 * being a timeout, retried). It is the read timeout: a slow answer is waited for, not cut at 5 s.
 */
// Choice: connectTimeout = readTimeout (30 s): an unreachable endpoint fails after 30 s rather than 5 s, but a slow answer (a busy cloud, or a busy machine running the emulator) is not cut off and retried.
// (devsapp/fc3 gives its FC clients the same for both: FC_CLIENT_CONNECT_TIMEOUT = FC_CLIENT_READ_TIMEOUT = 60 s, src/default/config.ts.)
export const DEFAULT_CONNECT_TIMEOUT_MS = DEFAULT_READ_TIMEOUT_MS;

type SdkModule<C> = { default: new (config: unknown) => C };

/** Clients per credentials object, then per endpoint/account/service/region (contexts may be copied freely). */
const cache = new WeakMap<Credentials, Map<string, unknown>>();

function cached<C>(ctx: CloudContext, service: string, build: () => C): C {
  let perCredentials = cache.get(ctx.credentials);
  if (!perCredentials) {
    perCredentials = new Map();
    cache.set(ctx.credentials, perCredentials);
  }
  const key = `${ctx.endpoint?.protocol ?? 'https'}://${ctx.endpoint?.host ?? ''}|${ctx.accountId}|${service}|${ctx.timeouts?.readMs ?? ''}/${ctx.timeouts?.connectMs ?? ''}`;
  const hit = perCredentials.get(key);
  if (hit !== undefined) return hit as C;
  const client = build();
  perCredentials.set(key, client);
  return client;
}

function openApiConfig(ctx: CloudContext, defaultHost: string, extra: Record<string, unknown> = {}): unknown {
  const { $OpenApiUtil } = require('@alicloud/openapi-core') as typeof import('@alicloud/openapi-core');
  const { credentials } = ctx;
  return new $OpenApiUtil.Config({
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
    endpoint: ctx.endpoint?.host ?? defaultHost,
    protocol: ctx.endpoint?.protocol ?? 'https',
    readTimeout: ctx.timeouts?.readMs ?? DEFAULT_READ_TIMEOUT_MS,
    connectTimeout: ctx.timeouts?.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ...extra,
  });
}

/** Callers `require` the SDK with a literal name, so that the bundler includes it (lazily evaluated). */
function build<C>(mod: SdkModule<C>, config: unknown): C {
  return new mod.default(config);
}

export function ramClient(ctx: CloudContext): RamClient {
  return cached(ctx, 'ram', () => build<RamClient>(require('@alicloud/ram20150501') as SdkModule<RamClient>, openApiConfig(ctx, 'ram.aliyuncs.com')));
}

export function stsClient(ctx: CloudContext): StsClient {
  return cached(ctx, 'sts', () => build<StsClient>(require('@alicloud/sts20150401') as SdkModule<StsClient>, openApiConfig(ctx, 'sts.aliyuncs.com')));
}

export function rmClient(ctx: CloudContext): RmClient {
  return cached(ctx, 'rm', () =>
    build<RmClient>(require('@alicloud/resourcemanager20200331') as SdkModule<RmClient>, openApiConfig(ctx, 'resourcemanager.aliyuncs.com')),
  );
}

/**
 * The FC endpoint of a region: `ctx.fcEndpoints[region]`, else Alibaba Cloud's
 * `<accountId>.<region>.fc.aliyuncs.com` ("Endpoints", https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/fc-endpoints).
 * Behind the general override (`ctx.endpoint`) a region without its own FC endpoint is a configuration error:
 * one URL serves one FC region, and a request never names its region otherwise.
 */
function fcEndpointOf(ctx: CloudContext, region: string): CloudEndpoint {
  const own = ctx.fcEndpoints?.[region];
  if (own) return own;
  if (ctx.endpoint) {
    throw new Fc3RoleError('InvalidConfiguration', `No FC endpoint for region ${region}: with an endpoint override, FC calls need the endpoint of each region`, {
      hint: `Set props.fcEndpoints.${region} or add ${region}=<url> to env FC3_ROLE_FC_ENDPOINTS (the emulator prints them).`,
    });
  }
  return { host: `${ctx.accountId}.${region}.fc.aliyuncs.com`, protocol: 'https' };
}

/** A client of one FC region (`kind` names it in the cache) built from `mod` with the FC endpoint and region. */
function fcRegionClient<C>(ctx: CloudContext, region: string, kind: string, mod: () => SdkModule<C>): C {
  const endpoint = fcEndpointOf(ctx, region);
  return cached(ctx, `${kind}:${region}:${endpoint.protocol}://${endpoint.host}`, () =>
    build<C>(mod(), openApiConfig({ ...ctx, endpoint }, endpoint.host, { regionId: region })),
  );
}

/** The FC 3.0 client of one region (public: the invoke engineer uses it too). */
export function fcClient(ctx: CloudContext, region: string): FcClient {
  return fcRegionClient(ctx, region, 'fc', () => require('@alicloud/fc20230330') as SdkModule<FcClient>);
}

/**
 * The bare OpenAPI client (@alicloud/openapi-core, the class the FC 3.0 client extends) for one FC
 * region, with the FC client's config: `s invoke` sends InvokeFunction through it (src/cloud/fc-invoke.ts)
 * so that it never parses the FC SDK (about 60 ms of every `s invoke`).
 */
export function fcOpenApiClient(ctx: CloudContext, region: string): OpenApiClient {
  return fcRegionClient(ctx, region, 'fc-openapi', () => require('@alicloud/openapi-core') as SdkModule<OpenApiClient>);
}
