/**
 * `s remove`: takes back only what fc3-role made. Refuses (before any write) to delete a role that a
 * function in the declared regions still uses, unless --force, and says which functions.
 */
import { applyChanges } from '../apply/apply';
import { observe } from '../apply/observe';
import type { ResolvedConfig } from '../config/types';
import type { CloudContext } from '../cloud/clients';
import { Fc3RoleError } from '../errors';
import type { ComponentLogger } from '../logger';
import { describeChange, planRemove, targetRoleArn, type RemovePlan } from '../plan';
import type { Change } from '../model';
import { listPolicyEntities } from '../cloud/ram-policy';
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
 * Reads (before any write) who else holds each custom policy planned for deletion: one still attached
 * to another role, user or group is kept with a note, so remove neither fails half-way on
 * DeleteConflict.Policy.* nor deletes its old versions.
 */
async function keepPoliciesHeldByOthers(cloud: CloudContext, plan: RemovePlan, roleName: string): Promise<RemovePlan> {
  const ours = `role:${roleName.toLowerCase()}`;
  const changes: Change[] = [];
  const notes = [...plan.notes];
  for (const change of plan.changes) {
    if (change.kind === 'deletePolicy') {
      const others = (await listPolicyEntities(cloud, 'Custom', change.name)).filter((e) => e.toLowerCase() !== ours);
      if (others.length > 0) {
        notes.push(`Custom policy ${change.name} was created by fc3-role but is kept: it is still attached to ${others.join(', ')}.`);
        continue;
      }
    }
    changes.push(change);
  }
  return { ...plan, changes, notes };
}

export async function runRemove(
  cloud: CloudContext,
  config: ResolvedConfig,
  logger: ComponentLogger,
  opts: { force: boolean; assumeYes: boolean },
): Promise<RemoveOutput> {
  const { desired } = config;
  const regions = [...new Set([config.region, ...desired.functions.map((f) => f.region)])];
  const observed = await observe(cloud, desired, { forRemove: true, regions });
  const plan = await keepPoliciesHeldByOthers(cloud, planRemove(desired, observed, { force: opts.force }), observed.role?.name ?? desired.role.name);
  if (plan.blockers.length > 0) {
    throw new Fc3RoleError('RemoveRefused', `Remove refused for role ${desired.role.name}:\n${plan.blockers.join('\n')}`, {
      hint: 'Nothing was changed. Resolve the items above (or use --force where it says so) and run remove again.',
    });
  }
  const lines = plan.changes.map((c) => describeChange(c, { observed }));
  if (lines.length > 0) {
    await confirm(`Remove will:\n  ${lines.join('\n  ')}\nContinue?`, opts.assumeYes, logger);
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
