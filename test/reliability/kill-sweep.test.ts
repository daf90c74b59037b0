/**
 * SIGKILL after each API call, then a rerun. The built component runs in its own process (as under
 * `s`), through a proxy that kills it right after a chosen call was answered by the emulator. Every
 * write call of the run is a kill point (the reads are sampled); after each kill the same command runs
 * again and must leave the cloud exactly as an uninterrupted run: for a deploy (from nothing, and one
 * that changes things) and for a remove.
 */
import * as $Ram from '@alicloud/ram20150501';
import { ramClient } from '../helpers/clients';
import { useEmulator } from '../helpers/emulator';
import { describeKillPoint, startComponent, startKillProxy, type KillPoint, type KillProxy } from './kill-proxy';
import {
  cloudState,
  createScenarioFunction,
  CUSTOM,
  deploy,
  deployedState,
  expectDeployedTags,
  remove,
  removedState,
  ROLE,
  scenarioProps,
  statement,
  type CloudState,
} from './scenario';

const handle = useEmulator();
const emu = () => handle.current;
let proxy: KillProxy;

beforeAll(async () => {
  proxy = await startKillProxy(emu());
});
afterAll(() => proxy.close());

interface Sweep {
  command: 'deploy' | 'remove';
  props: () => Record<string, unknown>;
  /** Brings the emulator (just reset) to the state before the command. */
  setup: () => Promise<void>;
  rerun: () => Promise<void>;
  expectFinal: (state: CloudState) => void;
}

function credential(): Record<string, string> {
  const account = emu().accounts[0];
  return { AccessKeyID: account.accessKeyId, AccessKeySecret: account.accessKeySecret, AccountID: account.id };
}

/** Runs the command in its own process through the proxy; kills it at `point` (if given). */
async function runChild(sweep: Sweep, point: KillPoint | undefined): Promise<{ killed: boolean; stderr: string }> {
  let current: ReturnType<typeof startComponent> | undefined;
  proxy.arm(point, () => current?.process);
  current = startComponent(sweep.command, sweep.props(), credential(), proxy);
  const exit = await current.exited;
  await proxy.settled();
  if (!point) expect({ code: exit.code, stderr: exit.stderr }).toEqual({ code: 0, stderr: '' });
  return { killed: exit.signal === 'SIGKILL', stderr: exit.stderr };
}

/** Every write call of an uninterrupted run, as (action, occurrence), plus two reads (the first call, one in the middle). */
async function killPoints(sweep: Sweep): Promise<KillPoint[]> {
  emu().reset();
  await sweep.setup();
  emu().requests.clear();
  await runChild(sweep, undefined);
  sweep.expectFinal(await cloudState(emu()));
  const seen = new Map<string, number>();
  const writes = emu().requests.writes({ failed: false }).map((w) => {
    const occurrence = (seen.get(w.action) ?? 0) + 1;
    seen.set(w.action, occurrence);
    return { action: w.action, occurrence };
  });
  return [{ position: 1 }, { position: Math.ceil(proxy.answered.length / 2) }, ...writes];
}

async function sweepKills(sweep: Sweep): Promise<void> {
  const points = await killPoints(sweep);
  expect(points.length).toBeGreaterThan(4);
  for (const point of points) {
    emu().reset();
    await sweep.setup();
    const { killed, stderr } = await runChild(sweep, point);
    if (!killed) throw new Error(`kill point ${describeKillPoint(point)} was never reached (${stderr})`);
    try {
      await sweep.rerun();
      sweep.expectFinal(await cloudState(emu()));
    } catch (e) {
      throw new Error(`after a kill at ${describeKillPoint(point)}: ${(e as Error).message}`);
    }
  }
}

const changed = (): Record<string, unknown> => ({
  ...scenarioProps(emu()),
  role: { name: ROLE, description: 'changed role' },
  policies: [{ name: CUSTOM, description: 'changed', statements: [statement('bucket-2')] }],
});

describe('SIGKILL after each API call, then a rerun', () => {
  it('of a first deploy: the rerun completes it, the cloud equals s.yaml', async () => {
    await sweepKills({
      command: 'deploy',
      props: () => scenarioProps(emu()),
      setup: () => createScenarioFunction(emu()),
      rerun: () => deploy(emu(), scenarioProps(emu())),
      expectFinal: (state) => {
        expect(state).toMatchObject(deployedState(emu()));
        expectDeployedTags(state);
      },
    });
  });

  it('of a deploy that versions a policy, updates descriptions and detaches: the rerun completes it, one new version', async () => {
    await sweepKills({
      command: 'deploy',
      props: changed,
      setup: async () => {
        await createScenarioFunction(emu());
        await deploy(emu(), scenarioProps(emu()));
      },
      rerun: () => deploy(emu(), changed()),
      expectFinal: (state) => {
        expect(state).toMatchObject({ ...deployedState(emu(), 'bucket-2', ['v1', 'v2*']), grants: [`Custom:${CUSTOM}@account`] });
        expect(state.role?.tags.filter((t) => t.startsWith('fc3-role:att:'))).toHaveLength(1);
      },
    });
    const policy = await ramClient(emu()).getPolicy(new $Ram.GetPolicyRequest({ policyName: CUSTOM, policyType: 'Custom' }));
    expect(policy.body?.policy?.description).toBe('changed');
  });

  it('of a remove: the rerun takes back everything fc3-role made', async () => {
    await sweepKills({
      command: 'remove',
      props: () => scenarioProps(emu(), 'bucket-2'),
      setup: async () => {
        await createScenarioFunction(emu());
        await deploy(emu(), scenarioProps(emu()));
        await deploy(emu(), scenarioProps(emu(), 'bucket-2'));
      },
      rerun: () => remove(emu(), scenarioProps(emu(), 'bucket-2')),
      expectFinal: (state) => expect(state).toMatchObject(removedState),
    });
  });
});
