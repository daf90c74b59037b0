/**
 * Apply: execute planned Changes through the cloud wrappers, in order. Consecutive function-role
 * changes run concurrently (bounded). Attachments are recorded as ownership marks on the role.
 * FC and Resource Manager may not see the role yet: their "not visible yet" answers are retried
 * inside a deadline (src/apply/readiness.ts).
 */
import { ITEMS_IN_FLIGHT } from '../cloud/call-limits';
import { Fc3RoleError, isFc3RoleError } from '../errors';
import type { Change, PolicyDocument } from '../model';
import { isAmbiguousFailure, type RetryInfo, type RetryTuning } from '../retry';
import type { CloudContext } from '../cloud/clients';
import { settleWithConcurrency } from '../cloud/concurrency';
import { functionBatchError } from './batch-error';
import { updateFunctionRole, type UpdateFunctionRoleOptions } from '../cloud/fc';
import { FUNCTION_RECORD_TAG_KEY } from '../cloud/function-record';
import { attachmentTag, attachmentTagKey, createdTag, type AttachmentRef } from '../cloud/ownership';
import { deletePolicy, updatePolicyDescription } from '../cloud/ram-policy';
import { attachPolicyToRole, deleteRole, detachPolicyFromRole, getAccountAlias, updateRole } from '../cloud/ram-role';
import { tagResource, untagResource } from '../cloud/ram-tags';
import { attachPolicyInResourceGroup, createServiceLinkedRole, detachPolicyInResourceGroup, rolePrincipalName } from '../cloud/rm';
import { ensurePolicyCreated, ensureRoleCreated } from './ensure-created';
import { ensurePolicyDocument } from './policy-version';
import { DEFAULT_PROPAGATION, roleNotUsableYet, trustsService } from './readiness';

export { DEFAULT_PROPAGATION } from './readiness';

export type ApplyPhase = 'start' | 'done' | 'retrying';

export interface ApplyOptions {
  /**
   * The role the changes are about (attach/detach/forget changes do not name it). Default: the name
   * in the first createRole/updateRole/deleteRole change.
   */
  roleName?: string;
  /**
   * The role's trust policy once this run is done (deploy passes the declared one). FC's 400
   * InvalidArgument to a role-only UpdateFunction is retried as "FC does not see the role yet" only
   * when it admits fc.aliyuncs.com. Default: the trust policy of a createRole/updateRole change, else
   * unknown (not retried).
   */
  roleTrustPolicy?: PolicyDocument;
  /** `info` comes with 'retrying': the failed attempt and the wait before the next one. */
  onProgress?: (change: Change, phase: ApplyPhase, info?: RetryInfo) => void;
  /** How long FC and Resource Manager may take to see the role (retries of their "not visible yet" answers). @default up to 60 s */
  propagation?: RetryTuning;
  /** Polling of FC lastUpdateStatus after UpdateFunction. */
  functionWait?: UpdateFunctionRoleOptions['wait'];
  /** How many functions are updated at once (the limiters of src/cloud/call-limits.ts bound the calls). @default ITEMS_IN_FLIGHT */
  functionConcurrency?: number;
}

type FunctionRoleChange = Extract<Change, { kind: 'setFunctionRole' }>;

/** What one apply run learns as it goes. */
interface RunState {
  roleName?: string;
  /** The ARN RAM returned for a role created in this run. */
  createdArn?: string;
  /** Whether FC accepted the role created in this run (a function's role was set to it). */
  createdSeenByFc: boolean;
  principalName?: string;
}

/** What callers need to know after apply, e.g. whether FC was seen to accept a new role before it is handed out. */
export interface ApplyResult {
  /** The ARN RAM returned, when this run created the role. */
  createdRoleArn?: string;
  /** True when FC accepted that role in this run (a declared function's role was set to it). */
  createdRoleSeenByFc: boolean;
}

export async function applyChanges(ctx: CloudContext, changes: Change[], opts: ApplyOptions = {}): Promise<ApplyResult> {
  const run: RunState = { roleName: opts.roleName ?? roleNameIn(changes), createdSeenByFc: false };
  const trust = opts.roleTrustPolicy ?? trustPolicyIn(changes);
  const settings: Settings = { ...opts, roleTrustsFc: trust !== undefined && trustsService(trust), propagation: opts.propagation ?? DEFAULT_PROPAGATION };
  for (let i = 0; i < changes.length; ) {
    const first = changes[i];
    if (first.kind === 'setFunctionRole') {
      const batch: FunctionRoleChange[] = [];
      for (const c of changes.slice(i)) {
        if (c.kind !== 'setFunctionRole') break;
        batch.push(c);
      }
      i += batch.length;
      const settled = await settleWithConcurrency(batch, opts.functionConcurrency ?? ITEMS_IN_FLIGHT, (c) => runOne(ctx, c, run, settings));
      if (settled.failed.length > 0) throw functionBatchError(settled);
    } else {
      await runOne(ctx, first, run, settings);
      i++;
    }
  }
  return { createdRoleArn: run.createdArn, createdRoleSeenByFc: run.createdSeenByFc };
}

type Settings = ApplyOptions & { roleTrustsFc: boolean; propagation: RetryTuning };

async function runOne(ctx: CloudContext, change: Change, run: RunState, settings: Settings): Promise<void> {
  const progress = settings.onProgress;
  const changeCtx: CloudContext = progress
    ? {
        ...ctx,
        onRetry: (info) => {
          ctx.onRetry?.(info);
          progress(change, 'retrying', info);
        },
      }
    : ctx;
  progress?.(change, 'start');
  await execute(changeCtx, change, run, settings);
  progress?.(change, 'done');
}

/** The trust policy a createRole or updateRole change gives the role. */
function trustPolicyIn(changes: readonly Change[]): PolicyDocument | undefined {
  for (const c of changes) {
    if (c.kind === 'createRole') return c.role.trustPolicy;
    if (c.kind === 'updateRole' && c.trustPolicy) return c.trustPolicy;
  }
  return undefined;
}

function roleNameIn(changes: readonly Change[]): string | undefined {
  for (const c of changes) {
    if (c.kind === 'createRole') return c.role.name;
    if (c.kind === 'updateRole' || c.kind === 'deleteRole') return c.roleName;
  }
  return undefined;
}

function requireRoleName(run: RunState, change: Change): string {
  if (run.roleName) return run.roleName;
  throw new Fc3RoleError('InvalidArgument', `Applying ${change.kind} failed: no role name (pass ApplyOptions.roleName)`);
}

async function principalOf(ctx: CloudContext, run: RunState, roleName: string): Promise<string> {
  run.principalName ??= rolePrincipalName(roleName, await getAccountAlias(ctx));
  return run.principalName;
}

async function attach(ctx: CloudContext, run: RunState, settings: Settings, roleName: string, ref: AttachmentRef): Promise<void> {
  if (ref.scope.kind === 'account') {
    await attachPolicyToRole(ctx, roleName, { policyType: ref.policyType, policyName: ref.policyName });
    return;
  }
  const att = { policyType: ref.policyType, policyName: ref.policyName, resourceGroupId: ref.scope.resourceGroupId };
  // RAM has the role (created in this run, or read from RAM): EntityNotExist.Role means RM does not see it yet.
  await attachPolicyInResourceGroup(ctx, await principalOf(ctx, run, roleName), att, { retryWhileRoleInvisible: true, propagation: settings.propagation }).catch(
    (e: unknown) => {
      throw isFc3RoleError(e) && e.cloudCode !== undefined && /^EntityNotExists?\.Role$/.test(e.cloudCode)
        ? roleNotUsableYet(e, 'Resource Manager', roleName, settings.propagation)
        : e;
    },
  );
}

function refOf(change: { policyType: 'System' | 'Custom'; policyName: string; scope: AttachmentRef['scope'] }): AttachmentRef {
  return { policyType: change.policyType, policyName: change.policyName, scope: change.scope };
}

async function execute(ctx: CloudContext, change: Change, run: RunState, settings: Settings): Promise<void> {
  switch (change.kind) {
    case 'createRole': {
      const role = await ensureRoleCreated(ctx, change.role, createdTag());
      run.roleName = role.name;
      run.createdArn = role.arn;
      return;
    }
    case 'updateRole': {
      const { trustPolicy, description, maxSessionDuration } = change;
      await updateRole(ctx, change.roleName, { trustPolicy, description, maxSessionDuration });
      return;
    }
    case 'createPolicy':
      await ensurePolicyCreated(ctx, { name: change.name, document: change.document, description: change.description }, createdTag());
      return;
    case 'createPolicyVersion':
      await ensurePolicyDocument(ctx, change.name, change.document);
      return;
    case 'updatePolicyDescription':
      await updatePolicyDescription(ctx, change.name, change.description);
      return;
    case 'attachPolicy': {
      const roleName = requireRoleName(run, change);
      const ref = refOf(change);
      // Choice: the ownership mark is written just before the attachment and withdrawn when the attach is refused, so a mark stands for an attachment that happened; only a process killed between the two calls (or an attach whose answer is unknown) leaves a mark without its attachment, which the next run completes or drops. The other order could leave an attachment fc3-role made without its mark: taken for someone else's, it would block `s remove`.
      await tagResource(ctx, 'role', roleName, attachmentTag(ref));
      try {
        await attach(ctx, run, settings, roleName, ref);
      } catch (e) {
        // The refusal is what the user needs to see; a mark left behind by a failed withdrawal is dropped by the next run.
        if (!isAmbiguousFailure(e)) await untagResource(ctx, 'role', roleName, [attachmentTagKey(ref)]).catch(() => undefined);
        throw e;
      }
      return;
    }
    case 'detachPolicy': {
      const roleName = requireRoleName(run, change);
      const ref = refOf(change);
      if (ref.scope.kind === 'account') {
        await detachPolicyFromRole(ctx, roleName, { policyType: ref.policyType, policyName: ref.policyName });
      } else {
        const att = { policyType: ref.policyType, policyName: ref.policyName, resourceGroupId: ref.scope.resourceGroupId };
        await detachPolicyInResourceGroup(ctx, await principalOf(ctx, run, roleName), att);
      }
      if (!change.keepMark) await untagResource(ctx, 'role', roleName, [attachmentTagKey(ref)]);
      return;
    }
    case 'forgetAttachment':
      await untagResource(ctx, 'role', requireRoleName(run, change), [attachmentTagKey(refOf(change))]);
      return;
    case 'setFunctionRole': {
      // Choice: when the plan's target ARN equals (case-insensitively) the ARN of the role created in this run, the ARN RAM returned is sent.
      const created = run.createdArn !== undefined && change.to.toLowerCase() === run.createdArn.toLowerCase();
      const to = created && run.createdArn ? run.createdArn : change.to;
      // The role is ours and RAM has it: trusting FC, a 400 InvalidArgument means FC does not see it yet.
      const waiting = to !== '' && settings.roleTrustsFc;
      await updateFunctionRole(ctx, change.region, change.functionName, to, {
        retryWhileRoleInvisible: waiting,
        propagation: settings.propagation,
        wait: settings.functionWait,
      }).catch((e: unknown) => {
        throw waiting && isFc3RoleError(e) && e.cloudCode === 'InvalidArgument'
          ? roleNotUsableYet(e, 'Function Compute', run.roleName ?? to, settings.propagation)
          : e;
      });
      if (created) run.createdSeenByFc = true;
      return;
    }
    case 'recordFunctions': {
      const roleName = requireRoleName(run, change);
      if (change.value === undefined) await untagResource(ctx, 'role', roleName, [FUNCTION_RECORD_TAG_KEY]);
      else await tagResource(ctx, 'role', roleName, { [FUNCTION_RECORD_TAG_KEY]: change.value });
      return;
    }
    case 'createServiceLinkedRole':
      await createServiceLinkedRole(ctx);
      return;
    case 'deletePolicy':
      await deletePolicy(ctx, change.name);
      return;
    case 'deleteRole':
      await deleteRole(ctx, change.roleName);
      return;
  }
}
