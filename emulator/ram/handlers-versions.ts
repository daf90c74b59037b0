/** RAM policy-version actions: Create/List/Get/DeletePolicyVersion, SetDefaultPolicyVersion. */
import type { RpcContext } from '../core/types';
import { openRam, ramResource, requirePermission } from './handlers-common';
import { ramErrors } from './errors';
import { boolParam, optionalParam, policyRefParams, requireParam } from './params';
import { versionWire } from './serialize';
import type { RotateStrategy } from './state-policies';

type Result = Record<string, unknown>;

function rotateStrategyParam(value: string | undefined): RotateStrategy {
  if (value === undefined || value === '' || value === 'None') return 'None';
  if (value === 'DeleteOldestNonDefaultVersionWhenLimitExceeded') return value;
  throw ramErrors.invalidParam('RotateStrategy', `expected None or DeleteOldestNonDefaultVersionWhenLimitExceeded, got ${value}`);
}

export function createPolicyVersion(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const policyName = requireParam(ctx.params, 'PolicyName');
  const document = requireParam(ctx.params, 'PolicyDocument');
  requirePermission(ctx, call, 'CreatePolicyVersion', ramResource.policy(call.account.id, policyName));
  const setAsDefault = boolParam(ctx.params, 'SetAsDefault', false);
  const rotate = rotateStrategyParam(optionalParam(ctx.params, 'RotateStrategy'));
  const version = call.ram.policies.createVersion(policyName, document, setAsDefault, rotate, call.now);
  const policy = call.ram.policies.getCustom(policyName);
  return { RequestId: ctx.requestId, PolicyVersion: versionWire(version, policy.defaultVersion) };
}

export function listPolicyVersions(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const ref = policyRefParams(ctx.params);
  requirePermission(ctx, call, 'ListPolicyVersions', ramResource.policy(call.account.id, ref.name));
  const policy = call.ram.policies.get(ref);
  return {
    RequestId: ctx.requestId,
    PolicyVersions: { PolicyVersion: policy.versions.map((v) => versionWire(v, policy.defaultVersion)) },
  };
}

export function getPolicyVersion(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const ref = policyRefParams(ctx.params);
  const versionId = requireParam(ctx.params, 'VersionId');
  requirePermission(ctx, call, 'GetPolicyVersion', ramResource.policy(call.account.id, ref.name));
  const version = call.ram.policies.getVersion(ref, versionId);
  const policy = call.ram.policies.get(ref);
  return { RequestId: ctx.requestId, PolicyVersion: versionWire(version, policy.defaultVersion) };
}

export function deletePolicyVersion(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const policyName = requireParam(ctx.params, 'PolicyName');
  const versionId = requireParam(ctx.params, 'VersionId');
  requirePermission(ctx, call, 'DeletePolicyVersion', ramResource.policy(call.account.id, policyName));
  call.ram.policies.deleteVersion(policyName, versionId);
  return { RequestId: ctx.requestId };
}

export function setDefaultPolicyVersion(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const policyName = requireParam(ctx.params, 'PolicyName');
  const versionId = requireParam(ctx.params, 'VersionId');
  requirePermission(ctx, call, 'SetDefaultPolicyVersion', ramResource.policy(call.account.id, policyName));
  call.ram.policies.setDefaultVersion(policyName, versionId, call.now);
  return { RequestId: ctx.requestId };
}
