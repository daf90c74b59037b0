/** Trust policies built from a list of trusted services. */
import type { PolicyDocument } from '../model';
import { normalizePolicyDocument } from './normalize';
import { globMatches } from './values';

/** Function Compute's service principal: the role of a function must trust it. */
export const FC_SERVICE = 'fc.aliyuncs.com';

export const DEFAULT_TRUSTED_SERVICES: readonly string[] = [FC_SERVICE];

/** `{ Version: '1', Statement: [{ Effect: Allow, Action: [sts:AssumeRole], Principal: { Service: [...] } }] }`, normalized. */
export function trustPolicyForServices(services: readonly string[]): PolicyDocument {
  return normalizePolicyDocument({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: [...services] } }],
  });
}

/** The services a trust policy lets assume the role (for display). */
export function trustedServices(doc: PolicyDocument): string[] {
  return doc.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Principal?.Service ?? []);
}

/** A principal an Allow statement admits through a wildcard: `RAM: ["*"]`, `Service: ["*"]`, `acs:ram::*:root`, ... */
export interface OpenPrincipal {
  /** Index of the statement in the document. */
  statement: number;
  /** `Service`, `RAM` or `Federated`. */
  key: string;
  value: string;
}

/** Every principal of an Allow statement that contains `*` (pure). */
export function findOpenPrincipals(doc: PolicyDocument): OpenPrincipal[] {
  const out: OpenPrincipal[] = [];
  doc.Statement.forEach((s, statement) => {
    if (s.Effect !== 'Allow') return;
    for (const [key, values] of Object.entries(s.Principal ?? {})) {
      for (const value of values) if (value.includes('*')) out.push({ statement, key, value });
    }
  });
  return out;
}

function coversAssumeRole(actions: readonly string[] | undefined): boolean {
  return (actions ?? []).some((a) => globMatches(a, 'sts:AssumeRole'));
}

function namesService(values: readonly string[] | undefined, service: string): boolean {
  return (values ?? []).some((v) => globMatches(v, service));
}

/** Whether the trust policy lets `service` assume the role: an Allow names it for sts:AssumeRole and no Deny names it (pure). */
export function admitsService(doc: PolicyDocument, service: string): boolean {
  const named = (effect: 'Allow' | 'Deny'): boolean =>
    doc.Statement.some((s) => s.Effect === effect && coversAssumeRole(s.Action) && namesService(s.Principal?.Service, service));
  const allowed = doc.Statement.some((s) => s.Effect === 'Allow' && coversAssumeRole(s.Action) && (s.Principal?.Service ?? []).some((v) => v.toLowerCase() === service));
  return allowed && !named('Deny');
}
