/**
 * Four `s deploy -y` of one s.yaml started together, as four CI jobs would, each as the least-privilege
 * deploying user, under a RAM rate limit: all exit 0, and the cloud equals s.yaml — from nothing, then
 * with one real change (exactly one new policy version).
 */
import { roleProject, useE2E } from '../e2e/harness';
import { cloudState, createScenarioFunction, deployedState, expectDeployedTags, scenarioProps } from './scenario';

const e2e = useE2E();

async function fourAtOnce(dir: string): Promise<void> {
  const limit = e2e.emu.faults.addRateLimit({ product: 'ram', perSecond: 30 });
  const runs = await Promise.all(Array.from({ length: 4 }, () => e2e.s(dir, ['deploy', '-y'])));
  e2e.emu.faults.remove(limit);
  expect(runs.filter((r) => r.code !== 0).map((r) => r.stdout)).toEqual([]);
}

it('four `s deploy -y` at once: all exit 0, the cloud equals s.yaml, one new version for one change', async () => {
  await createScenarioFunction(e2e.emu);
  await fourAtOnce(roleProject(scenarioProps(e2e.emu)));
  const state = await cloudState(e2e.emu);
  expect(state).toMatchObject(deployedState(e2e.emu));
  expectDeployedTags(state);
  expect(e2e.emu.requests.count({ action: 'CreateRole', failed: false })).toBe(1);

  await fourAtOnce(roleProject(scenarioProps(e2e.emu, 'bucket-2')));
  expect(await cloudState(e2e.emu)).toMatchObject(deployedState(e2e.emu, 'bucket-2', ['v1', 'v2*']));
});
