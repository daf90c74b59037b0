/**
 * Bounded concurrency for independent cloud calls (e.g. reading or updating many functions). After
 * the first failure no new item is started; the items already in flight are waited for, so that the
 * caller can say exactly what was done and what was not.
 */

export interface Settled<T, R> {
  /** Items that finished, in input order. */
  done: Array<{ item: T; index: number; value: R }>;
  /** Items that failed (the first failure first, then any other in-flight one that failed too). */
  failed: Array<{ item: T; index: number; error: unknown }>;
  /** Items never started because an earlier one had failed, in input order. */
  notStarted: Array<{ item: T; index: number }>;
}

/** Runs `fn` over `items` with at most `limit` in flight; stops starting new items after the first failure. Never rejects. */
export async function settleWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<Settled<T, R>> {
  const values = new Map<number, R>();
  const failed: Settled<T, R>['failed'] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && failed.length === 0) {
      const index = next++;
      try {
        values.set(index, await fn(items[index], index));
      } catch (error) {
        failed.push({ item: items[index], index, error });
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
  const done = [...values.entries()].sort(([a], [b]) => a - b).map(([index, value]) => ({ item: items[index], index, value }));
  const notStarted = items.slice(next).map((item, i) => ({ item, index: next + i }));
  return { done, failed, notStarted };
}

/** Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order. Rejects with the first failure, after the calls in flight have ended. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const settled = await settleWithConcurrency(items, limit, fn);
  if (settled.failed.length > 0) throw settled.failed[0].error;
  return settled.done.map((d) => d.value);
}
