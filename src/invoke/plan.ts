/**
 * Which function to invoke and how, from flags and props. Pure: no I/O, throws Fc3RoleError
 * (code InvalidInvokeArguments) when the choice is impossible or a flag is malformed.
 */
import { Fc3RoleError } from '../errors';
import type { InvocationPlan, InvocationType } from './types';

export interface PlanInputs {
  /** `--function-name`. */
  flagFunctionName?: string;
  /** `--region`. */
  flagRegion?: string;
  flagQualifier?: string;
  /** `--invocation-type`, any case. */
  flagInvocationType?: string;
  flagAsyncTaskId?: string;
  /** `--timeout` in seconds, as given (string or number). */
  flagTimeout?: string | number;
  /** props.invoke.function. */
  propsFunction?: string;
  /** props.region. */
  propsRegion?: string;
  /** props.functions, resolved (each with its region). */
  declaredFunctions: { name: string; region: string }[];
}

const invalid = (message: string, hint: string): Fc3RoleError =>
  new Fc3RoleError('InvalidInvokeArguments', message, { hint });

export function planInvocation(i: PlanInputs): InvocationPlan {
  const functionName = chooseFunction(i);
  const declared = i.declaredFunctions.find((f) => f.name === functionName);
  const region = nonEmpty(i.flagRegion) ?? declared?.region ?? nonEmpty(i.propsRegion);
  if (!region) {
    throw invalid(
      `Cannot invoke function ${functionName}: no region is known`,
      'Pass --region <region> (e.g. --region cn-hangzhou) or set props.region in s.yaml.',
    );
  }
  const plan: InvocationPlan = {
    functionName,
    region,
    qualifier: nonEmpty(i.flagQualifier) ?? 'LATEST',
    invocationType: parseInvocationType(i.flagInvocationType),
  };
  const taskId = nonEmpty(i.flagAsyncTaskId);
  if (taskId !== undefined) plan.asyncTaskId = taskId;
  const timeout = parseTimeout(i.flagTimeout);
  if (timeout !== undefined) plan.timeoutSeconds = timeout;
  return plan;
}

function chooseFunction(i: PlanInputs): string {
  const chosen = nonEmpty(i.flagFunctionName) ?? nonEmpty(i.propsFunction);
  if (chosen) return chosen;
  const names = i.declaredFunctions.map((f) => f.name);
  if (names.length === 1 && names[0]) return names[0];
  if (names.length === 0) {
    throw invalid(
      'Cannot invoke: no function is named and the resource declares none',
      'Pass --function-name <name> (and --region), or set props.invoke.function or props.functions in s.yaml.',
    );
  }
  throw invalid(
    `Cannot invoke: the resource declares several functions (${names.join(', ')}) and none is chosen`,
    `Pass --function-name <one of: ${names.join(', ')}> or set props.invoke.function in s.yaml.`,
  );
}

export function parseInvocationType(raw: string | undefined): InvocationType {
  const v = nonEmpty(raw)?.toLowerCase();
  if (v === undefined || v === 'sync') return 'Sync';
  if (v === 'async') return 'Async';
  throw invalid(`Invalid --invocation-type ${JSON.stringify(raw)}`, 'Use --invocation-type sync or --invocation-type async (any case).');
}

export function parseTimeout(raw: string | number | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw invalid(`Invalid --timeout ${JSON.stringify(raw)}`, 'Give the client timeout in seconds, a positive number (e.g. --timeout 30).');
  }
  return n;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

/** `function <name> in <region> (qualifier <q>)`: how messages name the target. */
export function describeTarget(plan: Pick<InvocationPlan, 'functionName' | 'region' | 'qualifier'>): string {
  return `function ${plan.functionName} in ${plan.region} (qualifier ${plan.qualifier})`;
}
