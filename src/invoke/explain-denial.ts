/**
 * When the function was denied something: which action on which resource (from its error), and whether the
 * role's policies allow it, as they are now on the cloud. Best effort: a read that fails is said, not thrown
 * (the identity running `s invoke` may not read RAM).
 */
import type { CloudContext } from '../cloud/clients';
import { findFunction } from '../cloud/fc';
import { toFc3RoleError } from '../cloud/cloud-error';
import { currentGrants, describeAttachment, type CurrentGrants } from '../expect/grants';
import type { HeldPolicy } from '../policy/evaluate';
import { describeEvaluation } from '../policy/explain';
import { evaluateScoped, type ScopedVerdict } from '../policy/scoped';
import { findDenial, type Denial } from './denial';
import type { FunctionErrorBody } from './report';
import type { InvocationPlan } from './types';

function heldIn(policies: readonly HeldPolicy[], groups: readonly string[]): string {
  const names = policies.filter((p) => p.scope.kind === 'resourceGroup' && groups.includes(p.scope.resourceGroupId)).map(describeAttachment);
  return [...new Set(names)].join(', ');
}

/** What the verdict means for a denial that happened. */
function meaning(d: Required<Pick<Denial, 'action' | 'resource'>>, roleName: string, verdict: ScopedVerdict, grants: CurrentGrants): string {
  const service = d.action.split(':')[0].toUpperCase();
  switch (verdict.outcome) {
    case 'allowed':
      return `Role ${roleName}'s policies allow it (${describeEvaluation(verdict.everywhere).replace(/^allowed by /, '')}), so the denial comes from elsewhere: a bucket policy or ACL, a resource of another account, a Deny in a control or session policy, or a policy change that has not reached the function's credentials yet.`;
    case 'allowedInResourceGroups': {
      const groups = verdict.groups.join(' or ');
      return `Role ${roleName} holds ${heldIn(grants.policies, verdict.groups)} only in resource group ${groups}; ${service} grants it only for resources in that group, and this one is evidently not in it. Move the resource into ${groups}, or attach the policy at account scope (props.policies without resourceGroupId).`;
    }
    case 'conditional':
      return `Role ${roleName}'s policies allow it only under a condition: ${describeEvaluation(verdict.everywhere)}; the request did not meet it.`;
    case 'denied':
      return verdict.everywhere.decision === 'ExplicitDeny'
        ? `Role ${roleName}'s policies deny it: ${describeEvaluation(verdict.everywhere)}.`
        : `No policy of role ${roleName} allows it (${describeEvaluation(verdict.everywhere)}). Add one that does, e.g. expect "${d.action} on ${d.resource}" in s.yaml and a policy granting it; s plan then checks it before deploy.`;
  }
}

function roleNameOf(arn: string): string | undefined {
  return /:role\/(.+)$/.exec(arn)?.[1];
}

async function verdictLines(cloud: CloudContext, plan: InvocationPlan, d: Required<Pick<Denial, 'action' | 'resource'>>): Promise<string[]> {
  const fn = await findFunction(cloud, plan.region, plan.functionName);
  const roleName = fn ? roleNameOf(fn.role) : undefined;
  if (!fn || !roleName) return [`Function ${plan.functionName} has no role: its handler gets no credentials for ${d.action}. Give it one (props.functions) and s deploy.`];
  const grants = await currentGrants(cloud, roleName);
  if (!grants.role) return [`The function's role ${fn.role} does not exist.`];
  const verdict = evaluateScoped(grants.policies, { action: d.action, resource: d.resource, concrete: true });
  const unread = grants.unreadable.map((u) => `Could not read policy ${describeAttachment(u)} (${u.reason}); it is not counted.`);
  return [meaning(d, grants.role.name, verdict, grants), ...unread];
}

/**
 * Lines explaining a denied function, or [] when its error is no denial. Never throws for a failed read.
 */
export async function explainDenial(cloud: CloudContext, plan: InvocationPlan, error: FunctionErrorBody): Promise<string[]> {
  const denial = findDenial(error);
  if (!denial) return [];
  const how = denial.codeFrom === 'type' ? `error type ${error.errorType ?? denial.code}` : 'recognised in the error text';
  if (!denial.action || !denial.resource) {
    return [
      `The function was denied access (${denial.code}, ${how}), but its error does not name the action and resource${denial.action ? ` (action ${denial.action})` : ''}.`,
      `Check them with: s simulate --current --action <service:Action> --resource <arn>`,
    ];
  }
  // Choice: an OSS ARN read from an oss:// URL names no account; the bucket is taken to be the deploying account's.
  const d = { action: denial.action, resource: denial.resource.replace(/^acs:oss:\*:\*:/, `acs:oss:*:${cloud.accountId}:`) };
  const head = `The function was denied ${d.action} on ${d.resource} (${denial.code}, ${how}; the action and resource were read from the error text).`;
  try {
    return [head, ...(await verdictLines(cloud, plan, d))];
  } catch (e) {
    const err = toFc3RoleError(e, 'reading the role\'s policies', `function ${plan.functionName}`, { command: 'simulate' });
    return [head, `Could not check the role's policies: ${err.code}${err.cloudCode ? ` (${err.cloudCode})` : ''}.`];
  }
}
