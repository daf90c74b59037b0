/**
 * Four deploys of one s.yaml started together (four CI jobs), each with its own credentials object and
 * SDK clients, under a RAM rate limit: all succeed, the cloud equals s.yaml, one real change makes
 * exactly one new policy version, and at most the one rotation that change needs.
 */
import * as $Ram from '@alicloud/ram20150501';
import { ramClient } from '../helpers/clients';
import { useEmulator } from '../helpers/emulator';
import { cloudState, createScenarioFunction, CUSTOM, deploy, deployedState, expectDeployedTags, scenarioProps, statement } from './scenario';

const handle = useEmulator();
const emu = () => handle.current;

const RUNS = 4;

/** Four deploys at once under a RAM rate limit; every one must succeed. The limit is lifted before the state is read. */
async function fourDeploys(bucket: string): Promise<void> {
  const props = scenarioProps(emu(), bucket);
  // RAM answers Throttling.User beyond 30 requests a second: the four runs have to wait their turn.
  const limit = emu().faults.addRateLimit({ product: 'ram', perSecond: 30 });
  emu().requests.clear();
  const results = await Promise.allSettled(Array.from({ length: RUNS }, () => deploy(emu(), props)));
  emu().faults.remove(limit);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  expect(failures).toEqual([]);
}

async function addVersions(buckets: string[]): Promise<void> {
  const ram = ramClient(emu());
  for (const bucket of buckets) {
    const policyDocument = JSON.stringify({ Version: '1', Statement: [statement(bucket)] });
    await ram.createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: CUSTOM, policyDocument, setAsDefault: false }));
  }
}

beforeEach(() => createScenarioFunction(emu()));

describe('four concurrent deploys of one s.yaml', () => {
  it('from nothing: all succeed, one role, one policy, the cloud equals s.yaml', async () => {
    await fourDeploys('bucket-1');
    const state = await cloudState(emu());
    expect(state).toMatchObject(deployedState(emu()));
    expectDeployedTags(state);
    expect(emu().requests.count({ action: 'CreateRole', failed: false })).toBe(1);
    expect(emu().requests.count({ action: 'CreatePolicy', failed: false })).toBe(1);
  });

  it('one changed policy: exactly one new version', async () => {
    await deploy(emu(), scenarioProps(emu(), 'bucket-1'));
    await fourDeploys('bucket-2');
    // The final list says it all: one new default version, v1 (the history) untouched. Runs that created
    // the same version concurrently kept the first and deleted their own.
    expect(await cloudState(emu())).toMatchObject(deployedState(emu(), 'bucket-2', ['v1', 'v2*']));
  });

  it('with four versions already: one new version, no rotation, no LimitExceeded failure', async () => {
    await deploy(emu(), scenarioProps(emu(), 'bucket-1'));
    await addVersions(['b2', 'b3', 'b4']);
    await fourDeploys('bucket-5');
    expect(await cloudState(emu())).toMatchObject(deployedState(emu(), 'bucket-5', ['v1', 'v2', 'v3', 'v4', 'v5*']));
    expect(emu().requests.count({ action: 'CreatePolicyVersion', failed: false })).toBe(1);
  });

  it('with five versions: exactly the one rotation the change needs', async () => {
    await deploy(emu(), scenarioProps(emu(), 'bucket-1'));
    await addVersions(['b2', 'b3', 'b4', 'b5']);
    await fourDeploys('bucket-6');
    // v2, the oldest non-default version, is the one rotated out; the rest of the history stays.
    expect(await cloudState(emu())).toMatchObject(deployedState(emu(), 'bucket-6', ['v1', 'v3', 'v4', 'v5', 'v6*']));
    expect(emu().requests.count({ action: 'DeletePolicyVersion', failed: false })).toBe(1);
    expect(emu().requests.count({ action: 'CreatePolicyVersion', failed: false })).toBe(1);
  });
});
