/**
 * A custom policy's new default document, safe against lost answers and concurrent runs: exactly one
 * new version per real change, and at most the one rotation that change needs.
 *
 * - The default document is re-read (ListPolicyVersions: documents and the default flag) before every
 *   attempt; when it already is the wanted one, nothing is created.
 * - CreatePolicyVersion is sent with RotateStrategy None and never repeated blindly: after a failure
 *   whose effect is unknown (no answer, 5xx) or LimitExceeded.Policy.Version, the loop re-reads.
 * - At 5 versions the oldest non-default version is deleted explicitly (the same one for every run
 *   reading the same list; deleting it twice is done), then the loop re-reads.
 * - Concurrent runs that each created the same document below the limit leave several new versions:
 *   every run that created one keeps the lowest-numbered of them (created after its first read) as the
 *   default and deletes the others, so they all converge on one.
 */
import { Fc3RoleError } from '../errors';
import type { PolicyDocument } from '../model';
import { parsePolicyDocument, policyDocumentsEqual } from '../policy';
import { MAX_POLICY_VERSIONS, oldestNonDefaultVersion } from '../plan';
import { isAmbiguousFailure } from '../retry';
import type { CloudContext } from '../cloud/clients';
import { hasCloudCode } from '../cloud/call';
import { createPolicyVersion, deletePolicyVersion, listPolicyVersions, setDefaultPolicyVersion, type RamPolicyVersion } from '../cloud/ram-policy';

// Choice: the re-read/create loop gives up after 8 rounds (each a read plus at most one write): more means other runs keep changing the policy.
const MAX_ROUNDS = 8;

function versionNumber(versionId: string): number {
  return Number(/\d+/.exec(versionId)?.[0] ?? 0);
}

function holds(version: RamPolicyVersion, wanted: PolicyDocument): boolean {
  const parsed = parsePolicyDocument(version.documentText, { kind: 'permission' }).document;
  return parsed !== undefined && policyDocumentsEqual(parsed, wanted);
}

/** Several new versions (numbered above `baseline`) with the wanted document, made by concurrent runs: keep the lowest-numbered one as the default and delete the rest. */
export async function keepOneNewVersion(ctx: CloudContext, name: string, versions: RamPolicyVersion[], wanted: PolicyDocument, baseline: number): Promise<void> {
  const fresh = versions.filter((v) => versionNumber(v.versionId) > baseline && holds(v, wanted)).sort((a, b) => versionNumber(a.versionId) - versionNumber(b.versionId));
  if (fresh.length < 2) return;
  const [keeper, ...extra] = fresh;
  if (!keeper.isDefault) await setDefaultPolicyVersion(ctx, name, keeper.versionId);
  for (const v of extra) {
    try {
      await deletePolicyVersion(ctx, name, v.versionId);
    } catch (e) {
      // Another run made it the default again meanwhile: that run deletes it after setting the keeper back.
      if (!hasCloudCode(e, ['DeleteConflict.Policy.Version.Default'])) throw e;
    }
  }
}

export interface PolicyDocumentResult {
  /** Whether this run sent a CreatePolicyVersion that may have taken effect. */
  created: boolean;
  /** The version this run deleted to make room, if any. */
  rotatedOut?: string;
}

/** Makes `wanted` the default document of custom policy `name` (see the module comment). */
export async function ensurePolicyDocument(ctx: CloudContext, name: string, wanted: PolicyDocument): Promise<PolicyDocumentResult> {
  let baseline: number | undefined;
  const result: PolicyDocumentResult = { created: false };
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const versions = await listPolicyVersions(ctx, 'Custom', name);
    baseline ??= Math.max(0, ...versions.map((v) => versionNumber(v.versionId)));
    const current = versions.find((v) => v.isDefault);
    if (current && holds(current, wanted)) {
      if (result.created) await keepOneNewVersion(ctx, name, versions, wanted, baseline);
      return result;
    }
    if (versions.length >= MAX_POLICY_VERSIONS) {
      const oldest = oldestNonDefaultVersion(versions);
      if (oldest === undefined) break;
      await deletePolicyVersion(ctx, name, oldest);
      result.rotatedOut ??= oldest;
      continue;
    }
    try {
      result.created = true;
      await createPolicyVersion(ctx, name, wanted);
    } catch (e) {
      if (!isAmbiguousFailure(e) && !hasCloudCode(e, ['LimitExceeded.Policy.Version'])) throw e;
    }
  }
  throw new Fc3RoleError('Conflict', `CreatePolicyVersion failed for custom policy ${name}: its default document did not settle after ${MAX_ROUNDS} rounds of re-reading`, {
    hint: 'Another run (or a person) keeps changing this policy at the same time. Run deploy again when it has finished.',
  });
}
