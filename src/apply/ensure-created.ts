/**
 * CreateRole and CreatePolicy, safe to repeat. `EntityAlreadyExists.*` means another run of the same
 * s.yaml got there first, or our own earlier attempt took effect and its answer was lost (the transient
 * retry then meets the entity). Either way the entity is re-read (only it) and the run carries on when
 * it is what was wanted: created by fc3-role (its `fc3-role:created` tag) with the wanted content.
 */
import { Fc3RoleError } from '../errors';
import type { DesiredRole, PolicyDocument } from '../model';
import { parsePolicyDocument, policyDocumentsEqual } from '../policy';
import type { CloudContext } from '../cloud/clients';
import { hasCloudCode } from '../cloud/call';
import { isCreatedByUs } from '../cloud/ownership';
import { createPolicy } from '../cloud/ram-policy';
import { createRole, findRole, updateRole, type RamRole, type RoleUpdate } from '../cloud/ram-role';
import { listTags } from '../cloud/ram-tags';
import { ensurePolicyDocument } from './policy-version';

function appearedMeanwhile(what: string, action: string): Fc3RoleError {
  return new Fc3RoleError('Conflict', `${action} failed for ${what}: it was created meanwhile, and not by fc3-role (it has no fc3-role:created tag)`, {
    hint: 'Someone else created it between fc3-role\'s read and its write. Run deploy again: fc3-role then sees it as an existing one and treats it as such.',
  });
}

/** The fields of a role created by another run that differ from ours (that run deployed another s.yaml). */
function roleDifferences(found: RamRole, wanted: DesiredRole): RoleUpdate {
  const update: RoleUpdate = {};
  const trust = parsePolicyDocument(found.trustPolicyText, { kind: 'trust' }).document;
  if (!trust || !policyDocumentsEqual(trust, wanted.trustPolicy)) update.trustPolicy = wanted.trustPolicy;
  if (wanted.description !== undefined && found.description !== wanted.description) update.description = wanted.description;
  if (wanted.maxSessionDuration !== undefined && found.maxSessionDuration !== wanted.maxSessionDuration) update.maxSessionDuration = wanted.maxSessionDuration;
  return update;
}

/** CreateRole with the ownership tag; an fc3-role role of that name already there is taken as created (brought to `role`). */
export async function ensureRoleCreated(ctx: CloudContext, role: DesiredRole, tags: Record<string, string>): Promise<RamRole> {
  try {
    return await createRole(ctx, role, tags);
  } catch (e) {
    if (!hasCloudCode(e, ['EntityAlreadyExists.Role'])) throw e;
  }
  const found = await findRole(ctx, role.name);
  if (!found || !isCreatedByUs(await listTags(ctx, 'role', found.name))) throw appearedMeanwhile(`role ${role.name}`, 'CreateRole');
  const update = roleDifferences(found, role);
  return Object.keys(update).length > 0 ? { ...(await updateRole(ctx, found.name, update)), arn: found.arn } : found;
}

/** CreatePolicy with the ownership tag; an fc3-role policy of that name already there gets the wanted document (at most one new version). */
export async function ensurePolicyCreated(
  ctx: CloudContext,
  policy: { name: string; document: PolicyDocument; description?: string },
  tags: Record<string, string>,
): Promise<void> {
  try {
    await createPolicy(ctx, policy, tags);
    return;
  } catch (e) {
    if (!hasCloudCode(e, ['EntityAlreadyExists.Policy'])) throw e;
  }
  if (!isCreatedByUs(await listTags(ctx, 'policy', policy.name))) throw appearedMeanwhile(`custom policy ${policy.name}`, 'CreatePolicy');
  await ensurePolicyDocument(ctx, policy.name, policy.document);
}
