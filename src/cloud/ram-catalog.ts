/**
 * RAM's list of system policies (ListPolicies, PolicyType=System, every page), read only when a
 * declared system policy is unknown, and kept for the rest of the run: `s` runs every resource of a
 * project in one process, so one read serves them all.
 */
import { callCloud } from './call';
import { ramClient, type CloudContext } from './clients';
import { ramSdk } from './sdk';

/** The most a page holds (ListPolicies MaxItems: 1 to 1000). */
const PAGE_SIZE = 1000;

/** Per endpoint and account: the names, once read. */
const catalogs = new Map<string, Promise<string[]>>();

async function readSystemPolicyNames(ctx: CloudContext): Promise<string[]> {
  const sdk = ramSdk();
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const request = new sdk.ListPoliciesRequest({ policyType: 'System', maxItems: PAGE_SIZE, ...(marker ? { marker } : {}) });
    const res = await callCloud(ctx, 'ListPolicies', 'system policies', () => ramClient(ctx).listPolicies(request));
    for (const p of res.body?.policies?.policy ?? []) if (p.policyName) names.push(p.policyName);
    marker = res.body?.isTruncated ? res.body.marker : undefined;
  } while (marker);
  return names;
}

/** Every system policy name RAM knows (read once per run; a failed read is not kept). */
export function listSystemPolicyNames(ctx: CloudContext): Promise<string[]> {
  const key = `${ctx.endpoint?.protocol ?? 'https'}://${ctx.endpoint?.host ?? ''}|${ctx.accountId}`;
  const cached = catalogs.get(key);
  if (cached) return cached;
  const read = readSystemPolicyNames(ctx);
  catalogs.set(key, read);
  read.catch(() => catalogs.delete(key));
  return read;
}
