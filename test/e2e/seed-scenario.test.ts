/**
 * The seed scenario (test/live/scenario.ts) on the default target, the local emulator: the same code
 * `npm run test:live` runs against Alibaba Cloud. Needs dist/index.js (npm run prepare-test).
 */
import { emulatorTarget } from '../helpers/target';
import { runSeedScenario } from '../live/scenario';
import { useE2E } from './harness';

const BUCKET = 'fc3-role-seed';
const e2e = useE2E({ accounts: [{ buckets: [{ name: BUCKET }] }] });

it('role -> AliyunOSSFullAccess -> function -> invoke writes the object; plan, info and remove; everything cleaned up', async () => {
  const target = emulatorTarget(e2e, BUCKET);
  const result = await runSeedScenario(target);
  expect(result.objectContent).toContain('hello from fc3-role on emulator');
  // Cleaned up: no role, no function, no object.
  const account = e2e.emu.state.getAccount(e2e.accountId);
  expect(account.ram.findRole(result.names.role)).toBeUndefined();
  expect(e2e.emu.requests.count({ product: 'fc', action: 'DeleteFunction', failed: false })).toBe(1);
  await expect(target.oss().head(result.names.object)).rejects.toMatchObject({ status: 404 });
  // A scenario of five `s` runs: its own time budget, not a speed assertion.
}, 300_000);
