/**
 * Platform refusals of GetFunction/InvokeFunction as Fc3RoleErrors naming the function, the region
 * and what to do; a client-side timeout gets its own code (InvokeTimedOut).
 */
import { Fc3RoleError } from '../errors';
import { toFc3RoleError } from '../cloud/cloud-error';
import { describeTarget } from './plan';
import type { InvocationPlan } from './types';

function isReadTimeout(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as { name?: unknown; code?: unknown };
  // httpx names its read/connect timeouts RequestTimeoutError (no code).
  return r.name === 'RequestTimeoutError' || r.code === 'ETIMEDOUT' || r.code === 'ESOCKETTIMEDOUT';
}

/** `timeoutSeconds` is the client's read timeout of the failed call (undefined for GetFunction). */
export function toInvokeError(e: unknown, plan: InvocationPlan, timeoutSeconds: number | undefined): Fc3RoleError {
  const target = describeTarget(plan);
  const action = timeoutSeconds === undefined ? 'GetFunction' : 'InvokeFunction';
  if (timeoutSeconds !== undefined && isReadTimeout(e)) {
    return new Fc3RoleError('InvokeTimedOut', `InvokeFunction of ${target}: no answer within ${timeoutSeconds} s`, {
      hint: 'The function may still be running. Raise the client timeout with --timeout <seconds> (default: the function\'s timeout + 5 s), or the function\'s own timeout.',
      cause: e,
    });
  }
  const base = toFc3RoleError(e, action, target, { command: 'invoke' });
  const hint = hintFor(base.code, plan, base.cloudCode);
  if (hint === undefined) return base;
  return new Fc3RoleError(base.code, firstLine(base.message), {
    hint,
    cause: e,
    requestId: base.requestId,
    cloudCode: base.cloudCode,
  });
}

/** FC's codes for a qualifier (version or alias) that does not exist. */
const UNKNOWN_QUALIFIER_CODES: readonly string[] = ['VersionNotFound', 'AliasNotFound'];

function hintFor(code: string, plan: InvocationPlan, cloudCode: string | undefined): string | undefined {
  if (cloudCode !== undefined && UNKNOWN_QUALIFIER_CODES.includes(cloudCode)) {
    return `qualifier ${plan.qualifier} does not exist for ${plan.functionName}: use --qualifier LATEST (the default), or a version number or alias the function has.`;
  }
  switch (code) {
    case 'NotFound':
      return (
        `check the function name and region (--function-name, --region; qualifier ${plan.qualifier}), ` +
        'or deploy the function first (e.g. s deploy of its fc3 resource).'
      );
    case 'Throttled':
      return 'Function Compute throttled the invocation (too many concurrent calls); retry later.';
    default:
      return undefined;
  }
}

/** The message without the details compose() appended (they are added again). */
function firstLine(message: string): string {
  const i = message.indexOf('\n');
  return i < 0 ? message : message.slice(0, i);
}
