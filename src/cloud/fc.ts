/**
 * Function Compute 3.0: read functions, and set a function's role (a partial update sending ONLY
 * `{ role }`, then waiting until FC has applied it).
 */
import { Fc3RoleError } from '../errors';
import { defaultSleep, isFcRoleNotAssumable, type RetryTuning } from '../retry';
import { callCloud, findOrUndefined } from './call';
import { fcClient, type CloudContext } from './clients';
import { fcSdk } from './sdk';

export interface FcFunction {
  name: string;
  region: string;
  /** The role ARN, or '' when the function has none. */
  role: string;
  state?: string;
  lastUpdateStatus?: string;
  lastUpdateStatusReason?: string;
}

export const FUNCTION_NOT_FOUND = ['FunctionNotFound'] as const;

interface FunctionShape {
  functionName?: string;
  role?: string;
  state?: string;
  lastUpdateStatus?: string;
  lastUpdateStatusReason?: string;
}

function toFcFunction(f: FunctionShape | undefined, name: string, region: string): FcFunction {
  return {
    name: f?.functionName ?? name,
    region,
    role: f?.role ?? '',
    state: f?.state,
    lastUpdateStatus: f?.lastUpdateStatus,
    lastUpdateStatusReason: f?.lastUpdateStatusReason,
  };
}

const where = (name: string, region: string): string => `function ${name} (${region})`;

export async function findFunction(ctx: CloudContext, region: string, name: string): Promise<FcFunction | undefined> {
  const sdk = fcSdk();
  const res = await findOrUndefined(ctx, 'GetFunction', where(name, region), FUNCTION_NOT_FOUND, () =>
    fcClient(ctx, region).getFunction(name, new sdk.GetFunctionRequest({})),
  );
  return res ? toFcFunction(res.body, name, region) : undefined;
}

export async function getFunction(ctx: CloudContext, region: string, name: string): Promise<FcFunction> {
  const fn = await findFunction(ctx, region, name);
  if (!fn) {
    throw new Fc3RoleError('NotFound', `GetFunction failed for ${where(name, region)}: the function does not exist`, {
      hint: `deploy the function first (e.g. with the fc3 component), or fix its name/region in s.yaml.`,
    });
  }
  return fn;
}

/** Every function of a region, paged through. */
export async function listFunctions(ctx: CloudContext, region: string): Promise<FcFunction[]> {
  const sdk = fcSdk();
  const out: FcFunction[] = [];
  let nextToken: string | undefined;
  do {
    const request = new sdk.ListFunctionsRequest({ limit: 100, ...(nextToken ? { nextToken } : {}) });
    const res = await callCloud(ctx, 'ListFunctions', `functions in ${region}`, () => fcClient(ctx, region).listFunctions(request));
    for (const f of res.body?.functions ?? []) out.push(toFcFunction(f, f.functionName ?? '', region));
    nextToken = res.body?.nextToken || undefined;
  } while (nextToken);
  return out;
}

export interface UpdateFunctionRoleOptions {
  /**
   * Retry FC's "cannot assume the role" (400 InvalidArgument) answer as "FC does not see the role yet":
   * only for a role RAM has whose trust policy admits fc.aliyuncs.com (src/apply/readiness.ts).
   */
  retryWhileRoleInvisible?: boolean;
  /** How long to keep retrying those. */
  propagation?: RetryTuning;
  /** Polling of lastUpdateStatus after the update. */
  wait?: { intervalMs?: number; timeoutMs?: number; sleep?: (ms: number) => Promise<void> };
}

/** UpdateFunction with `{ role }` only, then waits until `lastUpdateStatus` leaves InProgress. */
export async function updateFunctionRole(
  ctx: CloudContext,
  region: string,
  name: string,
  role: string,
  opts: UpdateFunctionRoleOptions = {},
): Promise<FcFunction> {
  const sdk = fcSdk();
  const request = new sdk.UpdateFunctionRequest({ body: new sdk.UpdateFunctionInput({ role }) });
  const waiting = (opts.retryWhileRoleInvisible ?? false) && role !== '';
  const res = await callCloud(ctx, 'UpdateFunction', where(name, region), () => fcClient(ctx, region).updateFunction(name, request), {
    alsoRetry: (e) => waiting && isFcRoleNotAssumable(e),
    tuning: waiting ? opts.propagation : undefined,
  });
  return waitForUpdate(ctx, toFcFunction(res.body, name, region), opts.wait);
}

/** Polls GetFunction (bounded) while the last update is InProgress; Failed -> error. */
export async function waitForUpdate(
  ctx: CloudContext,
  fn: FcFunction,
  opts: UpdateFunctionRoleOptions['wait'] = {},
): Promise<FcFunction> {
  // Choice: poll every 1 s for at most 120 s; still InProgress then -> Fc3RoleError Timeout.
  const intervalMs = opts.intervalMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const sleep = opts.sleep ?? defaultSleep;
  let current = fn;
  for (let waited = 0; current.lastUpdateStatus === 'InProgress'; waited += intervalMs) {
    if (waited >= timeoutMs) {
      throw new Fc3RoleError('Timeout', `UpdateFunction failed for ${where(fn.name, fn.region)}: still InProgress after ${timeoutMs} ms`, {
        hint: 'check the function in the FC console, then run deploy again.',
      });
    }
    await sleep(intervalMs);
    current = await getFunction(ctx, fn.region, fn.name);
  }
  if (current.lastUpdateStatus === 'Failed') {
    throw new Fc3RoleError(
      'CloudError',
      `UpdateFunction failed for ${where(fn.name, fn.region)}: the update ended Failed (${current.lastUpdateStatusReason ?? 'no reason given'})`,
    );
  }
  return current;
}
