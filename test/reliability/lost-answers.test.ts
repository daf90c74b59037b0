/**
 * A lost answer for each write action: the emulator applies the write, then loses its answer (the
 * connection is reset, or nothing comes back until the client's read timeout). The command must carry
 * on — re-reading instead of failing on EntityAlreadyExists / EntityNotExist, never creating a second
 * policy version for one change — and leave the cloud exactly as a run without the fault would.
 */
import * as $Ram from '@alicloud/ram20150501';
import { ramClient } from '../helpers/clients';
import { useEmulator } from '../helpers/emulator';
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
} from './scenario';

const handle = useEmulator();
const emu = () => handle.current;

/** The scenario after a change: a new document and descriptions, both system policies dropped. */
function changedProps(): Record<string, unknown> {
  return { ...scenarioProps(emu()), role: { name: ROLE, description: 'changed role' }, policies: [{ name: CUSTOM, description: 'changed', statements: [statement('bucket-2')] }] };
}

function loseAnswerOf(action: string, how: 'reset' | 'hang' = 'reset'): void {
  emu().faults.add({ action, loseAnswer: how, times: 1 });
}

function expectLost(action: string): void {
  expect(emu().requests.count({ action, lost: true })).toBe(1);
}

beforeEach(() => createScenarioFunction(emu()));

describe('a lost answer during a first deploy', () => {
  it.each(['CreateRole', 'CreateServiceLinkedRole', 'CreatePolicy', 'TagResources', 'AttachPolicyToRole', 'AttachPolicy', 'UpdateFunction'])(
    '%s: the deploy carries on and the cloud equals s.yaml',
    async (action) => {
      loseAnswerOf(action);
      await deploy(emu(), scenarioProps(emu()));
      expectLost(action);
      const state = await cloudState(emu());
      expect(state).toMatchObject(deployedState(emu()));
      expectDeployedTags(state);
    },
  );

  it('CreateRole whose answer never comes (client read timeout): the retry finds the role and carries on', async () => {
    loseAnswerOf('CreateRole', 'hang');
    await deploy(emu(), scenarioProps(emu()), { readTimeoutMs: 3000 });
    expectLost('CreateRole');
    expect(await cloudState(emu())).toMatchObject(deployedState(emu()));
  });
});

describe('a lost answer during a deploy that changes things', () => {
  it.each(['CreatePolicyVersion', 'UpdatePolicyDescription', 'UpdateRole', 'DetachPolicyFromRole', 'DetachPolicy', 'UntagResources'])(
    '%s: exactly one new version, the cloud equals the new s.yaml',
    async (action) => {
      await deploy(emu(), scenarioProps(emu()));
      loseAnswerOf(action);
      await deploy(emu(), changedProps());
      expectLost(action);
      const state = await cloudState(emu());
      expect(state).toMatchObject({ ...deployedState(emu(), 'bucket-2', ['v1', 'v2*']), grants: [`Custom:${CUSTOM}@account`] });
      expect(state.role?.tags.filter((t) => t.startsWith('fc3-role:att:'))).toHaveLength(1);
      const policy = await ramClient(emu()).getPolicy(new $Ram.GetPolicyRequest({ policyName: CUSTOM, policyType: 'Custom' }));
      expect(policy.body?.policy?.description).toBe('changed');
      const role = await ramClient(emu()).getRole(new $Ram.GetRoleRequest({ roleName: ROLE }));
      expect(role.body?.role?.description).toBe('changed role');
    },
  );

  it('CreatePolicyVersion whose answer never comes is not sent again: the re-read finds the new default', async () => {
    await deploy(emu(), scenarioProps(emu()));
    loseAnswerOf('CreatePolicyVersion', 'hang');
    await deploy(emu(), scenarioProps(emu(), 'bucket-2'), { readTimeoutMs: 3000 });
    expectLost('CreatePolicyVersion');
    expect(emu().requests.count({ action: 'CreatePolicyVersion' })).toBe(1);
    expect((await cloudState(emu())).policy?.versions).toEqual(['v1', 'v2*']);
  });

  it.each(['DeletePolicyVersion', 'CreatePolicyVersion'])('at 5 versions, %s: one rotation, one new version', async (action) => {
    await deploy(emu(), scenarioProps(emu()));
    const ram = ramClient(emu());
    for (const bucket of ['b2', 'b3', 'b4', 'b5']) {
      await ram.createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: CUSTOM, policyDocument: JSON.stringify({ Version: '1', Statement: [statement(bucket)] }), setAsDefault: false }));
    }
    loseAnswerOf(action);
    await deploy(emu(), scenarioProps(emu(), 'bucket-2'));
    expectLost(action);
    expect((await cloudState(emu())).policy?.versions).toEqual(['v1', 'v3', 'v4', 'v5', 'v6*']);
  });
});

describe('a lost answer during remove', () => {
  it.each(['UpdateFunction', 'DetachPolicyFromRole', 'DetachPolicy', 'DeletePolicyVersion', 'DeletePolicy', 'DeleteRole'])(
    '%s: remove carries on and takes back everything it made',
    async (action) => {
      await deploy(emu(), scenarioProps(emu()));
      // A second version, so that remove deletes a non-default version too.
      await deploy(emu(), scenarioProps(emu(), 'bucket-2'));
      loseAnswerOf(action);
      await remove(emu(), scenarioProps(emu(), 'bucket-2'));
      expectLost(action);
      expect(await cloudState(emu())).toMatchObject(removedState);
    },
  );
});
