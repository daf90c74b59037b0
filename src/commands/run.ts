/**
 * One entry per command: validate everything first (no cloud call before that), connect, run.
 * Loaded lazily by the component class, so constructing the component loads no SDK and no ajv.
 */
import type { RoleOutput } from '../output';
import type { ComponentLogger } from '../logger';
import type { InvokeOutput } from '../invoke/types';
import { readInputs } from './inputs';
import { connect, prepare } from './prepare';
import { runDeploy } from './deploy';
import { runPlan, type PlanOutput } from './plan';
import { runInfo } from './info';
import { runRemove, type RemoveOutput } from './remove';
import { runInvoke } from '../invoke';

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('internal: configuration missing after validation');
  return value;
}

export async function deploy(rawInputs: unknown, logger: ComponentLogger): Promise<RoleOutput> {
  const inputs = readInputs(rawInputs);
  const { config, flags } = prepare('deploy', inputs);
  const cloud = await connect('deploy', inputs, config, logger);
  return runDeploy(cloud, required(config), logger, inputs.resourceName ?? '<this resource>', { assumeYes: flags.assumeYes });
}

export async function plan(rawInputs: unknown, logger: ComponentLogger): Promise<PlanOutput> {
  const inputs = readInputs(rawInputs);
  const { config } = prepare('plan', inputs);
  const cloud = await connect('plan', inputs, config, logger);
  return runPlan(cloud, required(config), logger);
}

export async function info(rawInputs: unknown, logger: ComponentLogger): Promise<RoleOutput> {
  const inputs = readInputs(rawInputs);
  const { config } = prepare('info', inputs);
  const cloud = await connect('info', inputs, config, logger);
  return runInfo(cloud, required(config), logger);
}

export async function remove(rawInputs: unknown, logger: ComponentLogger): Promise<RemoveOutput> {
  const inputs = readInputs(rawInputs);
  const { config, flags } = prepare('remove', inputs);
  const cloud = await connect('remove', inputs, config, logger);
  return runRemove(cloud, required(config), logger, { force: flags.force, assumeYes: flags.assumeYes, resourceName: inputs.resourceName });
}

export async function invoke(rawInputs: unknown, logger: ComponentLogger): Promise<InvokeOutput> {
  const inputs = readInputs(rawInputs);
  const { config, flags } = prepare('invoke', inputs);
  const cloud = await connect('invoke', inputs, config, logger);
  return runInvoke(
    { config, flags, cloud, stdin: process.stdin, cwd: inputs.cwd, args: inputs.args, resourceName: inputs.resourceName, cliMode: inputs.yamlPath === undefined },
    logger,
  );
}
