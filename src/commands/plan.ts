/** `s plan`: the plan deploy would carry out, as a readable diff. Reads only. */
import type { ResolvedConfig } from '../config/types';
import type { CloudContext } from '../cloud/clients';
import type { ComponentLogger } from '../logger';
import { outputFromObserved, plannedState, type RoleIdentity, type RoleState } from '../output';
import { renderPlan } from '../plan';
import { planDeployNotes } from '../plan/deploy';
import { readAndPlan } from './deploy';

export interface PlanOutput extends RoleIdentity {
  /** What exists now (as `s info` shows it). */
  current: RoleState;
  /** What deploy would leave. */
  planned: RoleState;
  /** One line per change deploy would make, in order; empty when up to date. */
  changes: string[];
}

export async function runPlan(cloud: CloudContext, config: ResolvedConfig, logger: ComponentLogger): Promise<PlanOutput> {
  const { observed, changes } = await readAndPlan(cloud, config, 'Plan');
  const lines = renderPlan(changes, { observed });
  logger.write(`Plan for role ${config.desired.role.name}:`);
  for (const line of lines) logger.write(`  ${line}`);
  for (const note of planDeployNotes(config.desired, observed)) logger.write(`Note: ${note}`);
  const { roleName, arn, accountId, ...current } = outputFromObserved(config.desired, observed);
  return { roleName, arn, accountId, current, planned: plannedState(config.desired, observed), changes: changes.length === 0 ? [] : lines };
}
