/**
 * One entry per command: validate everything first (no cloud call before that), connect, run.
 * Loaded lazily by the component class, so constructing the component loads no SDK and no ajv; each
 * command's own modules are required when it runs (`s invoke` never evaluates deploy's planning and applying).
 */
import type { RoleIdentity, RoleOutput } from '../output';
import { roleArnFor } from '../plan/identity';
import type { ComponentLogger } from '../logger';
import type { InvokeOutput } from '../invoke/types';
import { listFunctions } from '../config/narrow';
import type { ResolvedConfig } from '../config/types';
import { readInputs } from './inputs';
import { recordPlanOutcome, wantsDetailedExitCode } from '../exit-status';
import { connect, prepare } from './prepare';
import type { PlanOutput } from './plan';
import type { RemoveOutput } from './remove';
import type { SimulateOutput } from './simulate';

// Each command's modules, on first use (literal paths, so that the bundler includes them).
const deployModule = (): typeof import('./deploy') => require('./deploy') as typeof import('./deploy');
const planModule = (): typeof import('./plan') => require('./plan') as typeof import('./plan');
const infoModule = (): typeof import('./info') => require('./info') as typeof import('./info');
const removeModule = (): typeof import('./remove') => require('./remove') as typeof import('./remove');
const invokeModule = (): typeof import('../invoke') => require('../invoke') as typeof import('../invoke');
const simulateModule = (): typeof import('./simulate') => require('./simulate') as typeof import('./simulate');

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('internal: configuration missing after validation');
  return value;
}

/** One line when `--region` left declared functions out. */
function noteNarrowing(config: ResolvedConfig | undefined, logger: ComponentLogger): void {
  const narrowing = config?.narrowing;
  if (!narrowing || narrowing.excluded.length === 0) return;
  logger.info(`--region ${narrowing.region}: only the functions s.yaml declares in ${narrowing.region}; leaving out ${listFunctions(narrowing.excluded)}.`);
}

export async function deploy(rawInputs: unknown, logger: ComponentLogger): Promise<RoleOutput> {
  const inputs = readInputs(rawInputs);
  const { config, flags } = prepare('deploy', inputs);
  noteNarrowing(config, logger);
  const cloud = await connect('deploy', inputs, config, logger);
  return deployModule().runDeploy(cloud, required(config), logger, inputs.resourceName ?? '<this resource>', { assumeYes: flags.assumeYes, strict: flags.strict });
}

export async function plan(rawInputs: unknown, logger: ComponentLogger): Promise<PlanOutput> {
  const inputs = readInputs(rawInputs);
  const detailed = wantsDetailedExitCode(inputs.args);
  try {
    const { config, flags } = prepare('plan', inputs);
    noteNarrowing(config, logger);
    const cloud = await connect('plan', inputs, config, logger);
    const out = await planModule().runPlan(cloud, required(config), logger, { strict: flags.strict });
    if (detailed) recordPlanOutcome(out.changes.length > 0 ? 'changes' : 'none');
    return out;
  } catch (e) {
    if (detailed) recordPlanOutcome('error');
    throw e;
  }
}

export async function info(rawInputs: unknown, logger: ComponentLogger): Promise<RoleOutput> {
  const inputs = readInputs(rawInputs);
  const { config } = prepare('info', inputs);
  noteNarrowing(config, logger);
  const cloud = await connect('info', inputs, config, logger);
  return infoModule().runInfo(cloud, required(config), logger);
}

export async function remove(rawInputs: unknown, logger: ComponentLogger): Promise<RemoveOutput> {
  const inputs = readInputs(rawInputs);
  const { config, flags } = prepare('remove', inputs);
  noteNarrowing(config, logger);
  const cloud = await connect('remove', inputs, config, logger);
  return removeModule().runRemove(cloud, required(config), logger, { force: flags.force, assumeYes: flags.assumeYes, resourceName: inputs.resourceName });
}

/** `s invoke` on a project where this resource names no function to invoke (e.g. the fc3 output-reference pairing). */
export interface NothingInvoked extends RoleIdentity {
  invoked: false;
}

/**
 * With the role's identity in the output (`roleName`, `arn`, `accountId`), `${resources.<role>.output.arn}`
 * resolves in the resources `s invoke` runs after this one (fc3's invoke verifies its references).
 */
export async function invoke(rawInputs: unknown, logger: ComponentLogger): Promise<(InvokeOutput & Partial<RoleIdentity>) | NothingInvoked> {
  const inputs = readInputs(rawInputs);
  const { config, flags } = prepare('invoke', inputs);
  const cloud = await connect('invoke', inputs, config, logger);
  const identity: RoleIdentity | undefined = config
    ? { roleName: config.desired.role.name, arn: roleArnFor(cloud.accountId, config.desired.role.name), accountId: cloud.accountId }
    : undefined;
  // Choice: in a project (not `s cli`), a resource that names no function to invoke (no functions, no invoke.function, no --function-name) invokes nothing and says so, so that `s invoke` goes on to the resources that do (the fc3 pairing).
  if (identity && config && inputs.yamlPath && flags.functionName === undefined && config.invoke.functionName === undefined && config.desired.functions.length === 0) {
    logger.info(`${inputs.resourceName ?? 'This resource'} names no function to invoke (no functions, no invoke.function): nothing invoked here.`);
    return { ...identity, invoked: false };
  }
  const out = await invokeModule().runInvoke(
    { config, flags, cloud, stdin: process.stdin, cwd: inputs.cwd, args: inputs.args, resourceName: inputs.resourceName, cliMode: inputs.yamlPath === undefined },
    logger,
  );
  return { ...identity, ...out };
}

export async function simulate(rawInputs: unknown, logger: ComponentLogger): Promise<SimulateOutput> {
  const inputs = readInputs(rawInputs);
  const { config, flags } = prepare('simulate', inputs);
  const { runSimulate, simulationRequests } = simulateModule();
  const wanted = simulationRequests(required(config), flags);
  const cloud = await connect('simulate', inputs, config, logger);
  return runSimulate(cloud, required(config), flags, wanted, logger);
}
