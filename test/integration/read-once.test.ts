/**
 * Deploy reads each thing once (issue 10, item 1): a no-op redeploy makes no read twice and no write; after
 * a change, the read-back re-reads only what the change touched, and what deploy returns is what the cloud
 * holds (compared with a fresh observe, as `s info` reads it). Counted in the emulator's request log.
 */
import { observe } from '../../src/apply/observe';
import { runDeploy } from '../../src/commands/deploy';
import { outputFromObserved } from '../../src/output';
import { useEmulator } from '../helpers/emulator';
import { configOf, contextFor, createScenarioFunction, CUSTOM, recordingLogger, scenarioProps } from '../reliability/scenario';

const emu = useEmulator();

async function deployAndCount(props: Record<string, unknown>): Promise<{ output: unknown; count: (action: string) => number; writes: number }> {
  emu.current.requests.clear();
  const output = await runDeploy(await contextFor(emu.current), configOf(props), recordingLogger(), 'fn-role', { assumeYes: true });
  const records = emu.current.requests.list();
  return {
    output,
    count: (action) => records.filter((r) => r.action === action).length,
    writes: records.filter((r) => r.write).length,
  };
}

async function currentOutput(props: Record<string, unknown>): Promise<unknown> {
  const config = configOf(props);
  return outputFromObserved(config.desired, await observe(await contextFor(emu.current), config.desired));
}

describe('deploy reads once', () => {
  test('a no-op redeploy reads the role, its policies and each function once, and writes nothing', async () => {
    await createScenarioFunction(emu.current);
    const props = scenarioProps(emu.current);
    await deployAndCount(props);

    const again = await deployAndCount(props);

    expect(again.writes).toBe(0);
    // The role and FC's service-linked role (the scenario asks for it), each once.
    expect(again.count('GetRole')).toBe(2);
    // Tags of the role and of the custom policy, each once.
    expect(again.count('ListTagResources')).toBe(2);
    expect(again.count('ListPolicyAttachments')).toBe(1);
    expect(again.count('ListPoliciesForRole')).toBe(1);
    expect(again.count('GetFunction')).toBe(1);
    // Two system policies and the custom one, each once.
    expect(again.count('GetPolicy')).toBe(3);
    expect(again.count('ListPolicyVersions')).toBe(1);
    expect(again.output).toEqual(await currentOutput(props));
  });

  test('after a policy change the read-back re-reads the policy, not the function, and reports the new version', async () => {
    await createScenarioFunction(emu.current);
    await deployAndCount(scenarioProps(emu.current, 'bucket-1'));
    const changed = scenarioProps(emu.current, 'bucket-2');

    const run = await deployAndCount(changed);

    expect(run.count('CreatePolicyVersion')).toBe(1);
    expect(run.count('GetFunction')).toBe(1);
    // The custom policy: observe, the version's re-read before writing it, the read-back (system policies once each).
    expect(run.count('ListPolicyVersions')).toBeGreaterThanOrEqual(2);
    const output = run.output as { policies: Array<{ name: string; version?: string }> };
    expect(output.policies.find((p) => p.name === CUSTOM)?.version).toBe('v2');
    expect(run.output).toEqual(await currentOutput(changed));
  });

  test('a fresh deploy returns what the cloud holds', async () => {
    await createScenarioFunction(emu.current);
    const props = scenarioProps(emu.current);

    const run = await deployAndCount(props);

    expect(run.output).toEqual(await currentOutput(props));
    expect((run.output as { exists: boolean }).exists).toBe(true);
  });
});
