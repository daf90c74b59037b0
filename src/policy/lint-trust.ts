/**
 * Trust-policy findings: who may assume the role. A role for functions must trust fc.aliyuncs.com; trusting
 * whole accounts, any account, or identity providers without a condition lets more in than the functions.
 */
import type { DesiredState } from '../model';
import type { Finding } from './lint';

const FC = 'fc.aliyuncs.com';

/** `acs:ram::<account>:root` (or any principal ARN) -> the account; `*` for a wildcard account. */
function accountOf(principal: string): string | undefined {
  if (principal === '*') return '*';
  const match = /^acs:ram::([^:]*):/.exec(principal);
  return match ? match[1] : /^\d+$/.test(principal) ? principal : undefined;
}

export function lintTrust(desired: DesiredState, accountId: string): Finding[] {
  const path = 'props.role';
  const out: Finding[] = [];
  const allows = desired.role.trustPolicy.Statement.filter((s) => s.Effect === 'Allow');
  const services = allows.flatMap((s) => s.Principal?.Service ?? []);
  if (desired.functions.length > 0 && !services.some((s) => s.toLowerCase() === FC)) {
    out.push({
      code: 'TrustMissingFc',
      path,
      message: `the trust policy does not trust ${FC}, so Function Compute cannot assume the role for ${desired.functions.map((f) => f.name).join(', ')} (their handlers get no credentials); add ${FC} to role.services`,
    });
  }
  for (const stmt of allows) {
    const conditional = stmt.Condition !== undefined;
    for (const principal of stmt.Principal?.RAM ?? []) {
      const account = accountOf(principal);
      if (account === '*' || principal.includes('*')) {
        out.push({ code: 'TrustAnyAccount', path, message: `the trust policy lets ${principal} assume the role: any Alibaba Cloud account matching it; name the account and the user or role` });
      } else if (account !== undefined && account !== accountId) {
        out.push({ code: 'TrustOtherAccount', path, message: `the trust policy lets account ${account} (${principal}) assume the role${conditional ? '' : ' without a condition'}` });
      } else if (/:root$/.test(principal) && !conditional) {
        out.push({ code: 'TrustWholeAccount', path, message: `the trust policy lets ${principal} assume the role: every RAM user and role of the account allowed sts:AssumeRole; name the users or roles instead` });
      }
    }
    for (const provider of stmt.Principal?.Federated ?? []) {
      if (!conditional) {
        out.push({ code: 'TrustFederatedWithoutCondition', path, message: `the trust policy lets every identity of ${provider} assume the role; add a Condition (e.g. on the audience or subject)` });
      }
    }
  }
  return out;
}
