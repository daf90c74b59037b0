/**
 * How many calls to one service (one product, in one region for FC) run at once, and how fast they
 * start: additive increase, multiplicative decrease, as TCP does with its window.
 *
 * Alibaba Cloud counts quotas per API action, in windows of one second: "Request Rate: 5/1 s — the API
 * can be called up to 5 times per second" (https://help.aliyun.com/en/openapi/throttling-and-quota-management),
 * with the dimension "regionId,API,ParentUid" (e.g. https://www.alibabacloud.com/help/en/ram/developer-reference/api-ram-2015-05-01-quota).
 * So each action learns on its own, within the service's cap of `max` calls in flight:
 *
 * - An action's limit of calls in flight starts at `initial` and doubles with each window of successful
 *   calls (slow start) until its first throttling answer, then grows by one per window, up to `max`.
 * - A throttling answer halves it, once per episode: refusals of calls that started before the last
 *   decrease were already accounted for.
 * - After a refusal no call of that action starts until one second after the refused call started (its
 *   window has passed), and the action's starts are paced at half the rate that was refused. The pace
 *   grows back by about one call per second each second without a refusal, for the rest of the run (ending
 *   it at once would start a burst as large as the limit, and be refused again).
 * - `perSecond` caps an action at the rate Alibaba Cloud documents for it: never more starts than that
 *   within any second.
 * - A retried call goes ahead of those waiting for their first turn.
 */

export interface LimitSettings {
  /** Calls of one action in flight at the start. */
  initial: number;
  /** Calls in flight at most, all actions together. */
  max: number;
  /** The documented quota of an action, in calls per second; actions without one are not capped. */
  perSecond?: Readonly<Record<string, number>>;
}

export interface LimitClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: LimitClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What one limiter has seen (for tests). */
export interface LimitStats {
  calls: number;
  throttled: number;
  /** The limit of calls in flight of the action asked about, now. */
  limit: number;
}

export interface RunOptions {
  /** The API action, for its limit, its pace and its documented quota. */
  action?: string;
  /** A retry of a call that already had its turn: it goes first. */
  retry?: boolean;
}

const WINDOW_MS = 1000;
/** Paced actions never go slower than this many calls per second. */
const MIN_RATE = 1;

/** What the limiter knows of one action. */
interface ActionState {
  limit: number;
  /** Slow start below this (doubling), additive increase above. */
  threshold: number;
  inFlight: number;
  /** Bumped when the limit and pace are lowered: refusals of calls started before are not counted again. */
  epoch: number;
  /** Start times within the last window. */
  starts: number[];
  /** Calls per second while paced; undefined: not paced. */
  rate?: number;
  nextStartAt: number;
  /** No start before this (a refused call's window has not passed yet). */
  pausedUntil: number;
}

interface Start {
  at: number;
  epoch: number;
}

export class AdaptiveLimit {
  private inFlight = 0;
  private waiting: Array<() => void> = [];
  private readonly actions = new Map<string, ActionState>();
  private calls = 0;
  private throttledCount = 0;

  constructor(
    private readonly settings: LimitSettings,
    private readonly isThrottling: (e: unknown) => boolean,
    private readonly clock: LimitClock = realClock,
  ) {}

  stats(action = ''): LimitStats {
    return { calls: this.calls, throttled: this.throttledCount, limit: Math.floor(this.actionState(action).limit) };
  }

  /** Runs `fn` when a slot is free and its start is due; learns from how it ends. */
  async run<T>(fn: () => Promise<T>, opts: RunOptions = {}): Promise<T> {
    const name = opts.action ?? '';
    const state = this.actionState(name);
    await this.acquire(state, opts.retry ?? false);
    try {
      const start = await this.startWhenDue(state, name);
      try {
        const value = await fn();
        this.succeeded(state);
        return value;
      } catch (e) {
        if (this.isThrottling(e)) this.refused(state, start);
        throw e;
      }
    } finally {
      this.release(state);
    }
  }

  private actionState(action: string): ActionState {
    let state = this.actions.get(action);
    if (!state) {
      const limit = Math.max(1, Math.min(this.settings.initial, this.settings.max));
      state = { limit, threshold: this.settings.max, inFlight: 0, epoch: 0, starts: [], nextStartAt: 0, pausedUntil: 0 };
      this.actions.set(action, state);
    }
    return state;
  }

  private async acquire(state: ActionState, first: boolean): Promise<void> {
    while (this.inFlight >= this.settings.max || state.inFlight >= Math.floor(state.limit)) {
      await new Promise<void>((resolve) => (first ? this.waiting.unshift(resolve) : this.waiting.push(resolve)));
    }
    this.inFlight++;
    state.inFlight++;
  }

  private release(state: ActionState): void {
    this.inFlight--;
    state.inFlight--;
    // Waiters of different actions wait for different things: each woken one checks again, in order.
    const woken = this.waiting;
    this.waiting = [];
    for (const wake of woken) wake();
  }

  /** Waits until the action may start (pause, pace, documented quota). */
  private async startWhenDue(state: ActionState, action: string): Promise<Start> {
    const quota = this.settings.perSecond?.[action];
    for (;;) {
      const now = this.clock.now();
      while (state.starts.length > 0 && (state.starts[0] ?? now) <= now - WINDOW_MS) state.starts.shift();
      let due = Math.max(now, state.pausedUntil);
      if (state.rate !== undefined) due = Math.max(due, state.nextStartAt);
      if (quota !== undefined && state.starts.length >= quota) due = Math.max(due, (state.starts[state.starts.length - quota] ?? now) + WINDOW_MS);
      if (due <= now) {
        state.starts.push(now);
        if (state.rate !== undefined) state.nextStartAt = now + WINDOW_MS / state.rate;
        this.calls++;
        return { at: now, epoch: state.epoch };
      }
      // Others may start meanwhile: the state is read again after the wait.
      await this.clock.sleep(due - now);
    }
  }

  private succeeded(state: ActionState): void {
    const grown = state.limit < state.threshold ? state.limit + 1 : state.limit + 1 / state.limit;
    state.limit = Math.min(this.settings.max, grown);
    if (state.rate !== undefined) state.rate += 1 / state.rate;
  }

  private refused(state: ActionState, start: Start): void {
    this.throttledCount++;
    state.pausedUntil = Math.max(state.pausedUntil, start.at + WINDOW_MS);
    if (start.epoch !== state.epoch) return;
    state.epoch++;
    state.limit = Math.max(1, Math.floor(state.limit / 2));
    state.threshold = state.limit;
    const startedInWindow = state.starts.filter((t) => t > start.at - WINDOW_MS && t <= start.at).length;
    state.rate = Math.max(MIN_RATE, Math.min(state.rate ?? startedInWindow, startedInWindow) / 2);
  }
}
