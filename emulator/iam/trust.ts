/**
 * Trust-policy (AssumeRolePolicyDocument) evaluation: may this principal assume the role?
 * A statement applies when its Action matches sts:AssumeRole, its Principal names the caller and
 * its Condition (if any) holds for `context`. Any applying Deny refuses; otherwise one applying Allow admits.
 */
import { actionMatches, conditionsHold, isRecord, statementsOf, stringList, type RequestContext } from './evaluate';

export interface TrustPrincipal {
  /** A cloud service, e.g. fc.aliyuncs.com. */
  service?: string;
  /** The caller's ARN: acs:ram::<uid>:root | …:user/<name> | …:assumed-role/<role>/<session>. */
  ramArn?: string;
  /** The caller's account id (taken from ramArn when absent). */
  accountId?: string;
}

const ACCOUNT_ROOT = /^acs:ram::(\d+):root$/i;
const ARN_ACCOUNT = /^acs:ram::(\d+):/i;

function accountOf(principal: TrustPrincipal): string | undefined {
  return principal.accountId ?? principal.ramArn?.match(ARN_ACCOUNT)?.[1];
}

function principalMatches(principalBlock: unknown, principal: TrustPrincipal): boolean {
  if (!isRecord(principalBlock)) return false;
  if (principal.service) {
    const wanted = principal.service.toLowerCase();
    if (stringList(principalBlock.Service).some((s) => s.toLowerCase() === wanted)) return true;
  }
  const account = accountOf(principal);
  for (const entry of stringList(principalBlock.RAM)) {
    const root = entry.match(ACCOUNT_ROOT);
    // `acs:ram::<uid>:root` admits every principal of that account (root, users, assumed roles).
    if (root && account !== undefined && root[1] === account) return true;
    // Choice: an exact RAM ARN in a trust policy matches case-insensitively (role names appear lower-cased in ARNs).
    if (principal.ramArn && entry.toLowerCase() === principal.ramArn.toLowerCase()) return true;
  }
  return false;
}

export function trustAllows(trustPolicyJson: string, principal: TrustPrincipal, context: RequestContext = {}): boolean {
  let allowed = false;
  for (const statement of statementsOf(trustPolicyJson)) {
    if (!actionMatches(statement, 'sts:AssumeRole')) continue;
    if (!principalMatches(statement.Principal, principal)) continue;
    if (!conditionsHold(statement.Condition, context)) continue;
    if (statement.Effect === 'Deny') return false;
    if (statement.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
