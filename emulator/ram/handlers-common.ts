/** What every RAM handler needs: the caller's account, the clock, authorization and pagination. */
import type { RpcContext } from '../core/types';
import type { Account } from '../core/world';
import { authorize, noPermission } from '../iam/authorize';
import { ramErrors } from './errors';
import type { RamState } from './state';

export interface RamCall {
  account: Account;
  ram: RamState;
  /** World time, epoch ms. */
  now: number;
}

/** RAM always acts on the caller's own account. */
export function openRam(ctx: RpcContext): RamCall {
  const account = ctx.world.getAccount(ctx.caller.accountId);
  return { account, ram: account.ram, now: ctx.world.now() };
}

// Choice: authorization resources use the name as given in the request (acs:ram:*:<uid>:role/<RoleName>); list and tag actions use `*`-style resources.
export const ramResource = {
  role: (uid: string, name: string) => `acs:ram:*:${uid}:role/${name}`,
  policy: (uid: string, name: string) => `acs:ram:*:${uid}:policy/${name}`,
  user: (uid: string, name: string) => `acs:ram:*:${uid}:user/${name}`,
  allRoles: (uid: string) => `acs:ram:*:${uid}:role/*`,
  allPolicies: (uid: string) => `acs:ram:*:${uid}:policy/*`,
  allUsers: (uid: string) => `acs:ram:*:${uid}:user/*`,
  everything: () => '*',
};

/** Root of the account passes; others need `ram:<action>` on `resource` (403 NoPermission otherwise). */
export function requirePermission(ctx: RpcContext, call: RamCall, action: string, resource: string): void {
  if (ctx.caller.kind === 'root' && ctx.caller.accountId === call.account.id) return;
  const { allowed, detail } = authorize(ctx.world, call.account, ctx.caller, `ram:${action}`, resource);
  if (!allowed) throw noPermission(detail);
}

export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  /** Opaque token for the next page, '' on the last page. */
  next: string;
}

// Choice: Marker/NextToken is the base64 of the next item's sort key; an undecodable one is 400 InvalidParameter.<Marker|NextToken>.
export function paginate<T>(sorted: T[], keyOf: (item: T) => string, marker: string | undefined, size: number, markerParam = 'Marker'): Page<T> {
  let start = 0;
  if (marker) {
    const key = Buffer.from(marker, 'base64').toString('utf8');
    if (Buffer.from(key, 'utf8').toString('base64') !== marker) throw ramErrors.invalidParam(markerParam, 'unknown pagination token');
    start = sorted.findIndex((item) => keyOf(item) >= key);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + size);
  const following = sorted[start + size];
  return {
    items,
    isTruncated: following !== undefined,
    next: following === undefined ? '' : Buffer.from(keyOf(following), 'utf8').toString('base64'),
  };
}
