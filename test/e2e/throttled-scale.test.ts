/**
 * Adaptive concurrency through the real `s` CLI: 100 functions in two regions, with the emulator's
 * rate limits far below what the component would start without adapting. The deploy completes, each
 * function's role is written once, and the refused (throttled, then retried) calls are few. Counts
 * only: how long it takes depends on the machine.
 */
import { ListFunctionsRequest } from '@alicloud/fc20230330';
import { fcClient } from '../helpers/clients';
import { createFunction } from '../fixtures/invoke/functions';
import { expectOk, NODE_HELLO, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-throttled-scale';
const REGIONS = ['cn-hangzhou', 'cn-shanghai'];
const FUNCTIONS = Array.from({ length: 100 }, (_, i) => ({ name: `scale-fn-${String(i).padStart(3, '0')}`, region: REGIONS[i % 2] ?? 'cn-hangzhou' }));

async function rolesOf(region: string): Promise<string[]> {
  const res = await fcClient(e2e.emu, undefined, region).listFunctions(new ListFunctionsRequest({ limit: 100 }));
  return (res.body?.functions ?? []).map((f) => f.role ?? '');
}

describe('throttled at scale', () => {
  it('deploys 100 functions in two regions under low rate limits with no failure and few retries', async () => {
    for (let i = 0; i < FUNCTIONS.length; i += 10) {
      await Promise.all(FUNCTIONS.slice(i, i + 10).map((f) => createFunction(e2e.emu, { ...f, source: `${__dirname}/fixtures/${NODE_HELLO}` })));
    }
    e2e.emu.requests.clear();
    // FC UpdateFunction: 10 a second for both regions together (the component starts 8 per region at first,
    // and may grow to 32); RAM: 4 a second for all its actions together (about 13 RAM calls, some at once).
    e2e.emu.faults.addRateLimit({ product: 'fc', action: 'UpdateFunction', perSecond: 10 });
    e2e.emu.faults.addRateLimit({ product: 'ram', perSecond: 4 });
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSReadOnlyAccess', 'AliyunLogReadOnlyAccess'], functions: FUNCTIONS });

    expectOk(await e2e.s(dir, ['deploy', '-y']));

    const arn = `acs:ram::${e2e.accountId}:role/${ROLE}`;
    e2e.emu.faults.clear();
    for (const region of REGIONS) expect(await rolesOf(region)).toEqual(Array.from({ length: 50 }, () => arn));
    // Each function's role written exactly once; each refusal was retried once (nothing failed).
    expect(e2e.emu.requests.count({ product: 'fc', action: 'UpdateFunction', failed: false })).toBe(100);
    const refusedUpdates = e2e.emu.requests.count({ product: 'fc', action: 'UpdateFunction', status: 429 });
    const refusedRam = e2e.emu.requests.count({ product: 'ram', status: 400 });
    // The calls started before the first refusal came back (about 20 here), then one or two each time the
    // pace grows back past the limit. The former fixed 8 at a time, unpaced: about 80 refused, and the RAM
    // limit failed the deploy (TagResources refused four times).
    expect(refusedUpdates).toBeGreaterThan(0);
    expect(refusedUpdates).toBeLessThanOrEqual(50);
    expect(refusedRam).toBeLessThanOrEqual(10);
    expect(e2e.emu.requests.count({ failed: true })).toBe(refusedUpdates + refusedRam + 1 /* GetRole: not found yet */);
  });
});
