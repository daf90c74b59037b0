/**
 * fc3-role as a Serverless Devs plugin in fc3's `actions: pre-deploy` (`plugin: fc3-role`, our props in
 * `args`): reconciles the role and its policies through the same read -> plan -> apply path as deploy,
 * then hands fc3 its inputs with `props.role` set to the role's ARN. It never sets a function's role:
 * in pre-deploy the function may not exist yet, and fc3 sets it from `props.role` itself.
 */
import { dirname } from 'path';
import { configError, readRawProps, validateProps } from './config';
import { isRecord } from './config/text';
import type { Problem, ResolvedConfig } from './config/types';
import { readInputs, type ComponentInputs } from './commands/inputs';
import { runRemove } from './commands/remove';
import { connect } from './commands/prepare';
import { runDeploy } from './commands/deploy';
import { runInfo } from './commands/info';
import { Fc3RoleError } from './errors';
import type { ComponentLogger } from './logger';
import { arnsEqual } from './plan/identity';

export interface PluginProps {
  /** The props to validate: `args`, with `region` defaulted from the fc3 resource. */
  props: unknown;
  /** Problems found before validation (e.g. args that are not JSON). */
  problems: Problem[];
}

/** Where the user wrote the props in plugin mode, for problem paths (`args.role.name`). */
const ARGS_PATH = 'args';
const ARGS_EXAMPLE = '{ role: { name: fc-oss-writer }, policies: [AliyunOSSFullAccess] }';

/** `args` as fc3-role props; `region` defaults to the fc3 resource's `props.region`. Pure. */
export function planPluginProps(args: unknown, fc3Props: unknown): PluginProps {
  if (args === undefined || args === null) {
    return { props: undefined, problems: [{ path: ARGS_PATH, message: 'is missing: the plugin needs the fc3-role props in `args`', example: ARGS_EXAMPLE }] };
  }
  const raw = readRawProps(args);
  if (raw.problems.length > 0) return { props: undefined, problems: raw.problems.map(renamePath) };
  if (!isRecord(raw.value)) return { props: raw.value, problems: [] };
  const fc3Region = isRecord(fc3Props) ? fc3Props.region : undefined;
  const props = raw.value.region === undefined && typeof fc3Region === 'string' ? { ...raw.value, region: fc3Region } : raw.value;
  return { props, problems: [] };
}

/** `props.role.name` -> `args.role.name`: the user wrote these under the plugin's `args`. */
// Choice: problems with plugin args are reported at `args.<path>` (where the user wrote them), not `props.<path>`.
function renamePath(problem: Problem): Problem {
  const path = problem.path === 'props' || problem.path.startsWith('props.') || problem.path.startsWith('props[')
    ? `${ARGS_PATH}${problem.path.slice('props'.length)}`
    : problem.path;
  return { ...problem, path };
}

/** Validates the plugin's args; the configuration plans the role and policies only (no functions). */
export function resolvePluginConfig(args: unknown, fc3Props: unknown, baseDir: string): { config: ResolvedConfig; ignoredFunctions: string[] } {
  const planned = planPluginProps(args, fc3Props);
  if (planned.problems.length > 0) throw configError(planned.problems);
  const result = validateProps(planned.props, { baseDir, roleHandedToFunctions: 'the fc3-role plugin hands it to the fc3 function as props.role' });
  if (result.problems.length > 0 || !result.config) throw configError(result.problems.map(renamePath));
  const config = result.config;
  return {
    config: { ...config, desired: { ...config.desired, functions: [] } },
    ignoredFunctions: config.desired.functions.map((f) => `${f.region}/${f.name}`),
  };
}

/** What fc3 gets: its own inputs, unchanged except `props.role`. */
export function handOver(rawInputs: Record<string, unknown>, fc3Props: Record<string, unknown>, arn: string): Record<string, unknown> {
  return { ...rawInputs, props: { ...fc3Props, role: arn } };
}

/**
 * In `success-remove` (and other after-remove hooks: `s` hands those `output`), once fc3 removed its
 * function: take back the role and the policies, as `s remove` of the component does. `-y` in the
 * command line answers the confirmation. Hands the inputs back unchanged.
 */
// Choice: the plugin removes the role only in a hook that runs after the component's remove (its inputs carry `output`); before it (pre-remove) the function still uses the role, and remove would refuse.
async function removeAfterFc3(
  rawInputs: Record<string, unknown>,
  inputs: ComponentInputs,
  config: ResolvedConfig,
  logger: ComponentLogger,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, unknown>> {
  const cloud = await connect('remove', inputs, config, logger, env);
  const assumeYes = inputs.args.includes('-y') || inputs.args.includes('--assume-yes');
  const out = await runRemove(cloud, config, logger, { force: false, assumeYes, resourceName: inputs.resourceName });
  logger.info(`fc3-role plugin: after ${inputs.resourceName ?? 'the component'}'s remove, role ${out.roleName}: ${out.removed.length > 0 ? out.removed.join('; ') : 'nothing to remove'}.`);
  return { ...rawInputs };
}

/** The plugin: `(inputs, args, logger)` as `s` 3.x calls it; the return value replaces fc3's inputs. */
export async function runPlugin(rawInputs: unknown, args: unknown, logger: ComponentLogger, env = process.env): Promise<Record<string, unknown>> {
  if (!isRecord(rawInputs)) {
    throw new Fc3RoleError('InvalidPluginInputs', 'Running the fc3-role plugin failed: `s` passed no inputs', {
      hint: 'Use fc3-role as a plugin in a resource\'s actions, e.g. `actions: { pre-deploy: [{ plugin: fc3-role, args: { role: { name: my-role } } }] }`.',
    });
  }
  const inputs = readInputs(rawInputs);
  const parsedFc3Props = readRawProps(rawInputs.props).value;
  const fc3Props = isRecord(parsedFc3Props) ? parsedFc3Props : {};
  const { config, ignoredFunctions } = resolvePluginConfig(args, fc3Props, inputs.yamlPath ? dirname(inputs.yamlPath) : inputs.cwd);
  if (ignoredFunctions.length > 0) {
    // Choice: `functions` in plugin args are validated but not applied (the fc3 resource sets its function's role from props.role); a warning says so.
    logger.warn(`fc3-role plugin: ignoring functions (${ignoredFunctions.join(', ')}): as a plugin it only reconciles the role and its policies; fc3 sets the role on its function from props.role.`);
  }
  if (inputs.command === 'remove' && 'output' in rawInputs) {
    return removeAfterFc3(rawInputs, inputs, config, logger, env);
  }
  // Choice: only a deploy hook writes (and a remove hook after the component, above); in any other hook (pre-plan, pre-info, pre-remove, ...) the plugin reads the role and hands over its ARN without changing anything.
  const applies = inputs.command === undefined || inputs.command === 'deploy';
  const cloud = await connect(applies ? 'deploy' : 'info', inputs, config, logger, env);
  const out = applies ? await runDeploy(cloud, config, logger, inputs.resourceName ?? '<this resource>', { assumeYes: true }) : await runInfo(cloud, config, logger);
  const previous = fc3Props.role;
  if (typeof previous === 'string' && previous !== '' && !arnsEqual(previous, out.arn)) {
    // Choice: a role already in the fc3 props is replaced by the plugin's ARN, with a warning naming both.
    logger.warn(`fc3-role plugin: replacing props.role ${previous} of ${inputs.resourceName ?? 'the resource'} with ${out.arn}.`);
  }
  const state = applies ? 'is ready' : out.exists ? 'exists' : `does not exist yet (\`s deploy\` creates it)`;
  logger.info(`fc3-role plugin: role ${out.roleName} ${state} (${out.arn}); passing it to ${inputs.resourceName ?? 'the component'} as props.role.`);
  return handOver(rawInputs, fc3Props, out.arn);
}
