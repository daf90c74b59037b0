/**
 * Fault injection, switchable at runtime: latency, injected errors, dropped connections, answers
 * lost after the request took effect, per-action rate limits, and the propagation delay during which
 * a new RAM role is not yet visible to FC, STS and Resource Manager.
 * Rates draw from a seeded PRNG, so a given sequence of requests always meets the same faults.
 */
import type { Product } from './types';

export type FaultError = 'Throttling' | 'ServiceUnavailable' | 'InternalError' | 'drop';

/**
 * How the answer of a request that was handled (its write took effect) is lost:
 * 'reset' destroys the connection after the handler ran; 'hang' never answers and holds the socket
 * open until the client gives up (its read timeout), the emulator is reset or closed.
 */
export type LostAnswer = 'reset' | 'hang';

export interface FaultRule {
  /** Only requests to this product (default: any). */
  product?: Product;
  /** Only this action, e.g. 'AssumeRole', 'InvokeFunction', 'PutObject' (default: any). */
  action?: string;
  /** Delay before the request is handled (or failed). */
  latencyMs?: number;
  /** Fail the request BEFORE it is handled with the protocol's real code for this failure; 'drop' destroys the socket. */
  error?: FaultError;
  /** Handle the request (a write takes effect), then lose its answer. Not combinable with `error`. */
  loseAnswer?: LostAnswer;
  /** Probability 0..1 that a matching request is affected (default 1). */
  rate?: number;
  /** How many requests the rule affects before it retires (default unlimited). */
  times?: number;
}

/**
 * A rate limit: more than `perSecond` requests matching it within one second (emulator clock) are
 * answered with the protocol's throttling error instead of being handled. Without `action` it counts
 * every action of the product together; without `product`, every request.
 */
export interface RateLimitRule {
  product?: Product;
  action?: string;
  perSecond: number;
}

/** What to do to one request: wait `latencyMs`, then fail with `error`, or handle it and lose the answer. */
export interface FaultDecision {
  latencyMs: number;
  error?: FaultError;
  loseAnswer?: LostAnswer;
}

const DEFAULT_SEED = 0x5eed;
const WINDOW_MS = 1000;

/** mulberry32: small, fast, deterministic. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ActiveRule extends FaultRule {
  id: number;
  remaining: number;
}

interface ActiveLimit extends RateLimitRule {
  id: number;
  /** Emulator times (ms) of the requests admitted in the current window. */
  admitted: number[];
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function applies(rule: { product?: Product; action?: string }, product: Product, action: string): boolean {
  if (rule.product !== undefined && rule.product !== product) return false;
  return rule.action === undefined || rule.action.toLowerCase() === action.toLowerCase();
}

export class Faults {
  /** Read by World.isVisibleToServices. */
  propagationDelayMs = 0;
  /** How injected latency is waited out; tests may swap in a recorder (clear() restores the real timer). */
  sleep: (ms: number) => Promise<void> = realSleep;
  private rules: ActiveRule[] = [];
  private limits: ActiveLimit[] = [];
  private nextId = 1;
  private seed = DEFAULT_SEED;
  private random = mulberry32(DEFAULT_SEED);

  /** Adds a rule; returns its id (for `remove`). */
  add(rule: FaultRule): number {
    if (rule.rate !== undefined && (rule.rate < 0 || rule.rate > 1)) throw new Error(`faults: rate must be 0..1, got ${rule.rate}`);
    if (rule.error !== undefined && rule.loseAnswer !== undefined) {
      throw new Error('faults: a rule either fails the request before it is handled (error) or loses its answer after (loseAnswer), not both');
    }
    const id = this.nextId++;
    this.rules.push({ ...rule, id, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  /** Adds a rate limit; returns its id (for `remove`). */
  addRateLimit(limit: RateLimitRule): number {
    if (!Number.isInteger(limit.perSecond) || limit.perSecond < 0) {
      throw new Error(`faults: perSecond must be a whole number >= 0, got ${limit.perSecond}`);
    }
    const id = this.nextId++;
    this.limits.push({ ...limit, id, admitted: [] });
    return id;
  }

  /** Removes a rule or a rate limit. */
  remove(id: number): void {
    this.rules = this.rules.filter((rule) => rule.id !== id);
    this.limits = this.limits.filter((limit) => limit.id !== id);
  }

  setPropagationDelay(ms: number): void {
    this.propagationDelayMs = ms;
  }

  /** Reseeds the PRNG (clear() restores the default seed). */
  setSeed(seed: number): void {
    this.seed = seed;
    this.random = mulberry32(seed);
  }

  /** Removes every rule and rate limit, zeroes the propagation delay, restores the real sleep and the default seed. */
  clear(): void {
    this.rules = [];
    this.limits = [];
    this.propagationDelayMs = 0;
    this.sleep = realSleep;
    this.setSeed(DEFAULT_SEED);
  }

  get active(): readonly FaultRule[] {
    return this.rules;
  }

  get rateLimits(): readonly RateLimitRule[] {
    return this.limits;
  }

  /**
   * The faults one request meets at emulator time `now`: latencies add up, the first matching error
   * (or lost answer) wins, and a request no rule fails is throttled when a rate limit it matches is
   * full. Each rule that fires uses up one of its `times`; only admitted requests count against limits.
   */
  decide(product: Product, action: string, now = 0): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (!applies(rule, product, action) || rule.remaining <= 0) continue;
      if (rule.rate !== undefined && rule.rate < 1 && this.random() >= rule.rate) continue;
      const decided = decision.error !== undefined || decision.loseAnswer !== undefined;
      if ((rule.error !== undefined || rule.loseAnswer !== undefined) && decided) continue;
      rule.remaining -= 1;
      decision.latencyMs += rule.latencyMs ?? 0;
      if (rule.error !== undefined) decision.error = rule.error;
      if (rule.loseAnswer !== undefined) decision.loseAnswer = rule.loseAnswer;
    }
    this.rules = this.rules.filter((rule) => rule.remaining > 0);
    if (decision.error === undefined && this.isThrottled(product, action, now)) {
      decision.error = 'Throttling';
      delete decision.loseAnswer;
    }
    return decision;
  }

  /** True when a matching rate limit is full; otherwise the request is counted against every matching limit. */
  // Choice: a rate limit counts every caller together (the real STS limit is per account, shared by its RAM users and roles); throttled requests do not count.
  private isThrottled(product: Product, action: string, now: number): boolean {
    const matching = this.limits.filter((limit) => applies(limit, product, action));
    for (const limit of matching) limit.admitted = limit.admitted.filter((time) => now - time < WINDOW_MS);
    if (matching.some((limit) => limit.admitted.length >= limit.perSecond)) return true;
    for (const limit of matching) limit.admitted.push(now);
    return false;
  }
}
