/**
 * The component at scale, through `s` against the emulator: one role, two system policies and 100
 * functions in two regions. Counts come from the emulator's request log (stable under load). The
 * speed-up is that of a fresh deploy with every API call delayed 50 ms (the emulator's latency fault):
 * one call at a time would wait (calls x 50 ms); the deploy waited
 * - by the wall clock: its time minus that of the same deploy without delay (noisy on a busy machine);
 * - by the delays themselves: the time during which at least one call was being delayed (the union of
 *   the delays the emulator slept, recorded as it sleeps; nearly unmoved by the machine's load).
 */
import { join } from 'path';
import type { Emulator } from '../../emulator';
import { createFunction } from '../../test/fixtures/invoke/functions';
import { REPO_ROOT } from '../../test/helpers/s-cli';
import { projectWith, type Scratch, type SRunner } from './measure';

export const SCALE_FUNCTIONS = 100;
export const SCALE_REGIONS = ['cn-hangzhou', 'cn-shanghai'] as const;
export const LATENCY_MS = 50;
const ECHO = join(REPO_ROOT, 'test', 'fixtures', 'invoke', 'echo.js');

export interface ScaleFigures {
  functions: number;
  /** Fresh deploy without injected latency. */
  fresh: { ms: number; calls: number; writes: number; errors: number; rssKiB?: number };
  /** The second deploy of the same s.yaml (changes nothing). */
  noop: { ms: number; calls: number; writes: number; errors: number; byAction: Record<string, number>; rssKiB?: number };
  /** Fresh deploy with every call delayed LATENCY_MS; `delayedMs`: the union of the delays. */
  delayed: { ms: number; calls: number; errors: number; delayedMs: number };
  /** delayed.calls x LATENCY_MS / (delayed.ms - fresh.ms). */
  speedUp: number;
  /** delayed.calls x LATENCY_MS / delayed.delayedMs. */
  speedUpByDelays: number;
  /** Fresh deploy under the emulator's rate limits (THROTTLED): the calls it refused, and whether the deploy succeeded. */
  throttled: { ms: number; calls: number; refused: number; ok: boolean };
}

/** The rate limits of the throttled deploy: far below what the component starts without adapting. */
export const THROTTLED = { fcUpdateFunctionPerSecond: 10, ramPerSecond: 4 };

const functionNames = (): { name: string; region: string }[] =>
  Array.from({ length: SCALE_FUNCTIONS }, (_, i) => ({ name: `bench-fn-${String(i).padStart(3, '0')}`, region: SCALE_REGIONS[i % SCALE_REGIONS.length] ?? 'cn-hangzhou' }));

/** The functions exist before fc3-role runs (as fc3 would have made them), ten created at a time. */
async function createFunctions(emu: Emulator): Promise<void> {
  const all = functionNames();
  for (let i = 0; i < all.length; i += 10) {
    await Promise.all(all.slice(i, i + 10).map((f) => createFunction(emu, { name: f.name, region: f.region, source: ECHO })));
  }
}

/** Calls, writes, and answers that were errors (not-found reads of a fresh deploy included). */
function count(emu: Emulator): { calls: number; writes: number; errors: number } {
  return { calls: emu.requests.count(), writes: emu.requests.writes().length, errors: emu.requests.count({ failed: true }) };
}

export async function measureScale(emu: Emulator, runner: SRunner, scratch: Scratch): Promise<ScaleFigures> {
  const dir = projectWith(scratch, 'bench-scale', REPO_ROOT, {
    region: SCALE_REGIONS[0],
    role: { name: 'bench-scale-role' },
    policies: ['AliyunOSSReadOnlyAccess', 'AliyunLogReadOnlyAccess'],
    functions: functionNames(),
  });

  emu.reset();
  await createFunctions(emu);
  emu.requests.clear();
  const first = await runner.ok(dir, ['deploy', '-y']);
  const fresh = { ms: first.ms, ...count(emu), rssKiB: first.rssKiB };

  emu.requests.clear();
  const second = await runner.ok(dir, ['deploy', '-y']);
  const byAction: Record<string, number> = {};
  for (const r of emu.requests.list()) byAction[`${r.product}:${r.action}`] = (byAction[`${r.product}:${r.action}`] ?? 0) + 1;
  const noop = { ms: second.ms, ...count(emu), byAction, rssKiB: second.rssKiB };

  emu.reset();
  await createFunctions(emu);
  emu.requests.clear();
  emu.faults.add({ latencyMs: LATENCY_MS });
  const slept = recordDelays(emu);
  const third = await runner.run(dir, ['deploy', '-y']);
  const slow = count(emu);
  emu.faults.clear();
  if (third.code !== 0) throw new Error(`the delayed deploy failed:\n${third.stdout}\n${third.stderr}`);
  const delayed = { ms: third.ms, calls: slow.calls, errors: slow.errors, delayedMs: unionMs(slept) };
  const oneAtATime = delayed.calls * LATENCY_MS;
  const throttled = await measureThrottled(emu, runner, dir);
  return { functions: SCALE_FUNCTIONS, fresh, noop, delayed, speedUp: oneAtATime / (delayed.ms - fresh.ms), speedUpByDelays: oneAtATime / delayed.delayedMs, throttled };
}

async function measureThrottled(emu: Emulator, runner: SRunner, dir: string): Promise<ScaleFigures['throttled']> {
  emu.reset();
  await createFunctions(emu);
  emu.requests.clear();
  emu.faults.addRateLimit({ product: 'fc', action: 'UpdateFunction', perSecond: THROTTLED.fcUpdateFunctionPerSecond });
  emu.faults.addRateLimit({ product: 'ram', perSecond: THROTTLED.ramPerSecond });
  const run = await runner.run(dir, ['deploy', '-y']);
  emu.faults.clear();
  const refused = emu.requests.list().filter((r) => r.code === 'ResourceThrottled' || r.code?.startsWith('Throttling')).length;
  return { ms: run.ms, calls: emu.requests.count(), refused, ok: run.code === 0 };
}

/** The emulator's injected delays as they are slept ([start, end] in ms), until faults.clear() restores its sleep. */
function recordDelays(emu: Emulator): [number, number][] {
  const intervals: [number, number][] = [];
  const sleep = emu.faults.sleep;
  emu.faults.sleep = async (ms) => {
    const start = performance.now();
    await sleep(ms);
    intervals.push([start, performance.now()]);
  };
  return intervals;
}

/** Total length covered by the intervals. */
function unionMs(intervals: readonly [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}
