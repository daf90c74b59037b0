/**
 * RAM policies (system and custom) and their versions: thin typed wrappers over @alicloud/ram20150501.
 */
import { Fc3RoleError } from '../errors';
import type { PolicyDocument } from '../model';
import { serializePolicyDocument } from '../policy';
import { callCloud, ensureWrite, findOrUndefined, hasCloudCode } from './call';
import { ramClient, type CloudContext } from './clients';
import { ramSdk } from './sdk';

export type PolicyType = 'System' | 'Custom';

export interface RamPolicy {
  type: PolicyType;
  /** Catalog casing (RAM matches system names case-insensitively). */
  name: string;
  description: string;
  defaultVersion: string;
  /** The default version's document as RAM's JSON text. */
  documentText: string;
}

export interface RamPolicyVersion {
  versionId: string;
  isDefault: boolean;
  createDate: string;
  documentText: string;
}

export const POLICY_NOT_FOUND = ['EntityNotExist.Policy'] as const;

export async function findPolicy(ctx: CloudContext, type: PolicyType, name: string): Promise<RamPolicy | undefined> {
  const sdk = ramSdk();
  const res = await findOrUndefined(ctx, 'GetPolicy', `${type.toLowerCase()} policy ${name}`, POLICY_NOT_FOUND, () =>
    ramClient(ctx).getPolicy(new sdk.GetPolicyRequest({ policyName: name, policyType: type })),
  );
  if (!res) return undefined;
  const policy = res.body?.policy;
  return {
    type,
    name: policy?.policyName ?? name,
    description: policy?.description ?? '',
    defaultVersion: policy?.defaultVersion ?? res.body?.defaultPolicyVersion?.versionId ?? '',
    documentText: res.body?.defaultPolicyVersion?.policyDocument ?? policy?.policyDocument ?? '',
  };
}

export async function getPolicy(ctx: CloudContext, type: PolicyType, name: string): Promise<RamPolicy> {
  const policy = await findPolicy(ctx, type, name);
  if (!policy) throw new Fc3RoleError('NotFound', `GetPolicy failed for ${type.toLowerCase()} policy ${name}: the policy does not exist`);
  return policy;
}

/** CreatePolicy (custom) with the given tags (the component's ownership mark). */
export async function createPolicy(
  ctx: CloudContext,
  policy: { name: string; document: PolicyDocument; description?: string },
  tags: Record<string, string> = {},
): Promise<void> {
  const sdk = ramSdk();
  const request = new sdk.CreatePolicyRequest({
    policyName: policy.name,
    policyDocument: serializePolicyDocument(policy.document),
    ...(policy.description ? { description: policy.description } : {}),
    tag: Object.entries(tags).map(([key, value]) => new sdk.CreatePolicyRequestTag({ key, value })),
  });
  await callCloud(ctx, 'CreatePolicy', `custom policy ${policy.name}`, () => ramClient(ctx).createPolicy(request));
}

/**
 * ONE attempt at a new default version (RotateStrategy None: at 5 versions RAM answers
 * LimitExceeded.Policy.Version). Never sent again after a failure whose effect is unknown: a blind
 * repeat would leave two new versions for one change. Use ensurePolicyDocument (src/apply), which
 * re-reads the default document before every attempt.
 */
export async function createPolicyVersion(ctx: CloudContext, name: string, document: PolicyDocument): Promise<RamPolicyVersion> {
  const sdk = ramSdk();
  const request = new sdk.CreatePolicyVersionRequest({
    policyName: name,
    policyDocument: serializePolicyDocument(document),
    setAsDefault: true,
  });
  const res = await callCloud(ctx, 'CreatePolicyVersion', `custom policy ${name}`, () => ramClient(ctx).createPolicyVersion(request), { repeatable: false });
  const v = res.body?.policyVersion;
  return {
    versionId: v?.versionId ?? '',
    isDefault: v?.isDefaultVersion ?? true,
    createDate: v?.createDate ?? '',
    documentText: v?.policyDocument ?? '',
  };
}

/**
 * UpdatePolicyDescription (custom policies only): changes the description, not the document. RAM takes
 * 1 to 1,024 characters, so an empty description is refused here, before any call: it can never clear one.
 */
export async function updatePolicyDescription(ctx: CloudContext, name: string, description: string): Promise<void> {
  if (description === '') {
    throw new Fc3RoleError('InvalidArgument', `UpdatePolicyDescription failed for custom policy ${name}: the new description is empty`, {
      hint: 'RAM keeps a policy description of 1 to 1,024 characters and cannot clear one: leave description out of s.yaml to keep the current one.',
    });
  }
  const sdk = ramSdk();
  const request = new sdk.UpdatePolicyDescriptionRequest({ policyName: name, newDescription: description });
  await callCloud(ctx, 'UpdatePolicyDescription', `custom policy ${name}`, () => ramClient(ctx).updatePolicyDescription(request));
}

export async function listPolicyVersions(ctx: CloudContext, type: PolicyType, name: string): Promise<RamPolicyVersion[]> {
  const sdk = ramSdk();
  const res = await callCloud(ctx, 'ListPolicyVersions', `${type.toLowerCase()} policy ${name}`, () =>
    ramClient(ctx).listPolicyVersions(new sdk.ListPolicyVersionsRequest({ policyName: name, policyType: type })),
  );
  return (res.body?.policyVersions?.policyVersion ?? []).map((v) => ({
    versionId: v.versionId ?? '',
    isDefault: v.isDefaultVersion ?? false,
    createDate: v.createDate ?? '',
    documentText: v.policyDocument ?? '',
  }));
}

/** Who holds a policy at account scope (RAM ListEntitiesForPolicy): `role:<name>`, `user:<name>`, `group:<name>`. */
export async function listPolicyEntities(ctx: CloudContext, type: PolicyType, name: string): Promise<string[]> {
  const sdk = ramSdk();
  // A policy that does not exist (any more: another run deleted it) is held by no one.
  const res = await findOrUndefined(ctx, 'ListEntitiesForPolicy', `${type.toLowerCase()} policy ${name}`, POLICY_NOT_FOUND, () =>
    ramClient(ctx).listEntitiesForPolicy(new sdk.ListEntitiesForPolicyRequest({ policyName: name, policyType: type })),
  );
  if (!res) return [];
  const body = res.body;
  return [
    ...(body?.roles?.role ?? []).map((r) => `role:${r.roleName ?? ''}`),
    ...(body?.users?.user ?? []).map((u) => `user:${u.userName ?? ''}`),
    ...(body?.groups?.group ?? []).map((g) => `group:${g.groupName ?? ''}`),
  ];
}

/** DeletePolicyVersion; a version (or policy) already gone is done. */
export async function deletePolicyVersion(ctx: CloudContext, name: string, versionId: string): Promise<void> {
  const sdk = ramSdk();
  await ensureWrite(ctx, 'DeletePolicyVersion', `custom policy ${name} version ${versionId}`, ['EntityNotExist.Policy.Version', ...POLICY_NOT_FOUND], () =>
    ramClient(ctx).deletePolicyVersion(new sdk.DeletePolicyVersionRequest({ policyName: name, versionId })),
  );
}

/** SetDefaultPolicyVersion (idempotent: setting the default version again changes nothing). */
export async function setDefaultPolicyVersion(ctx: CloudContext, name: string, versionId: string): Promise<void> {
  const sdk = ramSdk();
  await callCloud(ctx, 'SetDefaultPolicyVersion', `custom policy ${name} version ${versionId}`, () =>
    ramClient(ctx).setDefaultPolicyVersion(new sdk.SetDefaultPolicyVersionRequest({ policyName: name, versionId })),
  );
}

/** Deletes a custom policy with all its versions; a policy already gone is done. */
// Choice: non-default versions are deleted one by one, then DeletePolicy without CascadingDelete, because RAM's cascade also detaches the policy from principals that are not ours.
export async function deletePolicy(ctx: CloudContext, name: string): Promise<void> {
  const sdk = ramSdk();
  // A policy already gone (another run removed it) has no versions left to delete.
  const versions = await listPolicyVersions(ctx, 'Custom', name).catch((e: unknown) => {
    if (hasCloudCode(e, POLICY_NOT_FOUND)) return [];
    throw e;
  });
  for (const v of versions) {
    if (!v.isDefault) await deletePolicyVersion(ctx, name, v.versionId);
  }
  await ensureWrite(ctx, 'DeletePolicy', `custom policy ${name}`, POLICY_NOT_FOUND, () =>
    ramClient(ctx).deletePolicy(new sdk.DeletePolicyRequest({ policyName: name })),
  );
}
