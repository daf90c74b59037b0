/**
 * A rerun inside the propagation window: a deploy is SIGKILLed right after it created the role, and the
 * rerun starts at once, while FC and Resource Manager do not see the role yet (RAM does). The rerun
 * waits (it reads their "not visible yet" answers) and completes; the delay ends after the first
 * refusal, never on a timer.
 */
import { endPropagationAfterRefusal } from '../helpers/propagation';
import { useEmulator } from '../helpers/emulator';
import { startComponent, startKillProxy, type KillProxy } from './kill-proxy';
import { cloudState, createScenarioFunction, deploy, deployedState, expectDeployedTags, scenarioProps } from './scenario';

const handle = useEmulator();
const emu = () => handle.current;
let proxy: KillProxy;

beforeAll(async () => {
  proxy = await startKillProxy(emu());
});
afterAll(() => proxy.close());

it('a deploy killed right after CreateRole, rerun at once inside the propagation window, completes', async () => {
  await createScenarioFunction(emu());
  emu().faults.setPropagationDelay(24 * 3600_000);
  const account = emu().accounts[0];
  const credential = { AccessKeyID: account.accessKeyId, AccessKeySecret: account.accessKeySecret, AccountID: account.id };
  let child: ReturnType<typeof startComponent> | undefined;
  proxy.arm({ action: 'CreateRole', occurrence: 1 }, () => child?.process);
  child = startComponent('deploy', scenarioProps(emu()), credential, proxy);
  expect((await child.exited).signal).toBe('SIGKILL');
  await proxy.settled();

  // The role exists in RAM; FC and Resource Manager refuse it until the window ends (after their first refusal).
  const window = endPropagationAfterRefusal(emu(), { product: 'rm', action: 'AttachPolicy' });
  emu().requests.clear();
  await deploy(emu(), scenarioProps(emu()));
  await window.done;
  expect(emu().requests.count({ product: 'rm', action: 'AttachPolicy', failed: true })).toBeGreaterThan(0);
  expect(emu().requests.count({ action: 'CreateRole' })).toBe(0);
  const state = await cloudState(emu());
  expect(state).toMatchObject(deployedState(emu()));
  expectDeployedTags(state);
});
