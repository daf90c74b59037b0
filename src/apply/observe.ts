/**
 * Observe: read everything planning needs from the cloud. Read-only: no call here writes.
 */
import type { DesiredPolicy, DesiredState, ObservedCustomPolicy, ObservedFunction, ObservedState } from '../model';
import { parsePolicyDocument } from '../policy';
import type { CloudContext } from '../cloud/clients';
import { mapWithConcurrency } from '../cloud/concurrency';
import { ITEMS_IN_FLIGHT } from '../cloud/call-limits';
import { findFunction, listFunctions } from '../cloud/fc';
import { isCreatedByUs } from '../cloud/ownership';
import { undefinedOn } from '../cloud/call';
import { findPolicy, listPolicyVersions, POLICY_NOT_FOUND } from '../cloud/ram-policy';
import { findSystemPolicy } from '../cloud/system-policies';
import { listTags } from '../cloud/ram-tags';
import { resourceGroupExists, serviceLinkedRoleExists } from '../cloud/rm';
import { FC3_REGIONS } from '../config/regions';
import { observeRole, resourceGroupsToRead, setRoleObservation } from './observe-role';

export { resourceGroupsToRead } from './observe-role';

/** How many reads of one kind are started at once (the limiters of src/cloud/call-limits.ts bound the calls). */
export const READ_CONCURRENCY = ITEMS_IN_FLIGHT;

export interface ObserveOptions {
  /**
   * For remove: read `functionsUsingRole` (every function of EVERY FC 3.0 region whose role is this
   * role) and every grant of the role; declared resource groups are not checked (remove only undoes).
   */
  forRemove?: boolean;
  /** Read every grant of the role, in all resource groups (info). Default: only when s.yaml or the marks name a group. */
  allGrants?: boolean;
}

export async function observe(ctx: CloudContext, desired: DesiredState, opts: ObserveOptions = {}): Promise<ObservedState> {
  const declaredGroups = opts.forRemove ? [] : resourceGroupsToRead(desired.policies, []);
  const [roleState, customPolicies, systemPolicies, functions, slr, missingDeclared] = await Promise.all([
    observeRole(ctx, desired.policies, desired.role.name, { allGrants: opts.forRemove === true || opts.allGrants === true }),
    observeCustomPolicies(ctx, declaredCustomNames(desired.policies)),
    observeSystemPolicies(ctx, desired.policies),
    observeFunctions(ctx, desired),
    desired.serviceLinkedRole ? serviceLinkedRoleExists(ctx) : Promise.resolve(undefined),
    findMissingResourceGroups(ctx, declaredGroups),
  ]);
  // Custom policies only our marks name (created by us, then dropped from s.yaml): remove deletes them, deploy keeps their marks.
  const declared = new Set(declaredCustomNames(desired.policies).map((n) => n.toLowerCase()));
  const markedOnly = (roleState?.markedCustomPolicies ?? []).filter((n) => !declared.has(n.toLowerCase()));
  if (markedOnly.length > 0) Object.assign(customPolicies, await observeCustomPolicies(ctx, markedOnly));
  const observed: ObservedState = { accountId: ctx.accountId, attachments: [], customPolicies, systemPolicies, functions };
  setRoleObservation(observed, roleState);
  if (slr !== undefined) observed.serviceLinkedRoleExists = slr;
  // Groups named only by marks whose attachment is gone: does the group itself still exist? (reported, never fatal)
  const markedGroups = resourceGroupsToRead([], (roleState?.staleMarks ?? []).map((m) => m.scope)).filter((g) => !declaredGroups.includes(g));
  const missing = [...missingDeclared, ...(await findMissingResourceGroups(ctx, markedGroups))].sort();
  if (missing.length > 0) observed.missingResourceGroups = missing;
  if (opts.forRemove && roleState) {
    const scan = await observeFunctionsUsingRole(ctx, roleState.role.arn);
    observed.functionsUsingRole = scan.functions;
    if (scan.unchecked.length > 0) observed.uncheckedRegions = scan.unchecked;
  } else if (opts.forRemove) {
    observed.functionsUsingRole = [];
  }
  return observed;
}

/** The ids among `ids` that Resource Manager does not know (GetResourceGroup, concurrently). */
async function findMissingResourceGroups(ctx: CloudContext, ids: readonly string[]): Promise<string[]> {
  const exists = await mapWithConcurrency(ids, READ_CONCURRENCY, (id) => resourceGroupExists(ctx, id));
  return ids.filter((_, i) => !exists[i]);
}

function declaredCustomNames(policies: readonly DesiredPolicy[]): string[] {
  return [...new Set(policies.filter((p) => p.type === 'Custom').map((p) => p.name))];
}

export async function observeCustomPolicies(ctx: CloudContext, names: readonly string[]): Promise<Record<string, ObservedCustomPolicy>> {
  const found = await mapWithConcurrency(names, READ_CONCURRENCY, async (name) => {
    const policy = await findPolicy(ctx, 'Custom', name);
    if (!policy) return undefined;
    const [versions, tags] = await Promise.all([
      // Deleted between the two reads (another run's remove): absent.
      listPolicyVersions(ctx, 'Custom', policy.name).catch(undefinedOn(POLICY_NOT_FOUND)),
      listTags(ctx, 'policy', policy.name),
    ]);
    if (!versions) return undefined;
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

/**
 * Every function of every FC 3.0 region whose role is `roleArn` (ListFunctions per region, concurrently).
 * A region that cannot be listed is returned in `unchecked` with the reason: remove then refuses to guess.
 */
async function observeFunctionsUsingRole(
  ctx: CloudContext,
  roleArn: string,
): Promise<{ functions: ObservedFunction[]; unchecked: NonNullable<ObservedState['uncheckedRegions']> }> {
  const perRegion = await mapWithConcurrency(FC3_REGIONS, READ_CONCURRENCY, async (region) => {
    try {
      return { region, functions: await listFunctions(ctx, region) };
    } catch (e) {
      return { region, error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
    }
  });
  const arn = roleArn.toLowerCase();
  const functions = perRegion
    .flatMap((r) => r.functions ?? [])
    .filter((f) => f.role !== '' && f.role.toLowerCase() === arn)
    .map((f) => ({ name: f.name, region: f.region, role: f.role }));
  const unchecked = perRegion.flatMap((r) => (r.error !== undefined ? [{ region: r.region, reason: r.error }] : []));
  return { functions, unchecked };
}
