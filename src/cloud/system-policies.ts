/**
 * System policies (Alibaba Cloud's own, the same for the whole run): GetPolicy with the default version, read
 * once per name per run. `observe` and the permission checks share these reads.
 */
import type { Credentials } from '../credentials';
import type { CloudContext } from './clients';
import { findPolicy, type RamPolicy } from './ram-policy';

/** Per credentials object (one per command run), then per endpoint and lower-cased name. */
const cache = new WeakMap<Credentials, Map<string, Promise<RamPolicy | undefined>>>();

/** The system policy and its default version's document, or undefined when RAM has none of that name. */
export function findSystemPolicy(ctx: CloudContext, name: string): Promise<RamPolicy | undefined> {
  let perRun = cache.get(ctx.credentials);
  if (!perRun) {
    perRun = new Map();
    cache.set(ctx.credentials, perRun);
  }
  const key = `${ctx.endpoint?.host ?? ''}|${name.toLowerCase()}`;
  const hit = perRun.get(key);
  if (hit) return hit;
  const read = findPolicy(ctx, 'System', name);
  perRun.set(key, read);
  // A failed read is not kept: a later caller tries again.
  read.catch(() => perRun?.delete(key));
  return read;
}
