/**
 * Evaluation with the scope of each grant. Source: https://www.alibabacloud.com/help/en/resource-management/latest/add-ram-authorization
 * — "The permissions granted by using RAM take effect on all resources under the relevant Alibaba Cloud account.
 * The permissions granted by using resource group authorization only take effect on resources in a specific
 * resource group." Which group a resource is in is not known before the call, so each group holding grants is
 * evaluated as its own case.
 */
import type { AccessRequest, Evaluation, HeldPolicy } from './evaluate';
import { evaluatePolicies } from './evaluate';

/**
 * - allowed: allowed wherever the resource is (outside any resource group; a Deny in a group may still apply there);
 * - allowedInResourceGroups: allowed only if the resource is in one of `groups`;
 * - conditional: depends on condition keys (`conditionKeys` of the evaluations);
 * - denied: denied wherever the resource is.
 */
export type Outcome = 'allowed' | 'allowedInResourceGroups' | 'conditional' | 'denied';

export interface GroupEvaluation {
  resourceGroupId: string;
  evaluation: Evaluation;
}

export interface ScopedVerdict {
  outcome: Outcome;
  /** A resource in no resource group: the account-scope grants alone. */
  everywhere: Evaluation;
  /** A resource in each group that holds grants: the account-scope grants plus that group's. */
  inGroups: GroupEvaluation[];
  /** For allowedInResourceGroups: the groups where it is allowed. */
  groups: string[];
}

function resourceGroupsOf(policies: readonly HeldPolicy[]): string[] {
  const ids = policies.flatMap((p) => (p.scope.kind === 'resourceGroup' ? [p.scope.resourceGroupId] : []));
  return [...new Set(ids)].sort();
}

export function evaluateScoped(policies: readonly HeldPolicy[], request: AccessRequest): ScopedVerdict {
  const accountWide = policies.filter((p) => p.scope.kind === 'account');
  const everywhere = evaluatePolicies(accountWide, request);
  const inGroups = resourceGroupsOf(policies).map((resourceGroupId) => ({
    resourceGroupId,
    evaluation: evaluatePolicies(
      policies.filter((p) => p.scope.kind === 'account' || p.scope.resourceGroupId === resourceGroupId),
      request,
    ),
  }));
  const allowedGroups = inGroups.filter((g) => g.evaluation.decision === 'Allow').map((g) => g.resourceGroupId);
  const verdict = (outcome: Outcome, groups: string[] = []): ScopedVerdict => ({ outcome, everywhere, inGroups, groups });
  if (everywhere.decision === 'Allow') return verdict('allowed');
  if (everywhere.decision === 'ExplicitDeny' && !everywhere.partial) return verdict('denied');
  if (allowedGroups.length > 0) return verdict('allowedInResourceGroups', allowedGroups);
  if (everywhere.decision === 'Conditional' || inGroups.some((g) => g.evaluation.decision === 'Conditional')) return verdict('conditional');
  return verdict('denied');
}
