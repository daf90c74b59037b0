/**
 * Lasting throttling: deploy retries a throttled write as many times as its tuning allows (12 calls by
 * default: test/unit/retry) and then fails with a clear error naming the call and the resource. Each refusal
 * pauses the action for its one-second window (src/cloud/adaptive-limit.ts), so the test allows 3 calls.
 * (The `s` CLI path of a failing deploy is covered by test/e2e/exit-codes and test/e2e/resilience.)
 */
import { runDeploy } from '../../src/commands/deploy';
import { isFc3RoleError } from '../../src/errors';
import { useEmulator } from '../helpers/emulator';
import { configOf, recordingLogger } from '../reliability/scenario';
import { testContext } from './cloud-fixtures';

const emu = useEmulator();
const ROLE = 'throttled-role';

test('gives up on lasting throttling with a clear error, after the throttling attempts and no more', async () => {
  emu.current.faults.add({ product: 'ram', action: 'CreateRole', error: 'Throttling' });
  const ctx = { ...testContext(emu.current), retry: { attempts: 2, throttledAttempts: 3, baseDelayMs: 2, maxDelayMs: 5, deadlineMs: 300_000 } };
  const logger = recordingLogger();

  const failure = await runDeploy(ctx, configOf({ region: 'cn-hangzhou', role: { name: ROLE } }), logger, 'fn-role', { assumeYes: true }).then(
    () => undefined,
    (e: unknown) => e,
  );

  expect(isFc3RoleError(failure) && failure.code).toBe('Throttled');
  const message = failure instanceof Error ? failure.message : '';
  expect(message).toMatch(/CreateRole failed for role throttled-role/);
  expect(message).toMatch(/throttled the calls after retries/);
  expect(emu.current.requests.count({ action: 'CreateRole' })).toBe(3);
  expect(emu.current.requests.count({ action: 'CreateRole', failed: false })).toBe(0);
});
