/**
 * validateProps: props (object, or JSON text in `s cli` mode) -> ResolvedConfig, or EVERY problem at
 * once: schema problems (ajv, in words) first, then semantic ones (documents, duplicates, conflicts).
 */
import { resolveExpectations } from '../expect/expectation';
import { findSchemaProblems } from './ajv-problems';
import { checkTrustPolicy } from './check-trust';
import { CheckContext } from './context';
import { readRawProps } from './props';
import { resolvePolicies } from './resolve-policies';
import { resolveFunctions, resolveInvoke } from './resolve-functions';
import { resolveRole } from './resolve-role';
import { resolveFcEndpointsProp } from './fc-endpoints';
import { isRecord } from './text';
import type { Problem, ResolvedConfig } from './types';

export interface ValidateContext {
  /** Directory relative file paths are resolved against (the s.yaml directory, else cwd). */
  baseDir: string;
  /**
   * Why the role is handed to functions whatever props.functions says (the plugin: fc3 gets it as
   * props.role). Then its trust policy must admit fc.aliyuncs.com. Default: only when props.functions
   * declares functions.
   */
  roleHandedToFunctions?: string;
  /**
   * Read props.invoke.eventFile now (a missing file is a problem). Only `invoke` sends the event, so the
   * other commands pass false and a missing event file does not block them. @default true
   */
  readEventFile?: boolean;
}

export function validateProps(props: unknown, ctx: ValidateContext): { config?: ResolvedConfig; problems: Problem[] } {
  const raw = readRawProps(props);
  if (raw.problems.length > 0) return { problems: raw.problems };
  const schemaProblems = findSchemaProblems(raw.value);
  const check = new CheckContext(ctx.baseDir, schemaProblems.map((p) => p.path));
  const value = isRecord(raw.value) ? raw.value : {};
  const region = typeof value.region === 'string' ? value.region : '';

  const role = resolveRole(value.role, check);
  const policies = resolvePolicies(value.policies, check);
  const functions = resolveFunctions(value.functions, region, check);
  const invoke = resolveInvoke(value.invoke, functions, region, check, { readEventFile: ctx.readEventFile ?? true });
  if (role && !check.schemaFlagged('props.role')) {
    const declared = functions.length > 0 ? `props.functions declares ${functions.map((f) => `${f.region}/${f.name}`).join(', ')}` : undefined;
    checkTrustPolicy(role, value.role, { handedToFunctionsBecause: ctx.roleHandedToFunctions ?? declared }, check);
  }
  const fcEndpoints = resolveFcEndpointsProp(value.fcEndpoints, check);
  const expectations = resolveExpectations(value.expect, check);

  const problems = [...schemaProblems, ...check.problems];
  if (problems.length > 0 || !role) return { problems };
  return {
    config: {
      region,
      endpoint: typeof value.endpoint === 'string' ? value.endpoint : undefined,
      fcEndpoints,
      desired: { role, policies, functions, serviceLinkedRole: value.serviceLinkedRole === true },
      invoke,
      ...(expectations.length > 0 ? { expectations } : {}),
      baseDir: ctx.baseDir,
    },
    problems,
  };
}
