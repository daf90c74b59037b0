/**
 * Observe: read everything planning needs from the cloud. Read-only: no call here writes.
 */
import type {
  DesiredPolicy,
  DesiredState,
  ObservedAttachment,
  ObservedCustomPolicy,
  ObservedFunction,
  ObservedRole,
  ObservedState,
  Scope,
} from '../model';
import { parsePolicyDocument } from '../policy';
import type { CloudContext } from '../cloud/clients';
import { mapWithConcurrency } from '../cloud/concurrency';
import { ITEMS_IN_FLIGHT } from '../cloud/call-limits';
import { findFunction, listFunctions } from '../cloud/fc';
import { attachmentTagKey, isCreatedByUs, parseAttachmentMarks } from '../cloud/ownership';
import { findPolicy, listPolicyVersions } from '../cloud/ram-policy';
import { findSystemPolicy } from '../cloud/system-policies';
import { findRole, getAccountAlias, listPoliciesForRole } from '../cloud/ram-role';
import { listTags } from '../cloud/ram-tags';
import { listPolicyAttachments, rolePrincipalName, serviceLinkedRoleExists } from '../cloud/rm';

/** How many reads of one kind are started at once (the limiters of src/cloud/call-limits.ts bound the calls). */
export const READ_CONCURRENCY = ITEMS_IN_FLIGHT;

export interface ObserveOptions {
  /** Also read `functionsUsingRole` (every function of the declared regions whose role is this role). */
  forRemove?: boolean;
  /** With forRemove: regions to scan besides those of the declared functions (e.g. props.region). */
  regions?: readonly string[];
}

export async function observe(ctx: CloudContext, desired: DesiredState, opts: ObserveOptions = {}): Promise<ObservedState> {
  const [roleState, customPolicies, systemPolicies, functions, slr] = await Promise.all([
    observeRole(ctx, desired),
    observeCustomPolicies(ctx, declaredCustomNames(desired.policies)),
    observeSystemPolicies(ctx, desired.policies),
    observeFunctions(ctx, desired),
    desired.serviceLinkedRole ? serviceLinkedRoleExists(ctx) : Promise.resolve(undefined),
  ]);
  // Custom policies only our marks name (created by us, then dropped from s.yaml): remove deletes them, deploy keeps their marks.
  const declared = new Set(declaredCustomNames(desired.policies).map((n) => n.toLowerCase()));
  const markedOnly = (roleState?.markedCustomPolicies ?? []).filter((n) => !declared.has(n.toLowerCase()));
  if (markedOnly.length > 0) Object.assign(customPolicies, await observeCustomPolicies(ctx, markedOnly));
  const observed: ObservedState = {
    accountId: ctx.accountId,
    attachments: roleState?.attachments ?? [],
    customPolicies,
    systemPolicies,
    functions,
  };
  if (roleState) observed.role = roleState.role;
  if (roleState && roleState.staleMarks.length > 0) observed.ownershipMarksWithoutAttachment = roleState.staleMarks;
  if (slr !== undefined) observed.serviceLinkedRoleExists = slr;
  if (opts.forRemove) {
    observed.functionsUsingRole = roleState ? await observeFunctionsUsingRole(ctx, desired, roleState.role.arn, opts.regions ?? []) : [];
  }
  return observed;
}

interface RoleObservation {
  role: ObservedRole;
  attachments: ObservedAttachment[];
  staleMarks: NonNullable<ObservedState['ownershipMarksWithoutAttachment']>;
  /** Names of the custom policies our marks record (present or stale), de-duplicated ignoring case. */
  markedCustomPolicies: string[];
}

async function observeRole(ctx: CloudContext, desired: DesiredState): Promise<RoleObservation | undefined> {
  const ram = await findRole(ctx, desired.role.name);
  if (!ram) return undefined;
  const [tags, accountAttachments] = await Promise.all([listTags(ctx, 'role', ram.name), listPoliciesForRole(ctx, ram.name)]);
  const role: ObservedRole = {
    name: ram.name,
    arn: ram.arn,
    roleId: ram.roleId,
    description: ram.description,
    trustPolicy: parsePolicyDocument(ram.trustPolicyText, { kind: 'trust' }).document,
    maxSessionDuration: ram.maxSessionDuration,
    tags,
  };
  const marks = parseAttachmentMarks(tags);
  const found: Array<Omit<ObservedAttachment, 'attachedByUs'>> = accountAttachments.map((a) => ({
    type: a.policyType,
    name: a.policyName,
    scope: { kind: 'account' },
  }));
  const groups = resourceGroupsToRead(desired.policies, marks.map((m) => m.scope));
  if (groups.length > 0) {
    const principal = rolePrincipalName(ram.name, await getAccountAlias(ctx));
    const perGroup = await mapWithConcurrency(groups, READ_CONCURRENCY, (rg) => listPolicyAttachments(ctx, principal, rg));
    for (const list of perGroup) {
      for (const a of list) {
        found.push({ type: a.policyType, name: a.policyName, scope: { kind: 'resourceGroup', resourceGroupId: a.resourceGroupId } });
      }
    }
  }
  const attachments = found.map((a) => ({
    ...a,
    attachedByUs: attachmentTagKey({ policyType: a.type, policyName: a.name, scope: a.scope }) in tags,
  }));
  const presentKeys = new Set(attachments.map((a) => attachmentTagKey({ policyType: a.type, policyName: a.name, scope: a.scope })));
  // A mark whose value was cut at 128 characters no longer decodes to its key: it cannot be forgotten by name, so it is not reported.
  const staleMarks = marks
    .filter((m) => !presentKeys.has(m.tagKey) && attachmentTagKey(m) === m.tagKey)
    .map((m) => ({ policyType: m.policyType, policyName: m.policyName, scope: m.scope }));
  const markedCustomPolicies = [
    ...new Map(
      marks.filter((m) => m.policyType === 'Custom' && attachmentTagKey(m) === m.tagKey).map((m) => [m.policyName.toLowerCase(), m.policyName]),
    ).values(),
  ].sort();
  return { role, attachments, staleMarks, markedCustomPolicies };
}

/** Resource groups named in s.yaml plus those recorded in our marks, de-duplicated. */
export function resourceGroupsToRead(policies: readonly DesiredPolicy[], markedScopes: readonly Scope[]): string[] {
  const ids = new Set<string>();
  for (const scope of [...policies.map((p) => p.scope), ...markedScopes]) {
    if (scope.kind === 'resourceGroup') ids.add(scope.resourceGroupId);
  }
  return [...ids].sort();
}

function declaredCustomNames(policies: readonly DesiredPolicy[]): string[] {
  return [...new Set(policies.filter((p) => p.type === 'Custom').map((p) => p.name))];
}

async function observeCustomPolicies(ctx: CloudContext, names: readonly string[]): Promise<Record<string, ObservedCustomPolicy>> {
  const found = await mapWithConcurrency(names, READ_CONCURRENCY, async (name) => {
    const policy = await findPolicy(ctx, 'Custom', name);
    if (!policy) return undefined;
    const [versions, tags] = await Promise.all([listPolicyVersions(ctx, 'Custom', policy.name), listTags(ctx, 'policy', policy.name)]);
    const observed: ObservedCustomPolicy = {
      name: policy.name,
      defaultVersion: policy.defaultVersion,
      document: parsePolicyDocument(policy.documentText, { kind: 'permission' }).document,
      versions: versions.map((v) => ({ versionId: v.versionId, isDefault: v.isDefault, createDate: v.createDate })),
      description: policy.description,
      createdByUs: isCreatedByUs(tags),
    };
    return observed;
  });
  const out: Record<string, ObservedCustomPolicy> = {};
  names.forEach((name, i) => {
    const policy = found[i];
    if (policy) out[name] = policy;
  });
  return out;
}

async function observeSystemPolicies(ctx: CloudContext, policies: readonly DesiredPolicy[]): Promise<Record<string, string>> {
  const names = [...new Set(policies.filter((p) => p.type === 'System').map((p) => p.name.toLowerCase()))];
  const found = await mapWithConcurrency(names, READ_CONCURRENCY, (name) => findSystemPolicy(ctx, name));
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    const policy = found[i];
    if (policy) out[name] = policy.name;
  });
  return out;
}

async function observeFunctions(ctx: CloudContext, desired: DesiredState): Promise<ObservedFunction[]> {
  const found = await mapWithConcurrency(desired.functions, READ_CONCURRENCY, (f) => findFunction(ctx, f.region, f.name));
  return found.filter((f): f is NonNullable<typeof f> => f !== undefined).map((f) => ({ name: f.name, region: f.region, role: f.role }));
}

async function observeFunctionsUsingRole(
  ctx: CloudContext,
  desired: DesiredState,
  roleArn: string,
  extraRegions: readonly string[],
): Promise<ObservedFunction[]> {
  const regions = [...new Set([...desired.functions.map((f) => f.region), ...extraRegions])].sort();
  const perRegion = await mapWithConcurrency(regions, READ_CONCURRENCY, (region) => listFunctions(ctx, region));
  const arn = roleArn.toLowerCase();
  return perRegion
    .flat()
    .filter((f) => f.role !== '' && f.role.toLowerCase() === arn)
    .map((f) => ({ name: f.name, region: f.region, role: f.role }));
}
