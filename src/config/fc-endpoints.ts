/**
 * The FC endpoint of each region, when FC calls must not go to Alibaba Cloud's
 * `<accountId>.<region>.fc.aliyuncs.com` (e.g. a local emulator). Function Compute has one endpoint per
 * region, so one URL cannot serve several regions: props `fcEndpoints` (a map region -> URL) or env
 * FC3_ROLE_FC_ENDPOINTS (`cn-hangzhou=http://127.0.0.1:9001,cn-shanghai=http://127.0.0.1:9002`) give them;
 * props win. With the general override (props.endpoint / FC3_ROLE_ENDPOINT) every region the command uses
 * needs one.
 */
import type { CheckContext } from './context';
import { findEndpointProblem, resolveEndpoint, type Endpoint } from './props';
import { FC3_REGIONS, isFc3Region } from './regions';
import { quoteValue } from './text';
import type { Problem } from './types';

export const FC_ENDPOINTS_ENV = 'FC3_ROLE_FC_ENDPOINTS';
const ENV_PATH = `env.${FC_ENDPOINTS_ENV}`;
const ENV_EXAMPLE = 'cn-hangzhou=http://127.0.0.1:9001,cn-shanghai=http://127.0.0.1:9002';

/** Parses `region=url,region=url`; every malformed entry is a problem. */
export function parseFcEndpointsEnv(value: string): { endpoints: Record<string, string>; problems: Problem[] } {
  const endpoints: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const entry of value.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const eq = entry.indexOf('=');
    const region = eq < 0 ? '' : entry.slice(0, eq).trim();
    const url = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (!isFc3Region(region)) {
      const message = `entry ${quoteValue(entry)} must be <region>=<url> with an FC 3.0 region (one of ${FC3_REGIONS.join(', ')})`;
      problems.push({ path: ENV_PATH, message, example: ENV_EXAMPLE });
      continue;
    }
    const problem = findEndpointProblem(url, `${ENV_PATH} (${region})`);
    if (problem) problems.push(problem);
    else endpoints[region] = url;
  }
  return { endpoints, problems };
}

/** Props `fcEndpoints` (the schema checks the URLs): every key must be an FC 3.0 region. */
export function resolveFcEndpointsProp(value: unknown, check: CheckContext): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || check.schemaFlagged('props.fcEndpoints')) return undefined;
  const endpoints: Record<string, string> = {};
  for (const [region, url] of Object.entries(value)) {
    if (!isFc3Region(region)) {
      check.add(`props.fcEndpoints.${region}`, `is not an FC 3.0 region (one of ${FC3_REGIONS.join(', ')})`, 'cn-hangzhou: http://127.0.0.1:9001');
    } else if (typeof url === 'string') {
      endpoints[region] = url;
    }
  }
  return endpoints;
}

/** The FC endpoints in force: props `fcEndpoints` when given (already checked by the schema), else the env's. */
export function chooseFcEndpoints(propsEndpoints: Record<string, string> | undefined, envValue: string | undefined): {
  endpoints: Record<string, string>;
  source: string;
  problems: Problem[];
} {
  if (propsEndpoints !== undefined && Object.keys(propsEndpoints).length > 0) {
    return { endpoints: propsEndpoints, source: 'props.fcEndpoints', problems: [] };
  }
  if (envValue === undefined || envValue.trim() === '') return { endpoints: {}, source: ENV_PATH, problems: [] };
  return { ...parseFcEndpointsEnv(envValue), source: ENV_PATH };
}

/**
 * With the general endpoint override in force, each region used needs its FC endpoint (a single URL
 * names no region). `overrideSource` says where the override came from (e.g. env.FC3_ROLE_ENDPOINT).
 */
export function findMissingFcEndpoints(
  regions: readonly string[],
  endpoints: Record<string, string>,
  source: string,
  overrideSource: string,
): Problem[] {
  const missing = [...new Set(regions)].filter((region) => region !== '' && endpoints[region] === undefined);
  return missing.map((region) => ({
    path: source,
    message: `has no FC endpoint for region ${region}: with ${overrideSource} set, FC calls need the endpoint of each region (one URL serves one FC region)`,
    example: source === ENV_PATH ? `${region}=http://127.0.0.1:9002` : `{ ${region}: http://127.0.0.1:9002 }`,
  }));
}

/** The endpoints as SDK hosts, per region (values already checked). */
export function toEndpointMap(endpoints: Record<string, string>): Record<string, Endpoint> {
  const map: Record<string, Endpoint> = {};
  for (const [region, url] of Object.entries(endpoints)) {
    const endpoint = resolveEndpoint(url);
    if (endpoint) map[region] = endpoint;
  }
  return map;
}
