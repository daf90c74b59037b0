/**
 * Expectations: what the functions need, as declared in `props.expect`, e.g.
 * `oss:PutObject on acs:oss:*:*:my-bucket/*` or `{ action: log:PostLogStoreLogs, resource: acs:log:... }`.
 * The schema checks the form; this reads the values and adds the checks a pattern cannot make.
 */
import type { CheckContext } from '../config/context';
import { isRecord } from '../config/text';

export interface Expectation {
  /** One action, e.g. `oss:PutObject`. */
  action: string;
  /** An ARN (wildcards stand for every resource they match) or `*`. */
  resource: string;
  /** Where it was declared, e.g. `props.expect[0]` (or `args.--action` for s simulate). */
  path: string;
}

export const EXPECTATION_EXAMPLE = 'oss:PutObject on acs:oss:*:*:my-bucket/*';

/** `oss:PutObject on acs:oss:*:*:my-bucket/*`. */
export function formatExpectation(e: Pick<Expectation, 'action' | 'resource'>): string {
  return `${e.action} on ${e.resource}`;
}

/** `<action> on <resource>` as its parts; undefined when it does not read so. */
export function parseExpectationText(text: string): { action: string; resource: string } | undefined {
  const match = /^\s*(\S+)\s+on\s+(\S+)\s*$/.exec(text);
  return match ? { action: match[1], resource: match[2] } : undefined;
}

/**
 * The checks beyond the schema's: an ARN has its five parts (`acs:<service>:<region>:<account>:<resource>`).
 * Returns what is wrong, if anything.
 */
export function findResourceProblem(resource: string): string | undefined {
  if (resource === '*') return undefined;
  const parts = resource.split(':');
  if (parts.length < 5 || parts.slice(0, 4).some((p) => p === '') || parts.slice(4).join(':') === '') {
    return `must be a whole ARN acs:<service>:<region>:<account>:<resource> (use * for any region or account; got "${resource}")`;
  }
  return undefined;
}

function readOne(raw: unknown): { action: string; resource: string } | undefined {
  if (typeof raw === 'string') return parseExpectationText(raw);
  if (isRecord(raw) && typeof raw.action === 'string' && typeof raw.resource === 'string') return { action: raw.action, resource: raw.resource };
  return undefined;
}

/** props.expect -> Expectation[]; problems (bad ARNs, repeats) go to `ctx`. Items the schema flagged are skipped. */
export function resolveExpectations(raw: unknown, ctx: CheckContext): Expectation[] {
  if (!Array.isArray(raw)) return [];
  const out: Expectation[] = [];
  const seen = new Map<string, string>();
  raw.forEach((item: unknown, i: number) => {
    const path = `props.expect[${i}]`;
    if (ctx.schemaFlagged(path)) return;
    const parsed = readOne(item);
    if (!parsed) return;
    const resourcePath = typeof item === 'string' ? path : `${path}.resource`;
    const wrong = findResourceProblem(parsed.resource);
    if (wrong) {
      ctx.add(resourcePath, wrong, typeof item === 'string' ? EXPECTATION_EXAMPLE : 'acs:oss:*:*:my-bucket/*');
      return;
    }
    // Choice: two expectations with the same action (ignoring case, as RAM matches actions) and resource are a repeat.
    const key = `${parsed.action.toLowerCase()} ${parsed.resource}`;
    const first = seen.get(key);
    if (first) {
      ctx.add(path, `repeats ${first} (${formatExpectation(parsed)})`, EXPECTATION_EXAMPLE);
      return;
    }
    seen.set(key, path);
    out.push({ ...parsed, path });
  });
  return out;
}
