/** Trust policies built from a list of trusted services. */
import type { PolicyDocument } from '../model';
import { normalizePolicyDocument } from './normalize';

export const DEFAULT_TRUSTED_SERVICES: readonly string[] = ['fc.aliyuncs.com'];

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
