/**
 * Apply: execute planned Changes through the cloud wrappers, in order. Consecutive function-role
 * changes run concurrently (bounded). Attachments are recorded as ownership marks on the role.
 */
import { Fc3RoleError } from '../errors';
import type { Change } from '../model';
import { FC_ROLE_RETRY, isAmbiguousFailure, type RetryInfo, type RetryTuning } from '../retry';
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
import { DEFAULT_PROPAGATION, waitUntilRoleUsable } from './propagation';

export { DEFAULT_PROPAGATION } from './propagation';

export type ApplyPhase = 'start' | 'done' | 'retrying';

export interface ApplyOptions {
  /**
   * The role the changes are about (attach/detach/forget changes do not name it). Default: the name
   * in the first createRole/updateRole/deleteRole change.
   */
  roleName?: string;
  /** Retry "role not visible yet" answers on the first writes that use the role. Default: a createRole is among the changes. */
  roleCreatedThisRun?: boolean;
  onProgress?: (change: Change, phase: ApplyPhase) => void;
  /** How long to wait for a just-created role to become visible (STS probe, RM attach). @default up to 60 s */
  propagation?: RetryTuning;
  /** FC UpdateFunction's InvalidArgument retries for a role created in this run (after the wait). @default FC_ROLE_RETRY */
  functionRoleRetry?: RetryTuning;
  /** Polling of FC lastUpdateStatus after UpdateFunction. */
  functionWait?: UpdateFunctionRoleOptions['wait'];
  /** How many functions are updated at once. @default 8 */
  functionConcurrency?: number;
}

type FunctionRoleChange = Extract<Change, { kind: 'setFunctionRole' }>;

/** What one apply run learns as it goes. */
interface RunState {
  roleName?: string;
  /** The ARN RAM returned for a role created in this run. */
  createdArn?: string;
  /** Whether the role created in this run was seen usable (STS probe) before FC was given it. */
  createdUsable: boolean;
  principalName?: string;
}

/** What callers need to know after apply, e.g. whether a new role still has to be waited for before it is handed out. */
export interface ApplyResult {
  /** The ARN RAM returned, when this run created the role. */
  createdRoleArn?: string;
  /** True when that role was already seen usable during apply (then no further wait is needed). */
  createdRoleUsable: boolean;
}

export async function applyChanges(ctx: CloudContext, changes: Change[], opts: ApplyOptions = {}): Promise<ApplyResult> {
  const run: RunState = { roleName: opts.roleName ?? roleNameIn(changes), createdUsable: false };
  const created = opts.roleCreatedThisRun ?? changes.some((c) => c.kind === 'createRole');
  const settings = { ...opts, roleCreatedThisRun: created, propagation: opts.propagation ?? DEFAULT_PROPAGATION };
  for (let i = 0; i < changes.length; ) {
    const first = changes[i];
    if (first.kind === 'setFunctionRole') {
      const batch: FunctionRoleChange[] = [];
      for (const c of changes.slice(i)) {
        if (c.kind !== 'setFunctionRole') break;
        batch.push(c);
      }
      i += batch.length;
      await ensureCreatedRoleUsable(ctx, run, settings, (info) => notifyWait(ctx, settings, first, info));
      const settled = await settleWithConcurrency(batch, opts.functionConcurrency ?? 8, (c) => runOne(ctx, c, run, settings));
      if (settled.failed.length > 0) throw functionBatchError(settled);
    } else {
      await runOne(ctx, first, run, settings);
      i++;
    }
  }
  return { createdRoleArn: run.createdArn, createdRoleUsable: run.createdUsable };
}

/** Before FC gets a role created in this run: wait (bounded) until STS sees it, once per run. */
async function ensureCreatedRoleUsable(ctx: CloudContext, run: RunState, settings: Settings, onWait: (info: RetryInfo) => void): Promise<void> {
  if (!run.createdArn || run.createdUsable) return;
  await waitUntilRoleUsable(ctx, run.createdArn, { tuning: settings.propagation, onWait });
  run.createdUsable = true;
}

/** Progress of the wait: as a retry of the change about to run, else through the context's retry callback. */
function notifyWait(ctx: CloudContext, settings: Settings, change: Change, info: RetryInfo): void {
  if (settings.onProgress) settings.onProgress(change, 'retrying');
  else ctx.onRetry?.({ ...info, action: 'AssumeRole (probe)', resource: `role ${settings.roleName ?? ''}`.trim() });
}

type Settings = ApplyOptions & { roleCreatedThisRun: boolean; propagation: RetryTuning };

async function runOne(ctx: CloudContext, change: Change, run: RunState, settings: Settings): Promise<void> {
  const progress = settings.onProgress;
  const changeCtx: CloudContext = progress
    ? {
        ...ctx,
        onRetry: (info) => {
          ctx.onRetry?.(info);
          progress(change, 'retrying');
        },
      }
    : ctx;
  progress?.(change, 'start');
  await execute(changeCtx, change, run, settings);
  progress?.(change, 'done');
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
  await attachPolicyInResourceGroup(
    ctx,
    await principalOf(ctx, run, roleName),
    { policyType: ref.policyType, policyName: ref.policyName, resourceGroupId: ref.scope.resourceGroupId },
    { roleCreatedThisRun: settings.roleCreatedThisRun, propagation: settings.propagation },
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
      const to = run.createdArn && change.to.toLowerCase() === run.createdArn.toLowerCase() ? run.createdArn : change.to;
      await updateFunctionRole(ctx, change.region, change.functionName, to, {
        roleCreatedThisRun: settings.roleCreatedThisRun,
        propagation: settings.functionRoleRetry ?? FC_ROLE_RETRY,
        wait: settings.functionWait,
      });
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
