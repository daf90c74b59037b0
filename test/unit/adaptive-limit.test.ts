/**
 * AdaptiveLimit on a virtual clock (nothing here depends on how fast the machine is): the limit
 * bounds the calls in flight and grows while calls succeed; after throttling answers the action's
 * starts pause for the refused window and are paced, so that a service allowing N calls a second
 * refuses only a bounded number of them and every call succeeds within withRetry's default attempts.
 */
import { AdaptiveLimit, type LimitClock } from '../../src/cloud/adaptive-limit';

/** A discrete-event clock: time moves only when every pending promise is waiting on it. */
class VirtualClock implements LimitClock {
  private t = 0;
  private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  private seq = 0;

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve }));
  }

  /** Settles `work`, moving time to the next timer whenever nothing else can run. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('deadlock: nothing to wait for');
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    return result;
  }
}

class Throttled extends Error {
  readonly code = 'Throttling.User';
}
const isThrottling = (e: unknown): boolean => e instanceof Throttled;

/** A service that admits `perSecond` calls in any one-second window (all callers together) and takes `ms` per call. */
function rateLimitedService(clock: VirtualClock, perSecond: number, ms: number): { call: () => Promise<void>; refused: () => number; admitted: () => number[] } {
  const window: number[] = [];
  const all: number[] = [];
  let refused = 0;
  return {
    call: async () => {
      const now = clock.now();
      while (window.length > 0 && (window[0] ?? now) <= now - 1000) window.shift();
      if (window.length >= perSecond) {
        refused++;
        throw new Throttled('Request was denied due to user flow control.');
      }
      window.push(now);
      all.push(now);
      await clock.sleep(ms);
    },
    refused: () => refused,
    admitted: () => all,
  };
}

/** Retries throttled calls as withRetry does by default: 4 attempts, jittered waits under 200, 400, 800 ms. */
async function withThrottleRetry(clock: VirtualClock, limit: AdaptiveLimit, call: () => Promise<void>, action = 'Update'): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      await limit.run(call, { action, retry: attempt > 1 });
      return attempt;
    } catch (e) {
      if (!isThrottling(e) || attempt >= 4) throw e;
      await clock.sleep(100 * 2 ** (attempt - 1));
    }
  }
}

function mostInAnySecond(starts: readonly number[]): number {
  return Math.max(0, ...starts.map((t) => starts.filter((u) => u >= t && u < t + 1000).length));
}

describe('AdaptiveLimit', () => {
  it('never has more calls in flight than its limit, and doubles the limit while calls succeed, up to max', async () => {
    const clock = new VirtualClock();
    const limit = new AdaptiveLimit({ initial: 4, max: 32 }, isThrottling, clock);
    let inFlight = 0;
    let most = 0;
    const task = (): Promise<void> =>
      limit.run(async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await clock.sleep(50);
        inFlight--;
      });
    await clock.run(Promise.all(Array.from({ length: 200 }, task)));
    expect(most).toBe(32);
    expect(limit.stats()).toEqual({ calls: 200, throttled: 0, limit: 32 });
    // Slow start: 4 + 8 + 16 calls in the first three rounds of 50 ms, then 32 at a time.
    expect(clock.now()).toBeLessThanOrEqual(50 * (3 + Math.ceil((200 - 28) / 32)));
  });

  it('halves the limit once for refusals of calls that started together, and never goes below one', async () => {
    const clock = new VirtualClock();
    const limit = new AdaptiveLimit({ initial: 8, max: 8 }, isThrottling, clock);
    const refuse = (): Promise<void> => limit.run(() => Promise.reject(new Throttled('x'))).catch(() => undefined);
    await clock.run(Promise.all(Array.from({ length: 8 }, refuse)));
    expect(limit.stats()).toMatchObject({ throttled: 8, limit: 4 });
    for (let i = 0; i < 5; i++) await clock.run(refuse());
    expect(limit.stats()).toMatchObject({ throttled: 13, limit: 1 });
  });

  it('against a service allowing 10 calls a second, 300 calls all succeed within 4 attempts, with a bounded number refused', async () => {
    const clock = new VirtualClock();
    const service = rateLimitedService(clock, 10, 5);
    const limit = new AdaptiveLimit({ initial: 8, max: 32 }, isThrottling, clock);
    const attempts = await clock.run(Promise.all(Array.from({ length: 300 }, () => withThrottleRetry(clock, limit, service.call))));
    expect(attempts).toHaveLength(300);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(3);
    // Without the pause and the pace, 8 calls in flight of 5 ms each would be refused thousands of times (11 here).
    expect(service.refused()).toBeLessThanOrEqual(20);
    expect(mostInAnySecond(service.admitted())).toBe(10);
  });

  it('two limiters (two FC regions) sharing one service limit of 10 a second: every call succeeds, refusals bounded', async () => {
    const clock = new VirtualClock();
    const service = rateLimitedService(clock, 10, 5);
    const regions = [new AdaptiveLimit({ initial: 8, max: 32 }, isThrottling, clock), new AdaptiveLimit({ initial: 8, max: 32 }, isThrottling, clock)];
    const attempts = await clock.run(
      Promise.all(Array.from({ length: 200 }, (_, i) => withThrottleRetry(clock, regions[i % 2] ?? regions[0], service.call))),
    );
    expect(attempts).toHaveLength(200);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(3);
    expect(service.refused()).toBeLessThanOrEqual(35);
  });

  it('a refusal of one action does not pace another', async () => {
    const clock = new VirtualClock();
    const limit = new AdaptiveLimit({ initial: 8, max: 8 }, isThrottling, clock);
    await clock.run(limit.run(() => Promise.reject(new Throttled('x')), { action: 'Update' }).catch(() => undefined));
    const started: number[] = [];
    const read = (): Promise<void> => limit.run(async () => void started.push(clock.now()), { action: 'Get' });
    await clock.run(Promise.all(Array.from({ length: 20 }, read)));
    expect(started.every((t) => t === 0)).toBe(true);
  });

  it('after a refusal, the action waits out the refused window, is paced at half the refused rate, and speeds up again', async () => {
    const clock = new VirtualClock();
    const limit = new AdaptiveLimit({ initial: 8, max: 8 }, isThrottling, clock);
    const starts: number[] = [];
    const call = (): Promise<void> => limit.run(async () => void starts.push(clock.now()), { action: 'Update' });
    await clock.run(Promise.all(Array.from({ length: 9 }, call)));
    await clock.run(limit.run(() => Promise.reject(new Throttled('x')), { action: 'Update' }).catch(() => undefined));
    starts.length = 0;
    await clock.run(Promise.all(Array.from({ length: 60 }, call)));
    expect(Math.min(...starts)).toBe(1000);
    const perSecond = [1, 2, 3, 4, 5, 6].map((s) => starts.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length);
    // 10 starts in the refused second: 5 a second at first (6 fit, as the pace grows), then about one more each second.
    expect(perSecond[0]).toBeGreaterThanOrEqual(5);
    expect(perSecond[0]).toBeLessThanOrEqual(6);
    for (let i = 1; i < perSecond.length; i++) expect(perSecond[i]).toBeGreaterThanOrEqual(perSecond[i - 1] ?? 0);
    expect(perSecond[5]).toBeGreaterThanOrEqual(9);
  });

  it('an action not refused yet starts at the initial limit, whatever another action of the service grew to', async () => {
    const clock = new VirtualClock();
    const limit = new AdaptiveLimit({ initial: 4, max: 32 }, isThrottling, clock);
    const run = (action: string): Promise<void> => limit.run(() => clock.sleep(50), { action });
    await clock.run(Promise.all(Array.from({ length: 100 }, () => run('GetFunction'))));
    expect(limit.stats('GetFunction').limit).toBe(32);
    expect(limit.stats('UpdateFunction').limit).toBe(4);
  });

  it('a retry goes ahead of the calls waiting for their first turn', async () => {
    const clock = new VirtualClock();
    const limit = new AdaptiveLimit({ initial: 1, max: 1 }, isThrottling, clock);
    const order: string[] = [];
    const slow = limit.run(() => clock.sleep(10));
    const first = Array.from({ length: 3 }, (_, i) => limit.run(async () => void order.push(`new ${i}`)));
    const retry = limit.run(async () => void order.push('retry'), { retry: true });
    await clock.run(Promise.all([slow, ...first, retry]));
    expect(order[0]).toBe('retry');
  });

  it('never starts an action more often than its documented quota, whatever the limit', async () => {
    const clock = new VirtualClock();
    const starts: number[] = [];
    const limit = new AdaptiveLimit({ initial: 32, max: 32, perSecond: { AttachPolicyToRole: 10 } }, isThrottling, clock);
    const attach = (): Promise<void> =>
      limit.run(
        async () => {
          starts.push(clock.now());
          await clock.sleep(5);
        },
        { action: 'AttachPolicyToRole' },
      );
    await clock.run(Promise.all(Array.from({ length: 55 }, attach)));
    expect(starts).toHaveLength(55);
    expect(mostInAnySecond(starts)).toBe(10);
  });
});
