import { applyChanges } from '../../src/apply/apply';
import { observe } from '../../src/apply/observe';
import { attachmentTag, attachmentTagKey } from '../../src/cloud/ownership';
import { tagResource } from '../../src/cloud/ram-tags';
import { isFc3RoleError } from '../../src/errors';
import type { Change, DesiredState } from '../../src/model';
import { useEmulator } from '../helpers/emulator';
import { createFunction, desiredState, OSS_WRITER, resourceGroupId, testContext, userContext } from './cloud-fixtures';
import { endPropagationAfterRefusal } from '../helpers/propagation';

const emu = useEmulator({ accounts: [{ users: [{ name: 'nobody' }] }] });

/** What a planner would emit for `desired` on an empty account (written by hand, independent of src/plan). */
function createEverything(desired: DesiredState, accountId: string): Change[] {
  const changes: Change[] = [{ kind: 'createRole', role: desired.role }];
  for (const p of desired.policies) {
    if (p.document) changes.push({ kind: 'createPolicy', name: p.name, document: p.document, description: p.description ?? '' });
  }
  for (const p of desired.policies) changes.push({ kind: 'attachPolicy', policyType: p.type, policyName: p.name, scope: p.scope });
  for (const f of desired.functions) {
    changes.push({ kind: 'setFunctionRole', functionName: f.name, region: f.region, from: '', to: `acs:ram::${accountId}:role/${desired.role.name}` });
  }
  return changes;
}

function fullDesired(): DesiredState {
  return desiredState({
    policies: [
      { type: 'System', name: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
      { type: 'System', name: 'AliyunLogReadOnlyAccess', scope: { kind: 'resourceGroup', resourceGroupId: resourceGroupId(emu.current) } },
      { type: 'Custom', name: 'my-oss-writer', scope: { kind: 'account' }, document: OSS_WRITER, description: 'writes' },
    ],
    functions: [
      { name: 'fn-a', region: 'cn-hangzhou' },
      { name: 'fn-b', region: 'cn-shanghai' },
    ],
  });
}

async function createFunctions(desired: DesiredState): Promise<void> {
  for (const f of desired.functions) await createFunction(emu.current, f.name, f.region);
}

describe('applyChanges', () => {
  test('creates the role, policies and attachments, sets function roles; observing again matches the desired state', async () => {
    const ctx = testContext(emu.current);
    const desired = fullDesired();
    await createFunctions(desired);
    const phases: string[] = [];

    await applyChanges(ctx, createEverything(desired, ctx.accountId), { onProgress: (c, phase) => phases.push(`${c.kind}:${phase}`) });

    const observed = await observe(ctx, desired);
    const role = observed.role;
    expect(role).toMatchObject({ name: 'fc-oss-writer', description: desired.role.description, trustPolicy: desired.role.trustPolicy });
    expect(role?.arn).toBe(`acs:ram::${ctx.accountId}:role/fc-oss-writer`);
    expect(observed.attachments).toHaveLength(3);
    expect(observed.attachments.every((a) => a.attachedByUs)).toBe(true);
    expect(observed.customPolicies['my-oss-writer']).toMatchObject({ document: OSS_WRITER, createdByUs: true, description: 'writes' });
    expect(observed.functions.map((f) => f.role)).toEqual([role?.arn, role?.arn]);
    expect(observed.ownershipMarksWithoutAttachment).toBeUndefined();
    expect(phases).toContain('createRole:start');
    expect(phases.filter((p) => p.endsWith(':done'))).toHaveLength(7);
  });

  test('leaves ownership marks: created tags on role and policy, one attachment tag per attachment', async () => {
    const ctx = testContext(emu.current);
    const desired = fullDesired();
    await createFunctions(desired);
    await applyChanges(ctx, createEverything(desired, ctx.accountId));
    const observed = await observe(ctx, desired);
    const tags = observed.role?.tags ?? {};
    expect(tags['fc3-role:created']).toBe('true');
    for (const p of desired.policies) {
      const key = attachmentTagKey({ policyType: p.type, policyName: p.name, scope: p.scope });
      expect(key).toMatch(/^fc3-role:att:[0-9a-f]{8}$/);
      expect(tags[key]).toBe(`${p.type}:${p.name}@${p.scope.kind === 'account' ? 'account' : p.scope.resourceGroupId}`);
    }
    // UpdateFunction sent only the role: nothing else of the function changed.
    expect(emu.current.requests.count({ action: 'UpdateFunction', failed: false })).toBe(2);
  });

  test('detach, forget and delete undo it all, touching only what is ours', async () => {
    const ctx = testContext(emu.current);
    const desired = fullDesired();
    await createFunctions(desired);
    await applyChanges(ctx, createEverything(desired, ctx.accountId));
    const teardown: Change[] = [
      ...desired.functions.map((f): Change => ({ kind: 'setFunctionRole', functionName: f.name, region: f.region, from: 'x', to: '' })),
      ...desired.policies.map((p): Change => ({ kind: 'detachPolicy', policyType: p.type, policyName: p.name, scope: p.scope })),
      { kind: 'forgetAttachment', policyType: 'System', policyName: 'Gone', scope: { kind: 'account' } },
      { kind: 'deletePolicy', name: 'my-oss-writer' },
      { kind: 'deleteRole', roleName: 'fc-oss-writer' },
    ];
    await applyChanges(ctx, teardown);
    const observed = await observe(ctx, desired);
    expect(observed.role).toBeUndefined();
    expect(observed.customPolicies).toEqual({});
    expect(observed.functions.map((f) => f.role)).toEqual(['', '']);
  });

  test('a new policy version rotates out the oldest when five exist', async () => {
    const ctx = testContext(emu.current);
    await applyChanges(ctx, [{ kind: 'createPolicy', name: 'my-oss-writer', document: OSS_WRITER, description: '' }]);
    for (let i = 2; i <= 6; i++) {
      const document = { ...OSS_WRITER, Statement: [{ ...OSS_WRITER.Statement[0], Resource: [`acs:oss:*:*:bucket-${i}/*`] }] };
      await applyChanges(ctx, [{ kind: 'createPolicyVersion', name: 'my-oss-writer', document, ...(i === 6 ? { rotatesOut: 'v1' } : {}) }]);
    }
    const observed = await observe(ctx, desiredState({ policies: [{ type: 'Custom', name: 'my-oss-writer', scope: { kind: 'account' } }] }));
    const policy = observed.customPolicies['my-oss-writer'];
    expect(policy.defaultVersion).toBe('v6');
    expect(policy.versions.map((v) => v.versionId).sort()).toEqual(['v2', 'v3', 'v4', 'v5', 'v6']);
    expect(policy.document?.Statement[0].Resource).toEqual(['acs:oss:*:*:bucket-6/*']);
  });

  test('retries a throttled call and succeeds', async () => {
    const ctx = testContext(emu.current);
    emu.current.faults.add({ product: 'ram', action: 'CreateRole', error: 'Throttling', times: 2 });
    await applyChanges(ctx, [{ kind: 'createRole', role: desiredState().role }]);
    expect(emu.current.requests.count({ action: 'CreateRole', failed: true })).toBe(2);
    expect(emu.current.requests.count({ action: 'CreateRole', failed: false })).toBe(1);
  });

  test('retries a dropped connection on a read', async () => {
    const ctx = testContext(emu.current);
    emu.current.faults.add({ product: 'ram', action: 'GetRole', error: 'drop', times: 1 });
    const observed = await observe(ctx, desiredState());
    expect(observed.role).toBeUndefined();
    expect(emu.current.requests.count({ action: 'GetRole' })).toBe(2);
  });

  const FAST_PROPAGATION = { attempts: 1000, baseDelayMs: 20, maxDelayMs: 50, deadlineMs: 50_000 };

  test('waits (with progress) until Resource Manager sees a role created in this run', async () => {
    const ctx = testContext(emu.current);
    const rg = resourceGroupId(emu.current);
    const desired = desiredState({
      policies: [{ type: 'System', name: 'AliyunLogReadOnlyAccess', scope: { kind: 'resourceGroup', resourceGroupId: rg } }],
    });
    const propagation = endPropagationAfterRefusal(emu.current, { product: 'rm', action: 'AttachPolicy' });
    const retried: string[] = [];
    await applyChanges(ctx, createEverything(desired, ctx.accountId), {
      propagation: FAST_PROPAGATION,
      onProgress: (c, phase, info) => phase === 'retrying' && retried.push(`${c.kind}:${String((info?.error as { code?: string })?.code)}`),
    });
    await propagation.done;
    expect(emu.current.requests.count({ action: 'AttachPolicy', failed: true, status: 404 })).toBeGreaterThan(0);
    expect(emu.current.requests.count({ action: 'AttachPolicy', failed: false })).toBe(1);
    expect(retried).toContain('attachPolicy:EntityNotExist.Role');
  });

  test('waits (with progress) until FC sees a role created in this run; no STS call', async () => {
    const ctx = testContext(emu.current);
    const desired = desiredState({ functions: [{ name: 'fn-a', region: 'cn-hangzhou' }] });
    await createFunctions(desired);
    const propagation = endPropagationAfterRefusal(emu.current, { product: 'fc', action: 'UpdateFunction' });
    const retried: string[] = [];
    const result = await applyChanges(ctx, createEverything(desired, ctx.accountId), {
      propagation: FAST_PROPAGATION,
      onProgress: (c, phase) => phase === 'retrying' && retried.push(c.kind),
    });
    await propagation.done;
    expect(result).toEqual({ createdRoleArn: `acs:ram::${ctx.accountId}:role/fc-oss-writer`, createdRoleSeenByFc: true });
    expect(emu.current.requests.count({ action: 'UpdateFunction', failed: true, status: 400 })).toBeGreaterThan(0);
    expect(emu.current.requests.count({ action: 'UpdateFunction', failed: false })).toBe(1);
    expect(emu.current.requests.count({ product: 'sts' })).toBe(0);
    expect(retried).toContain('setFunctionRole');
    const observed = await observe(ctx, desired);
    expect(observed.functions[0].role).toBe(observed.role?.arn);
  });

  test('a role RAM already has (an interrupted run made it) but RM and FC do not see yet is waited for too', async () => {
    const ctx = testContext(emu.current);
    const rg = resourceGroupId(emu.current);
    await createFunction(emu.current, 'fn-a');
    // The earlier run created the role, then stopped; this run finds it in RAM and goes on.
    await applyChanges(ctx, [{ kind: 'createRole', role: desiredState().role }]);
    const arn = `acs:ram::${ctx.accountId}:role/fc-oss-writer`;
    const rerun = (change: Change) => applyChanges(ctx, [change], { roleName: 'fc-oss-writer', roleTrustPolicy: desiredState().role.trustPolicy, propagation: FAST_PROPAGATION });

    const rm = endPropagationAfterRefusal(emu.current, { product: 'rm', action: 'AttachPolicy' });
    await rerun({ kind: 'attachPolicy', policyType: 'System', policyName: 'AliyunLogReadOnlyAccess', scope: { kind: 'resourceGroup', resourceGroupId: rg } });
    await rm.done;
    const fc = endPropagationAfterRefusal(emu.current, { product: 'fc', action: 'UpdateFunction' });
    await rerun({ kind: 'setFunctionRole', functionName: 'fn-a', region: 'cn-hangzhou', from: '', to: arn });
    await fc.done;
    expect(emu.current.requests.count({ action: 'AttachPolicy', failed: true })).toBeGreaterThan(0);
    expect(emu.current.requests.count({ action: 'AttachPolicy', failed: false })).toBe(1);
    expect(emu.current.requests.count({ action: 'UpdateFunction', failed: true })).toBeGreaterThan(0);
    expect(emu.current.requests.count({ action: 'UpdateFunction', failed: false })).toBe(1);
  });

  test('gives up at the deadline with RoleNotUsableYet, saying RAM has the role and to run again', async () => {
    const ctx = testContext(emu.current);
    const desired = desiredState({ functions: [{ name: 'fn-a', region: 'cn-hangzhou' }] });
    await createFunctions(desired);
    emu.current.faults.setPropagationDelay(24 * 3600_000);
    const e = await applyChanges(ctx, createEverything(desired, ctx.accountId), {
      propagation: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10, deadlineMs: 1000 },
    }).catch((err: unknown) => err);
    expect(isFc3RoleError(e, 'RoleNotUsableYet')).toBe(true);
    expect((e as Error).message).toMatch(/^UpdateFunction failed for function fn-a \(cn-hangzhou\): .*\(Function Compute still does not see role fc-oss-writer after about 1 s\)/);
    expect((e as Error).message).toMatch(/Run the command again in a moment/);
    expect(emu.current.requests.count({ action: 'UpdateFunction' })).toBe(2);
  });

  test('detaching removes the mark; forgetting removes a stale mark; others\' tags stay', async () => {
    const ctx = testContext(emu.current);
    const att = { policyType: 'System' as const, policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' as const } };
    const stale = { policyType: 'Custom' as const, policyName: 'gone-policy', scope: { kind: 'account' as const } };
    await applyChanges(ctx, [
      { kind: 'createRole', role: desiredState().role },
      { kind: 'attachPolicy', ...att },
      { kind: 'attachPolicy', policyType: 'System', policyName: 'AliyunLogReadOnlyAccess', scope: { kind: 'account' } },
    ]);
    await tagResource(ctx, 'role', 'fc-oss-writer', { ...attachmentTag(stale), team: 'data' });
    await applyChanges(ctx, [{ kind: 'detachPolicy', ...att }, { kind: 'forgetAttachment', ...stale }], { roleName: 'fc-oss-writer' });
    const observed = await observe(ctx, desiredState());
    const tags = observed.role?.tags ?? {};
    expect(tags[attachmentTagKey(att)]).toBeUndefined();
    expect(tags[attachmentTagKey(stale)]).toBeUndefined();
    expect(tags.team).toBe('data');
    expect(observed.attachments).toEqual([{ type: 'System', name: 'AliyunLogReadOnlyAccess', scope: { kind: 'account' }, attachedByUs: true }]);
  });

  test('does not retry FC InvalidArgument for a role whose trust policy does not admit FC', async () => {
    const ctx = testContext(emu.current);
    await createFunction(emu.current, 'fn-a');
    const untrusted = { ...desiredState().role, trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow' as const, Action: ['sts:AssumeRole'], Principal: { Service: ['ecs.aliyuncs.com'] } }] } };
    await applyChanges(ctx, [{ kind: 'createRole', role: untrusted }]);
    const arn = `acs:ram::${ctx.accountId}:role/fc-oss-writer`;
    const e = await applyChanges(ctx, [{ kind: 'setFunctionRole', functionName: 'fn-a', region: 'cn-hangzhou', from: '', to: arn }], {
      roleTrustPolicy: untrusted.trustPolicy,
    }).catch((err: unknown) => err);
    expect(isFc3RoleError(e, 'InvalidArgument')).toBe(true);
    expect(emu.current.requests.count({ action: 'UpdateFunction' })).toBe(1);
  });

  test('PermissionDenied for a RAM user without rights names the action and the resource', async () => {
    const ctx = userContext(emu.current, 'nobody');
    const e = await applyChanges(ctx, [{ kind: 'createRole', role: desiredState().role }]).catch((err: unknown) => err);
    expect(isFc3RoleError(e, 'PermissionDenied')).toBe(true);
    const message = (e as Error).message;
    expect(message).toContain('CreateRole failed for role fc-oss-writer');
    expect(message).toContain('ram:CreateRole');
    expect(message).toContain('"ram:AttachPolicyToRole"');
    expect(emu.current.requests.count({ action: 'CreateRole' })).toBe(1);
  });

  test('a batch of function roles stops starting new updates at the first failure and says what was and was not done', async () => {
    const ctx = testContext(emu.current);
    await applyChanges(ctx, [{ kind: 'createRole', role: desiredState().role }]);
    const arn = `acs:ram::${ctx.accountId}:role/fc-oss-writer`;
    const names = ['fn-0', 'fn-1', 'fn-2', 'fn-3', 'fn-4'];
    // fn-1 does not exist (deleted since the plan was made): UpdateFunction answers FunctionNotFound.
    for (const name of names.filter((n) => n !== 'fn-1')) await createFunction(emu.current, name);
    const changes = names.map((name): Change => ({ kind: 'setFunctionRole', functionName: name, region: 'cn-hangzhou', from: '', to: arn }));
    emu.current.requests.clear();
    const e = await applyChanges(ctx, changes, { functionConcurrency: 1 }).catch((err: unknown) => err);
    expect(isFc3RoleError(e, 'NotFound')).toBe(true);
    const message = (e as Error).message;
    expect(message).toContain('Done: cn-hangzhou/fn-0.');
    expect(message).toContain('Failed: cn-hangzhou/fn-1.');
    expect(message).toContain('Not started: cn-hangzhou/fn-2, cn-hangzhou/fn-3, cn-hangzhou/fn-4.');
    expect(message).toMatch(/- cn-hangzhou\/fn-1: UpdateFunction failed for function fn-1 \(cn-hangzhou\)/);
    // Nothing was sent for the functions after the failure.
    expect(emu.current.requests.list({ action: 'UpdateFunction' }).map((r) => r.status)).toEqual([200, 404]);
    const observed = await observe(ctx, desiredState({ functions: names.map((name) => ({ name, region: 'cn-hangzhou' })) }));
    expect(observed.functions.map((f) => `${f.name}:${f.role === '' ? 'none' : 'ours'}`)).toEqual(['fn-0:ours', 'fn-2:none', 'fn-3:none', 'fn-4:none']);
  });
});
