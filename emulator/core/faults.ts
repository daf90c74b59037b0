/**
 * Fault injection, switchable at runtime: latency, injected errors, dropped connections, and the
 * propagation delay during which a new RAM role is not yet visible to FC, STS and Resource Manager.
 * Rates draw from a seeded PRNG, so a given sequence of requests always meets the same faults.
 */
import type { Product } from './types';

export type FaultError = 'Throttling' | 'ServiceUnavailable' | 'InternalError' | 'drop';

export interface FaultRule {
  /** Only requests to this product (default: any). */
  product?: Product;
  /** Only this action, e.g. 'AssumeRole', 'InvokeFunction', 'PutObject' (default: any). */
  action?: string;
  /** Delay before the request is handled (or failed). */
  latencyMs?: number;
  /** Fail the request with the protocol's real code for this failure; 'drop' destroys the socket. */
  error?: FaultError;
  /** Probability 0..1 that a matching request is affected (default 1). */
  rate?: number;
  /** How many requests the rule affects before it retires (default unlimited). */
  times?: number;
}

/** What to do to one request: wait `latencyMs`, then fail with `error` (if any). */
export interface FaultDecision {
  latencyMs: number;
  error?: FaultError;
}

const DEFAULT_SEED = 0x5eed;

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

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Faults {
  /** Read by World.isVisibleToServices. */
  propagationDelayMs = 0;
  /** How injected latency is waited out; tests may swap in a recorder (clear() restores the real timer). */
  sleep: (ms: number) => Promise<void> = realSleep;
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private seed = DEFAULT_SEED;
  private random = mulberry32(DEFAULT_SEED);

  /** Adds a rule; returns its id (for `remove`). */
  add(rule: FaultRule): number {
    if (rule.rate !== undefined && (rule.rate < 0 || rule.rate > 1)) throw new Error(`faults: rate must be 0..1, got ${rule.rate}`);
    const id = this.nextId++;
    this.rules.push({ ...rule, id, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((rule) => rule.id !== id);
  }

  setPropagationDelay(ms: number): void {
    this.propagationDelayMs = ms;
  }

  /** Reseeds the PRNG (clear() restores the default seed). */
  setSeed(seed: number): void {
    this.seed = seed;
    this.random = mulberry32(seed);
  }

  /** Removes every rule, zeroes the propagation delay, restores the real sleep and the default seed. */
  clear(): void {
    this.rules = [];
    this.propagationDelayMs = 0;
    this.sleep = realSleep;
    this.setSeed(DEFAULT_SEED);
  }

  get active(): readonly FaultRule[] {
    return this.rules;
  }

  /**
   * The faults one request meets: latencies add up, the first matching error wins. Each rule that
   * fires uses up one of its `times`.
   */
  decide(product: Product, action: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (rule.product !== undefined && rule.product !== product) continue;
      if (rule.action !== undefined && rule.action.toLowerCase() !== action.toLowerCase()) continue;
      if (rule.remaining <= 0) continue;
      if (rule.rate !== undefined && rule.rate < 1 && this.random() >= rule.rate) continue;
      if (rule.error !== undefined && decision.error !== undefined) continue;
      rule.remaining -= 1;
      decision.latencyMs += rule.latencyMs ?? 0;
      if (rule.error !== undefined) decision.error = rule.error;
    }
    this.rules = this.rules.filter((rule) => rule.remaining > 0);
    return decision;
  }
}
