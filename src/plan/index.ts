/** Pure planners: desired + observed -> changes, blockers and their readable rendering. */
export { planDeploy, targetRoleArn } from './deploy';
export { planRemove } from './remove';
export type { RemovePlan } from './remove';
export { findDeployBlockers, formatBlocker, blockersError } from './blockers';
export type { Blocker } from './blockers';
export { renderPlan, describeChange } from './render';
export type { RenderOptions } from './render';
export { oldestNonDefaultVersion, MAX_POLICY_VERSIONS } from './policies';
export {
  roleArnFor,
  arnsEqual,
  attachmentKey,
  scopeId,
  scopeLabel,
} from './identity';
