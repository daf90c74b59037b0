/**
 * `s remove`: takes back only what fc3-role made. Refuses (before any write) to delete a role that a
 * function of any FC 3.0 region still uses, or when a region could not be checked, unless --force, and
 * says which; refuses (always) while the role holds a grant fc3-role did not make, in any resource group.
 */
import { applyChanges } from '../apply/apply';
import { observe } from '../apply/observe';
import type { CloudContext } from '../cloud/clients';
import { Fc3RoleError } from '../errors';
import type { ComponentLogger } from '../logger';
import { describeChange, planRemove, targetRoleArn, type RemovePlan } from '../plan';
import { listFunctions } from '../config/narrow';
import type { Narrowing, ResolvedConfig } from '../config/types';
import { keepPoliciesHeldByOthers } from './remove-holders';
import { confirm } from './confirm';

export interface RemoveOutput {
  roleName: string;
  arn: string;
  /** One line per change made, in order. */
  removed: string[];
  /** What was deliberately left in place. */
  kept: string[];
}

/**
 * What to do when remove is refused. `s remove` runs resources in dependency order, so with the fc3
 * output-reference pairing this resource is removed BEFORE the fc3 function that still uses the role.
 */
export function removeRefusedHint(resourceName: string, stillUsed: boolean): string {
  const base = 'Nothing was changed. Resolve the items above and run remove again.';
  if (!stillUsed) return base;
  return (
    `Nothing was changed. \`s remove\` runs resources in dependency order, so a function deployed by fc3 with ` +
    `\`role: \${resources.${resourceName}.output.arn}\` still uses the role when ${resourceName} is removed. ` +
    `Remove the resources that use the role first, then this one: \`s <fc3 resource> remove -y --no-verify\` ` +
    `(--no-verify: run alone, \`s\` cannot resolve the reference to ${resourceName}'s output otherwise), then \`s ${resourceName} remove -y\`. ` +
    'Or set another role on those functions, or run remove with --force to delete the role anyway (`s remove -y --force` then removes the functions too).'
  );
}

/**
 * `--region` left declared functions out: only the role of the functions in that region is unset; the
 * role and its policies stay for the others (account-wide, they are not per region).
 */
function onlyFunctions(plan: RemovePlan, narrowing: Narrowing, roleName: string): RemovePlan {
  const note =
    `--region ${narrowing.region}: only the functions in ${narrowing.region} were handled; role ${roleName} and its policies are kept ` +
    `for the functions s.yaml declares in other regions (${listFunctions(narrowing.excluded)}). Run remove without --region to remove them.`;
  return { changes: plan.changes.filter((c) => c.kind === 'setFunctionRole'), blockers: [], notes: [note] };
}

export interface RemoveOptions {
  force: boolean;
  assumeYes: boolean;
  /** The resource's name in s.yaml, for the hints. @default '<this resource>' */
  resourceName?: string;
}

export async function runRemove(cloud: CloudContext, config: ResolvedConfig, logger: ComponentLogger, opts: RemoveOptions): Promise<RemoveOutput> {
  const { desired } = config;
  const observed = await observe(cloud, desired, { forRemove: true });
  const full = await keepPoliciesHeldByOthers(cloud, planRemove(desired, observed, { force: opts.force }), observed.role?.name ?? desired.role.name);
  const plan = config.narrowing && config.narrowing.excluded.length > 0 ? onlyFunctions(full, config.narrowing, desired.role.name) : full;
  if (plan.blockers.length > 0) {
    const undeclaredUsers = (observed.functionsUsingRole ?? []).filter((f) => !desired.functions.some((d) => d.name === f.name && d.region === f.region));
    const stillUsed = undeclaredUsers.length > 0 && !opts.force;
    throw new Fc3RoleError('RemoveRefused', `Remove refused for role ${desired.role.name}:\n${plan.blockers.join('\n')}`, {
      hint: removeRefusedHint(opts.resourceName ?? '<this resource>', stillUsed),
    });
  }
  const lines = plan.changes.map((c) => describeChange(c, { observed }));
  if (lines.length > 0) {
    await confirm({ title: 'Remove will:', lines }, opts.assumeYes, logger);
    await applyChanges(cloud, plan.changes, {
      roleName: observed.role?.name ?? desired.role.name,
      onProgress: (change, phase) => {
        if (phase === 'start') logger.info(describeChange(change, { observed }));
      },
    });
  } else {
    logger.info(`Nothing of role ${desired.role.name} to remove.`);
  }
  for (const note of plan.notes) logger.info(note);
  return { roleName: observed.role?.name ?? desired.role.name, arn: targetRoleArn(desired, observed), removed: lines, kept: plan.notes };
}
