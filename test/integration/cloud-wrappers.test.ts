import { mapWithConcurrency, settleWithConcurrency } from '../../src/cloud/concurrency';
import { findFunction, getFunction, waitForUpdate } from '../../src/cloud/fc';
import { fcClient, ramClient } from '../../src/cloud/clients';
import { updatePolicyDescription } from '../../src/cloud/ram-policy';
import { findRole, updateRole } from '../../src/cloud/ram-role';
import { isFc3RoleError } from '../../src/errors';
import { useEmulator } from '../helpers/emulator';
import { createFunction, testContext } from './cloud-fixtures';

describe('mapWithConcurrency', () => {
  test('keeps at most `limit` calls in flight and the results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const run = mapWithConcurrency([...Array(20).keys()], 8, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((resolve) => gates.push(resolve));
      inFlight--;
      return n * 2;
    });
    while (gates.length > 0 || inFlight > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.splice(0).forEach((open) => open());
    }
    expect(await run).toEqual([...Array(20).keys()].map((n) => n * 2));
    expect(peak).toBe(8);
  });

  test('an empty list gives an empty result', async () => {
    expect(await mapWithConcurrency([], 8, async () => 1)).toEqual([]);
  });

  test('after the first failure starts nothing new, waits for those in flight and says what was done and what not', async () => {
    const started: number[] = [];
    const gates = new Map<number, { open: () => void; fail: (e: Error) => void }>();
    const run = settleWithConcurrency([...Array(10).keys()], 3, (n) => {
      started.push(n);
      return new Promise<number>((resolve, reject) => gates.set(n, { open: () => resolve(n), fail: reject }));
    });
    const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates.get(0)?.open();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    gates.get(1)?.fail(new Error('item 1 failed'));
    await tick();
    // Nothing new starts; 2 and 3 are still in flight and are waited for.
    expect(started).toEqual([0, 1, 2, 3]);
    gates.get(3)?.fail(new Error('item 3 failed'));
    gates.get(2)?.open();
    const settled = await run;
    expect(started).toEqual([0, 1, 2, 3]);
    expect(settled.done.map((d) => d.item)).toEqual([0, 2]);
    expect(settled.failed.map((f) => [f.item, (f.error as Error).message])).toEqual([[1, 'item 1 failed'], [3, 'item 3 failed']]);
    expect(settled.notStarted.map((n) => n.item)).toEqual([4, 5, 6, 7, 8, 9]);
    await expect(mapWithConcurrency([1, 2], 1, async (n) => { if (n === 1) throw new Error('first'); return n; })).rejects.toThrow('first');
  });
});

describe('cloud wrappers against the emulator', () => {
  const emu = useEmulator();

  test('clients are cached per context and region, and copies of a context share them', () => {
    const ctx = testContext(emu.current);
    expect(ramClient(ctx)).toBe(ramClient({ ...ctx, command: 'plan' }));
    expect(fcClient(ctx, 'cn-hangzhou')).toBe(fcClient(ctx, 'cn-hangzhou'));
    expect(fcClient(ctx, 'cn-hangzhou')).not.toBe(fcClient(ctx, 'cn-shanghai'));
  });

  test('find* returns undefined when the entity does not exist; get* throws NotFound', async () => {
    const ctx = testContext(emu.current);
    expect(await findRole(ctx, 'nope')).toBeUndefined();
    expect(await findFunction(ctx, 'cn-hangzhou', 'nope')).toBeUndefined();
    const e = await getFunction(ctx, 'cn-hangzhou', 'nope').catch((err: unknown) => err);
    expect(isFc3RoleError(e, 'NotFound')).toBe(true);
  });

  test('FC calls go to the FC endpoint of their region; behind an override a region without one is a configuration error', async () => {
    const ctx = testContext(emu.current);
    await createFunction(emu.current, 'fn-sh', 'cn-shanghai');
    expect(await findFunction(ctx, 'cn-shanghai', 'fn-sh')).toMatchObject({ name: 'fn-sh', region: 'cn-shanghai' });
    expect(await findFunction(ctx, 'cn-hangzhou', 'fn-sh')).toBeUndefined();
    const sent = emu.current.requests.list({ product: 'fc' });
    expect(sent.map((r) => r.action)).toEqual(['CreateFunction', 'GetFunction', 'GetFunction']);
    const { 'cn-shanghai': _dropped, ...others } = ctx.fcEndpoints ?? {};
    const e = await findFunction({ ...ctx, fcEndpoints: others }, 'cn-shanghai', 'fn-sh').catch((err: unknown) => err);
    expect(isFc3RoleError(e, 'InvalidConfiguration')).toBe(true);
    expect(emu.current.requests.list({ product: 'fc' })).toHaveLength(3);
  });

  test('waitForUpdate polls GetFunction while the update is InProgress', async () => {
    const ctx = testContext(emu.current);
    await createFunction(emu.current, 'fn-a');
    const slept: number[] = [];
    const fn = await waitForUpdate(
      ctx,
      { name: 'fn-a', region: 'cn-hangzhou', role: '', lastUpdateStatus: 'InProgress' },
      { intervalMs: 10, sleep: async (ms) => void slept.push(ms) },
    );
    expect(fn.lastUpdateStatus).toBe('Successful');
    expect(slept).toEqual([10]);
    expect(emu.current.requests.count({ action: 'GetFunction' })).toBe(1);
  });

  test('a network error names the action and the resource', async () => {
    const ctx = { ...testContext(emu.current), endpoint: { host: '127.0.0.1:1', protocol: 'http' as const } };
    const e = await findRole(ctx, 'r').catch((err: unknown) => err);
    expect(isFc3RoleError(e, 'NetworkError')).toBe(true);
    expect((e as Error).message).toMatch(/^GetRole failed for role r: no answer from the cloud \(ECONNREFUSED\)/);
  });

  test('an empty policy or role description is refused before any call: RAM cannot clear one', async () => {
    const ctx = testContext(emu.current);
    const e = await updatePolicyDescription(ctx, 'any-policy', '').catch((err: unknown) => err);
    expect(isFc3RoleError(e, 'InvalidArgument')).toBe(true);
    expect((e as Error).message).toMatch(/^UpdatePolicyDescription failed for custom policy any-policy: the new description is empty/);
    const r = await updateRole(ctx, 'any-role', { description: '' }).catch((err: unknown) => err);
    expect(isFc3RoleError(r, 'InvalidArgument')).toBe(true);
    expect((r as Error).message).toMatch(/^UpdateRole failed for role any-role: the new description is empty/);
    expect(emu.current.requests.count()).toBe(0);
  });
});
