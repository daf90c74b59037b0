/**
 * Which limiter (src/cloud/adaptive-limit.ts) each cloud call goes through: one per product, and per
 * region for FC, for the run (per credentials object, as the SDK clients are cached). Every attempt of
 * a call passes it, so retries are paced too.
 *
 * A throttled call is safe to retry, whatever it does: the cloud refuses it before handling it.
 * "Throttling detects and blocks these requests"
 * (https://help.aliyun.com/en/openapi/throttling-and-quota-management); "If you submit API requests more
 * than the upper limit, the Throttling errors will be returned for the excessive requests. If you receive
 * errors about flow control, we recommend that you reduce the number of the concurrent API requests."
 * (https://www.alibabacloud.com/notice/ram20220829). The retry itself is withRetry's (src/retry.ts).
 */
import { classifyCloudError, readCloudError } from './cloud-error';
import { AdaptiveLimit, type LimitSettings } from './adaptive-limit';
import type { CloudContext } from './clients';

type Service = 'ram' | 'sts' | 'rm' | 'fc';

/**
 * RAM's quotas ("Flow control information", https://www.alibabacloud.com/help/en/ram/developer-reference/api-ram-2015-05-01-quota):
 * "GetRole | 2015-05-01 | 100/1(s) | area:* API speed limit dimension:regionId,API,ParentUid", that is per
 * action and per account (its RAM users and roles included). Actions listed `undefined`: we found no
 * figure for them (the stored copy of that table lists only part of it), so they are not capped and only
 * the adaptive limit applies.
 */
const RAM_QUOTAS: Record<string, number | undefined> = {
  GetRole: 100,
  ListPoliciesForRole: 100,
  ListEntitiesForPolicy: 100,
  ListPolicies: 100,
  CreateRole: 20,
  DeleteRole: 20,
  CreatePolicyVersion: 20,
  DeletePolicy: 20,
  AttachPolicyToRole: 10,
  DetachPolicyFromRole: 10,
  GetPolicy: undefined,
  CreatePolicy: undefined,
  UpdateRole: undefined,
  UpdatePolicyDescription: undefined,
  ListPolicyVersions: undefined,
  DeletePolicyVersion: undefined,
  SetDefaultPolicyVersion: undefined,
  GetAccountAlias: undefined,
  ListTagResources: undefined,
  TagResources: undefined,
  UntagResources: undefined,
};

/**
 * STS ("Flow control information", https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-quota):
 * "GetCallerIdentity 2015-04-01 100/1(s)", "AssumeRole 2015-04-01 100/1(s)".
 */
const STS_QUOTAS: Record<string, number | undefined> = { GetCallerIdentity: 100, AssumeRole: 100 };

/** Resource Manager (2020-03-31): we found no document giving its API quotas; not capped, adaptive only. */
const RM_QUOTAS: Record<string, number | undefined> = {
  AttachPolicy: undefined,
  DetachPolicy: undefined,
  ListPolicyAttachments: undefined,
  CreateServiceLinkedRole: undefined,
  GetResourceGroup: undefined,
};

/**
 * FC 3.0 publishes its quotas on a flow control page ("Function Compute:フロー制御情報",
 * https://www.alibabacloud.com/help/ja/functioncompute/fc/developer-reference/api-fc-2023-03-30-dir), but
 * the copy we could read holds no figures: not capped, adaptive only. FC answers per region (one endpoint
 * per region, and quotas are per regionId), so each region has its own limiter.
 */
const FC_QUOTAS: Record<string, number | undefined> = {
  GetFunction: undefined,
  UpdateFunction: undefined,
  ListFunctions: undefined,
  InvokeFunction: undefined,
};

const QUOTAS: Record<Service, Record<string, number | undefined>> = { ram: RAM_QUOTAS, sts: STS_QUOTAS, rm: RM_QUOTAS, fc: FC_QUOTAS };

/**
 * Calls in flight: `initial` per action at first, `max` for the whole service. Choice: FC starts each action
 * at 8 calls per region (the component's former fixed concurrency) and may reach 32 per region; RAM and
 * Resource Manager start at 4 and may reach 16 (RAM's write quotas are 10-20 calls a second, which the caps
 * above enforce anyway); STS is called once or twice a run.
 */
const IN_FLIGHT: Record<Service, Pick<LimitSettings, 'initial' | 'max'>> = {
  fc: { initial: 8, max: 32 },
  ram: { initial: 4, max: 16 },
  rm: { initial: 4, max: 16 },
  sts: { initial: 2, max: 8 },
};

/**
 * How many independent items (a function to read or update, a resource group to read) are started at
 * once: enough for the limiters of two FC regions at their largest, few enough that a failure leaves
 * little in flight (nothing new starts after one).
 */
export const ITEMS_IN_FLIGHT = 64;

/** The service an action belongs to (undefined: not one the component calls; it gets a limiter of its own). */
export function serviceOf(action: string): Service | undefined {
  return (Object.keys(QUOTAS) as Service[]).find((s) => Object.prototype.hasOwnProperty.call(QUOTAS[s], action));
}

function documentedQuotas(service: Service): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [action, perSecond] of Object.entries(QUOTAS[service])) if (perSecond !== undefined) out[action] = perSecond;
  return out;
}

/** A throttling answer, from its code and status only (RAM/STS/RM 400 Throttling.*, FC 429 ResourceThrottled). */
export function isThrottlingAnswer(e: unknown): boolean {
  return classifyCloudError(readCloudError(e)) === 'Throttled';
}

const limiters = new WeakMap<CloudContext['credentials'], Map<string, AdaptiveLimit>>();

/** The limiter of a service (and region, for FC) for this run. */
export function limiterFor(ctx: CloudContext, action: string, region?: string): AdaptiveLimit {
  let perRun = limiters.get(ctx.credentials);
  if (!perRun) {
    perRun = new Map();
    limiters.set(ctx.credentials, perRun);
  }
  const service = serviceOf(action);
  const key = `${ctx.endpoint?.host ?? ''}|${ctx.accountId}|${service ?? action}|${service === 'fc' ? region ?? '' : ''}`;
  let limit = perRun.get(key);
  if (!limit) {
    const settings: LimitSettings = service ? { ...IN_FLIGHT[service], perSecond: documentedQuotas(service) } : { initial: 4, max: 16 };
    limit = new AdaptiveLimit(settings, isThrottlingAnswer);
    perRun.set(key, limit);
  }
  return limit;
}

/**
 * `fn` as withRetry should call it: each attempt waits for its turn in the limiter of `action` (and
 * `region`, for FC); attempts after the first go to the head of the queue.
 */
export function limitedCall<T>(ctx: CloudContext, action: string, region: string | undefined, fn: () => Promise<T>): () => Promise<T> {
  let attempts = 0;
  return () => limiterFor(ctx, action, region).run(fn, { action, retry: attempts++ > 0 });
}
