/** `s deploy`: read -> plan -> apply -> read back. A second run with no change writes nothing. */
import { applyChanges } from '../apply/apply';
import { observe } from '../apply/observe';
import type { ResolvedConfig } from '../config/types';
import type { CloudContext } from '../cloud/clients';
import type { ComponentLogger } from '../logger';
import type { Change, ObservedState } from '../model';
import { outputFromObserved, type RoleOutput } from '../output';
import { blockersError, describeChange, findDeployBlockers, formatBlocker, planDeploy } from '../plan';
import { arnsEqual } from '../plan/identity';

/** Reads and plans; throws DeployBlocked (before any write) when a declared thing is missing. */
export async function readAndPlan(cloud: CloudContext, config: ResolvedConfig, action: string): Promise<{ observed: ObservedState; changes: Change[] }> {
  const observed = await observe(cloud, config.desired);
  const blockers = findDeployBlockers(config.desired, observed);
  if (blockers.length > 0) throw blockersError(action, config.desired.role.name, blockers.map(formatBlocker));
  return { observed, changes: planDeploy(config.desired, observed) };
}

/** A declared function whose role someone else changed since we set it (e.g. an fc3 deploy without `role`). */
function warnAboutFunctionDrift(changes: Change[], observed: ObservedState, logger: ComponentLogger, resourceName: string): void {
  for (const c of changes) {
    if (c.kind !== 'setFunctionRole' || c.to === '') continue;
    if (observed.role && c.from !== '' && !arnsEqual(c.from, c.to)) {
      logger.warn(
        `Function ${c.region}/${c.functionName} uses role ${c.from} instead of ${c.to}: something else changed it since the last deploy. ` +
          `fc3-role sets it back now. If fc3 deploys this function, give fc3 the role with \`role: \${resources.${resourceName}.output.arn}\` so both agree.`,
      );
    } else if (observed.role && c.from === '') {
      logger.warn(
        `Function ${c.region}/${c.functionName} has no role: an fc3 deploy without \`role\` clears it. ` +
          `fc3-role sets it now; to keep it across fc3 deploys use \`role: \${resources.${resourceName}.output.arn}\` in the fc3 resource.`,
      );
    }
  }
}

export async function runDeploy(cloud: CloudContext, config: ResolvedConfig, logger: ComponentLogger, resourceName: string): Promise<RoleOutput> {
  const { observed, changes } = await readAndPlan(cloud, config, 'Deploy');
  if (changes.length === 0) {
    logger.info(`Role ${config.desired.role.name} is up to date; nothing to change.`);
  } else {
    warnAboutFunctionDrift(changes, observed, logger, resourceName);
    await applyChanges(cloud, changes, {
      roleName: config.desired.role.name,
      onProgress: (change, phase) => {
        const line = describeChange(change, { observed });
        if (phase === 'start') logger.info(line);
        else if (phase === 'retrying') logger.info(`waiting for the new role to become visible: ${line}`);
        else logger.debug(`done: ${line}`);
      },
    });
  }
  const after = await observe(cloud, config.desired);
  return outputFromObserved(config.desired, after);
}
