/** props.role -> DesiredRole (trust policy from services or given whole). */
import type { DesiredRole, PolicyDocument } from '../model';
import { DEFAULT_TRUSTED_SERVICES, trustPolicyForServices } from '../policy';
import type { CheckContext } from './context';
import { resolveDocument } from './documents';
import { isRecord } from './text';

function resolveTrustPolicy(role: Record<string, unknown>, ctx: CheckContext): PolicyDocument | undefined {
  if (role.trustPolicy !== undefined && role.services !== undefined) {
    ctx.add('props.role.trustPolicy', 'cannot be used together with props.role.services; keep one of them', './trust.json');
    return undefined;
  }
  if (role.trustPolicy !== undefined) {
    if (ctx.schemaFlagged('props.role.trustPolicy')) return undefined;
    return resolveDocument(role.trustPolicy, 'props.role.trustPolicy', 'trust', ctx);
  }
  const services = typeof role.services === 'string' ? [role.services] : role.services ?? DEFAULT_TRUSTED_SERVICES;
  if (!Array.isArray(services) || !services.every((s): s is string => typeof s === 'string')) return undefined;
  return trustPolicyForServices(services);
}

/** Undefined when props.role is unusable (the schema has said why). */
export function resolveRole(raw: unknown, ctx: CheckContext): DesiredRole | undefined {
  if (!isRecord(raw)) return undefined;
  const trustPolicy = resolveTrustPolicy(raw, ctx);
  if (typeof raw.name !== 'string' || !trustPolicy) return undefined;
  // Choice: description and maxSessionDuration are managed only when s.yaml declares them; left out, an existing role keeps its own and a new one gets '' and 3600.
  return {
    name: raw.name,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    trustPolicy,
    ...(typeof raw.maxSessionDuration === 'number' ? { maxSessionDuration: raw.maxSessionDuration } : {}),
  };
}
