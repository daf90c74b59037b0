/**
 * The seed scenario against Alibaba Cloud: `npm run test:live` with FC3_ROLE_LIVE=1,
 * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (and _SECURITY_TOKEN for a temporary key), FC3_ROLE_LIVE_BUCKET
 * (an OSS bucket of the region) and optionally FC3_ROLE_LIVE_REGION (default cn-hangzhou).
 * The key needs what `s deploy/plan/info/remove/invoke` print as their least-privilege policy, plus
 * fc:CreateFunction, fc:DeleteFunction, ram:DeleteRole and oss:GetObject/DeleteObject on the bucket.
 * Unique names; everything is removed in `finally`. Not part of `npm test` (jest.live.config.js).
 */
import { liveSkipReason, liveTarget, type Target } from '../helpers/target';
import { runSeedScenario } from './scenario';

const skip = liveSkipReason();
const live = skip ? it.skip : it;

let target: Target | undefined;
afterAll(() => target?.dispose());

live('role -> AliyunOSSFullAccess -> function -> invoke writes the object; plan, info and remove, on Alibaba Cloud', async () => {
  target = await liveTarget();
  const result = await runSeedScenario(target);
  expect(result.objectContent).toContain('hello from fc3-role on alibaba-cloud');
});
