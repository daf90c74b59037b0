/** `s info`: what exists now — the role, its policies (scope, version) and whether each function uses it. */
import { observe } from '../apply/observe';
import type { ResolvedConfig } from '../config/types';
import type { CloudContext } from '../cloud/clients';
import type { ComponentLogger } from '../logger';
import { outputFromObserved, type RoleOutput } from '../output';
import { marksOfMissingGroupsNotes } from '../plan/policies';

/** Reads every grant of the role (all resource groups); missing resource groups are reported, never fatal. */
export async function runInfo(cloud: CloudContext, config: ResolvedConfig, logger?: ComponentLogger): Promise<RoleOutput> {
  const observed = await observe(cloud, config.desired, { allGrants: true });
  const missing = new Set(observed.missingResourceGroups ?? []);
  for (const group of [...new Set(config.desired.policies.flatMap((p) => (p.scope.kind === 'resourceGroup' ? [p.scope.resourceGroupId] : [])))]) {
    if (missing.has(group)) logger?.warn(`Resource group ${group} named in s.yaml does not exist in this account; deploy refuses to start until it is fixed.`);
  }
  for (const note of marksOfMissingGroupsNotes(observed)) logger?.warn(note);
  return outputFromObserved(config.desired, observed);
}
