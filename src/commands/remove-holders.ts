/**
 * Before remove deletes a custom policy fc3-role created: who else holds it? RAM ListEntitiesForPolicy
 * answers for the account scope; Resource Manager ListPolicyAttachments (by policy name, across every
 * resource group) for resource-group scopes. A policy still held by anything the plan does not detach
 * is kept, with a note, so remove neither fails half-way (DeleteConflict.Policy.*) nor breaks others.
 */
import type { CloudContext } from '../cloud/clients';
import { listPolicyEntities } from '../cloud/ram-policy';
import { listPolicyHolders, type RmPolicyHolder } from '../cloud/rm';
import type { Change } from '../model';
import type { RemovePlan } from '../plan';

const RM_PRINCIPAL_KINDS: Record<RmPolicyHolder['principalType'], string> = { ServiceRole: 'role', IMSUser: 'user', IMSGroup: 'group' };

/** `role:<name>` etc., the form of listPolicyEntities, from an RM principal (`<name>@role.<alias>.onaliyunservice.com`). */
function entityOf(holder: RmPolicyHolder): string {
  return `${RM_PRINCIPAL_KINDS[holder.principalType]}:${holder.principalName.split('@')[0]}`;
}

/** `<lower-cased policy>@<account | rg id>` of each attachment the plan detaches from our role. */
function detachedByPlan(changes: readonly Change[]): Set<string> {
  const out = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'detachPolicy') out.add(`${c.policyName.toLowerCase()}@${c.scope.kind === 'account' ? 'account' : c.scope.resourceGroupId}`);
  }
  return out;
}

/** Everyone holding custom policy `name` after the plan's detaches, as readable labels (empty = safe to delete). */
export async function findOtherHolders(cloud: CloudContext, name: string, roleName: string, changes: readonly Change[]): Promise<string[]> {
  const ours = `role:${roleName.toLowerCase()}`;
  const detached = detachedByPlan(changes);
  const stays = (entity: string, scope: string): boolean => entity.toLowerCase() !== ours || !detached.has(`${name.toLowerCase()}@${scope}`);
  const [accountEntities, rmHolders] = await Promise.all([listPolicyEntities(cloud, 'Custom', name), listPolicyHolders(cloud, 'Custom', name)]);
  const labels = new Set<string>();
  for (const entity of accountEntities) if (stays(entity, 'account')) labels.add(entity);
  for (const holder of rmHolders) {
    const entity = entityOf(holder);
    // RM also lists account-scope grants (ResourceGroupId = the account id): the same as RAM's.
    const scope = holder.resourceGroupId === cloud.accountId ? 'account' : holder.resourceGroupId;
    if (stays(entity, scope)) labels.add(scope === 'account' ? entity : `${entity} in resource group ${scope}`);
  }
  return [...labels].sort();
}

/** The plan without deletePolicy for policies others still hold, each with a note saying who. */
export async function keepPoliciesHeldByOthers(cloud: CloudContext, plan: RemovePlan, roleName: string): Promise<RemovePlan> {
  const changes: Change[] = [];
  const notes = [...plan.notes];
  for (const change of plan.changes) {
    if (change.kind === 'deletePolicy') {
      const others = await findOtherHolders(cloud, change.name, roleName, plan.changes);
      if (others.length > 0) {
        notes.push(`Custom policy ${change.name} was created by fc3-role but is kept: it is still attached to ${others.join(', ')}.`);
        continue;
      }
    }
    changes.push(change);
  }
  return { ...plan, changes, notes };
}
