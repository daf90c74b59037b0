/**
 * Everything a command does before its first cloud call: parse the command line and the props,
 * report every problem at once, then build the cloud context (credentials, account id, endpoints).
 */
import { dirname } from 'path';
import { configError, findEndpointProblem, readRawProps, resolveEndpoint, validateProps } from '../config';
import { chooseFcEndpoints, FC_ENDPOINTS_ENV, findMissingFcEndpoints, toEndpointMap } from '../config/fc-endpoints';
import { parseCommandArgs, type CommandFlags, type CommandFlagsMap } from '../config/args';
import { narrowToRegion } from '../config/narrow';
import type { CommandName } from '../config/flags';
import type { Problem, ResolvedConfig } from '../config/types';
import { formatTrace } from '../cloud/call';
import { createCloudContext } from '../cloud/context';
import type { CloudContext } from '../cloud/clients';
import type { DeployerCommand } from '../cloud/permissions';
import { describeCredentials, resolveCredentialSource } from '../credentials';
import { registerSecrets } from '../exit-status';
import type { ComponentLogger } from '../logger';
import { namedAccessOf, type ComponentInputs } from './inputs';

export interface Prepared<C extends CommandName> {
  flags: CommandFlagsMap[C];
  /** Undefined only for invoke in `s cli` mode without props. */
  config?: ResolvedConfig;
}

function isEmptyProps(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && Object.keys(value).length === 0);
}

/** Whether invoke's command line gives the event itself (-e, -f or -s). */
function givesEvent(flags: CommandFlags): boolean {
  return 'eventStdin' in flags && (flags.event !== undefined || flags.eventFile !== undefined || flags.eventStdin);
}

function hasRegion(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).region !== undefined;
}

/**
 * Flags fill in the props they stand for when the props lack them (`s cli` mode): `--region` becomes
 * props.region only when there is none, `--role-name` replaces props.role.name.
 */
function overlayFlags(value: unknown, flags: { region?: string; roleName?: string }): unknown {
  if (flags.region === undefined && flags.roleName === undefined) return value;
  const props: Record<string, unknown> = typeof value === 'object' && value !== null ? { ...(value as Record<string, unknown>) } : {};
  if (flags.region !== undefined) props.region = flags.region;
  if (flags.roleName !== undefined) {
    const role = typeof props.role === 'object' && props.role !== null ? (props.role as Record<string, unknown>) : {};
    props.role = { ...role, name: flags.roleName };
  }
  return props;
}

/** Validates the command line and the props together; throws InvalidConfiguration listing every problem. */
export function prepare<C extends CommandName>(command: C, inputs: ComponentInputs, env = process.env): Prepared<C> {
  const parsed = parseCommandArgs(command, inputs.args);
  const problems: Problem[] = [...parsed.problems];
  const raw = readRawProps(inputs.props);
  problems.push(...raw.problems);
  let config: ResolvedConfig | undefined;
  const optionalProps = command === 'invoke' && isEmptyProps(raw.value);
  if (raw.problems.length === 0 && !optionalProps) {
    const flags: { region?: string; roleName?: string } = parsed.flags;
    // Choice: --region narrows a command to the declared functions of that region; it fills in props.region only when the props have none (`s cli` mode).
    const narrowTo = hasRegion(raw.value) ? flags.region : undefined;
    const overlay = { region: narrowTo === undefined ? flags.region : undefined, roleName: flags.roleName };
    const result = validateProps(overlayFlags(raw.value, overlay), {
      baseDir: inputs.yamlPath ? dirname(inputs.yamlPath) : inputs.cwd,
      // Only invoke sends the event, and -e/-f/-s win over props.invoke.eventFile: then the file is not read.
      readEventFile: command === 'invoke' && !givesEvent(parsed.flags),
    });
    problems.push(...result.problems);
    config = result.config && narrowTo !== undefined ? narrowToRegion(result.config, narrowTo) : result.config;
  }
  const envEndpoint = env.FC3_ROLE_ENDPOINT;
  if (!config?.endpoint && envEndpoint) {
    const problem = findEndpointProblem(envEndpoint.trim(), 'env.FC3_ROLE_ENDPOINT');
    if (problem) problems.push(problem);
  }
  problems.push(...findFcEndpointProblems(config, parsed.flags, env));
  if (problems.length > 0) throw configError(problems);
  return { flags: parsed.flags, config };
}

/** The regions whose FC endpoint the command may call: the props' regions, else (`s cli` mode) `--region`. */
function regionsUsed(config: ResolvedConfig | undefined, flags: { region?: string }): string[] {
  if (!config) return flags.region ? [flags.region] : [];
  const regions = [config.region, ...config.desired.functions.map((fn) => fn.region)];
  if (config.invoke.region) regions.push(config.invoke.region);
  if (flags.region) regions.push(flags.region);
  return regions;
}

/** A malformed FC3_ROLE_FC_ENDPOINTS, and, with an endpoint override, each region used without its FC endpoint. */
function findFcEndpointProblems(config: ResolvedConfig | undefined, flags: { region?: string }, env: NodeJS.ProcessEnv): Problem[] {
  const chosen = chooseFcEndpoints(config?.fcEndpoints, env[FC_ENDPOINTS_ENV]);
  const override = config?.endpoint ? 'props.endpoint' : env.FC3_ROLE_ENDPOINT?.trim() ? 'env.FC3_ROLE_ENDPOINT' : undefined;
  if (!override) return chosen.problems;
  return [...chosen.problems, ...findMissingFcEndpoints(regionsUsed(config, flags), chosen.endpoints, chosen.source, override)];
}

/** Credentials (a named s access, else the default one, else ALIBABA_CLOUD_* env), the account id (STS when missing) and the endpoints. */
export async function connect(
  command: DeployerCommand,
  inputs: ComponentInputs,
  config: ResolvedConfig | undefined,
  logger: ComponentLogger,
  env = process.env,
): Promise<CloudContext> {
  const { credentials, source } = await resolveCredentialSource({ getCredential: inputs.getCredential, namedAccess: namedAccessOf(inputs) }, env);
  registerSecrets([credentials.accessKeySecret, credentials.securityToken, credentials.accessKeyId]);
  logger.info(`Using credentials from ${source}: ${describeCredentials(credentials)}`);
  const endpoint = resolveEndpoint(config?.endpoint, env.FC3_ROLE_ENDPOINT);
  if (endpoint) logger.debug(`Using endpoint override ${endpoint.protocol}://${endpoint.host} for RAM, STS and Resource Manager`);
  const fcEndpoints = toEndpointMap(chooseFcEndpoints(config?.fcEndpoints, env[FC_ENDPOINTS_ENV]).endpoints);
  for (const [region, fc] of Object.entries(fcEndpoints)) logger.debug(`Using FC endpoint ${fc.protocol}://${fc.host} for ${region}`);
  return createCloudContext(credentials, {
    endpoint,
    fcEndpoints,
    command,
    onRetry: (info) =>
      logger.info(`Retrying ${info.action} on ${info.resource} in ${Math.round(info.delayMs)} ms (attempt ${info.attempt} failed: ${codeOf(info.error)})`),
    // --debug: one line per cloud call (`s` shows debug lines only with --debug, and keeps them in its log file).
    onCall: (trace) => logger.debug(`call ${formatTrace(trace)}`),
  });
}

/** The cloud's code when there is one, else ours, else the error's name. */
function codeOf(e: unknown): string {
  if (typeof e !== 'object' || e === null) return 'error';
  const fields = e as Record<string, unknown>;
  for (const key of ['cloudCode', 'code', 'name']) {
    if (typeof fields[key] === 'string' && fields[key] !== '') return fields[key] as string;
  }
  return 'error';
}
