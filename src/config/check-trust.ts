/**
 * Trust policy checks before any cloud call: a role anyone can assume is never deployed, and a role
 * handed to functions must let Function Compute assume it.
 */
import type { DesiredRole } from '../model';
import { admitsService, FC_SERVICE, findOpenPrincipals } from '../policy';
import type { CheckContext } from './context';
import { isRecord } from './text';

const TRUST_EXAMPLE = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: [FC_SERVICE] } }] });

export interface TrustCheckOptions {
  /** Why the role must admit FC, for the message (e.g. `props.functions declares functions`); undefined = it need not. */
  handedToFunctionsBecause?: string;
}

/** Where the user wrote the trust policy: `props.role.trustPolicy`, else `props.role.services` (or the default). */
function trustPath(rawRole: unknown): string {
  return isRecord(rawRole) && rawRole.trustPolicy !== undefined ? 'props.role.trustPolicy' : 'props.role.services';
}

export function checkTrustPolicy(role: DesiredRole, rawRole: unknown, opts: TrustCheckOptions, ctx: CheckContext): void {
  const base = trustPath(rawRole);
  const fromDocument = base === 'props.role.trustPolicy';
  for (const open of findOpenPrincipals(role.trustPolicy)) {
    const path = fromDocument ? `${base}.Statement[${open.statement}].Principal.${open.key}` : base;
    ctx.add(
      path,
      `admits any principal through "*" (${open.key}: ${JSON.stringify(open.value)}): anyone matching it could assume the role and use every policy attached to it. ` +
        'fc3-role refuses to deploy such a role; name the principals that may assume it',
      fromDocument ? JSON.stringify([FC_SERVICE]) : FC_SERVICE,
    );
  }
  if (opts.handedToFunctionsBecause !== undefined && !admitsService(role.trustPolicy, FC_SERVICE)) {
    ctx.add(
      base,
      `does not let Function Compute (${FC_SERVICE}) assume the role, but the role is handed to functions (${opts.handedToFunctionsBecause}): ` +
        'FC would refuse to set it on a function, or fail each invocation. Add an Allow statement for sts:AssumeRole with Principal Service fc.aliyuncs.com',
      fromDocument ? TRUST_EXAMPLE : FC_SERVICE,
    );
  }
}
