/** Raw props as `s` hands them over, and the endpoint override. */
import { ENDPOINT_PATTERN } from './patterns';
import { configError } from './problems';
import type { Problem } from './types';
import { quoteValue } from './text';

const PROPS_EXAMPLE = '{"region":"cn-hangzhou","role":{"name":"fc-oss-writer"}}';

/** `s` hands yaml props written as a list or a string over as an object keyed "0", "1", ... */
// Choice: props whose keys are exactly "0".."n-1" are taken for a list or string that `s` spread into an object, and reported as one problem at `props`.
function isSpreadListOrString(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key, i) => key === String(i));
}

/** In `s cli` mode props arrive as a JSON string; in yaml mode as an object. */
export function readRawProps(props: unknown): { value?: unknown; problems: Problem[] } {
  if (isSpreadListOrString(props)) {
    const message = 'must be an object of settings (region, role, ...), not a list or a string';
    return { problems: [{ path: 'props', message, example: PROPS_EXAMPLE }] };
  }
  if (typeof props !== 'string') return { value: props ?? {}, problems: [] };
  try {
    return { value: JSON.parse(props) as unknown, problems: [] };
  } catch (e) {
    return { problems: [{ path: 'props', message: `is not valid JSON: ${(e as Error).message}`, example: PROPS_EXAMPLE }] };
  }
}

/** Parsed props (a JSON string is parsed); throws InvalidConfiguration on bad JSON. */
export function parseRawProps(props: unknown): unknown {
  const { value, problems } = readRawProps(props);
  if (problems.length > 0) throw configError(problems);
  return value;
}

export interface Endpoint {
  /** `host:port` (or just `host`), as the SDK Config's `endpoint`. */
  host: string;
  protocol: 'http' | 'https';
}

/** The problem with an endpoint URL, if any (`path` says where it came from). */
export function findEndpointProblem(value: string, path: string): Problem | undefined {
  if (new RegExp(ENDPOINT_PATTERN).test(value)) return undefined;
  return {
    path,
    message: `must be http(s)://host[:port] without a path (got ${quoteValue(value)})`,
    example: 'http://127.0.0.1:9000',
  };
}

/**
 * The endpoint override: props win over env FC3_ROLE_ENDPOINT; none (or empty) = the real endpoints.
 * Throws InvalidConfiguration when the chosen value is not `http(s)://host[:port]`.
 */
export function resolveEndpoint(propsEndpoint?: string, envEndpoint?: string): Endpoint | undefined {
  const fromProps = propsEndpoint !== undefined && propsEndpoint !== '';
  const value = fromProps ? propsEndpoint : envEndpoint;
  if (value === undefined || value.trim() === '') return undefined;
  const problem = findEndpointProblem(value.trim(), fromProps ? 'props.endpoint' : 'env.FC3_ROLE_ENDPOINT');
  if (problem) throw configError([problem]);
  const url = new URL(value.trim());
  return { host: url.host, protocol: url.protocol === 'https:' ? 'https' : 'http' };
}
