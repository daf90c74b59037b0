/**
 * remove under injected faults: throttling, 5xx, dropped connections and lost answers on its reads and
 * writes (seeded, so each run meets the same faults), and four removes at once. remove must still take
 * back everything fc3-role made, and a second remove must find nothing left to do.
 */
import { useEmulator } from '../helpers/emulator';
import { cloudState, createScenarioFunction, deploy, remove, removedState, scenarioProps } from './scenario';

const handle = useEmulator();
const emu = () => handle.current;

const REMOVE_WRITES = ['UpdateFunction', 'DetachPolicyFromRole', 'DetachPolicy', 'DeletePolicyVersion', 'DeletePolicy', 'DeleteRole'];

beforeEach(async () => {
  await createScenarioFunction(emu());
  await deploy(emu(), scenarioProps(emu()));
  await deploy(emu(), scenarioProps(emu(), 'bucket-2'));
});

describe('remove under injected faults', () => {
  it('one of each kind on its calls: throttled, 503, dropped, answer lost after the write', async () => {
    const faults = emu().faults;
    faults.add({ action: 'ListFunctions', error: 'drop', times: 3 });
    faults.add({ action: 'ListPolicyAttachments', error: 'ServiceUnavailable', times: 1 });
    faults.add({ action: 'DetachPolicyFromRole', error: 'Throttling', times: 2 });
    faults.add({ action: 'DetachPolicy', loseAnswer: 'reset', times: 1 });
    faults.add({ action: 'DeletePolicy', error: 'InternalError', times: 1 });
    faults.add({ action: 'DeleteRole', loseAnswer: 'reset', times: 1 });
    faults.addRateLimit({ product: 'fc', action: 'ListFunctions', perSecond: 10 });
    await remove(emu(), scenarioProps(emu(), 'bucket-2'));
    expect(await cloudState(emu())).toMatchObject(removedState);
    expect(emu().requests.count({ lost: true })).toBe(2);

    faults.clear();
    emu().requests.clear();
    await remove(emu(), scenarioProps(emu(), 'bucket-2'));
    expect(emu().requests.writes()).toEqual([]);
  });

  it('four removes at once: all succeed (what another run deleted first is done), everything is taken back', async () => {
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => remove(emu(), scenarioProps(emu(), 'bucket-2'))));
    expect(results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []))).toEqual([]);
    expect(await cloudState(emu())).toMatchObject(removedState);
  });

  it('a third of its writes lose their answer (seeded): it still takes back everything', async () => {
    emu().faults.setSeed(7);
    for (const action of REMOVE_WRITES) emu().faults.add({ action, loseAnswer: 'reset', rate: 0.34 });
    await remove(emu(), scenarioProps(emu(), 'bucket-2'));
    expect(await cloudState(emu())).toMatchObject(removedState);
    expect(emu().requests.count({ lost: true })).toBeGreaterThan(0);
  });
});
