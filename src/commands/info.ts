/** `s info`: what exists now — the role, its policies (scope, version) and whether each function uses it. */
import { observe } from '../apply/observe';
import type { ResolvedConfig } from '../config/types';
import type { CloudContext } from '../cloud/clients';
import { outputFromObserved, type RoleOutput } from '../output';

export async function runInfo(cloud: CloudContext, config: ResolvedConfig): Promise<RoleOutput> {
  const observed = await observe(cloud, config.desired);
  return outputFromObserved(config.desired, observed);
}
