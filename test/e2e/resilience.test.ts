/**
 * Retries through the real `s` CLI against the emulator's faults: throttled RAM writes, the window
 * in which a new role is not yet visible to FC and Resource Manager, and dropped connections.
 */
import { GetFunctionRequest } from '@alicloud/fc20230330';
import { ListPoliciesForRoleRequest } from '@alicloud/ram20150501';
import { fcClient, ramClient } from '../helpers/clients';
import { expectOk, roleProject, useE2E } from './harness';
import { endPropagationAfterRefusal } from '../helpers/propagation';

const e2e = useE2E();
const ROLE = 'e2e-resilience';

async function functionRole(name: string): Promise<string> {
  const res = await fcClient(e2e.emu).getFunction(name, new GetFunctionRequest({}));
  return res.body?.role ?? '';
}

describe('resilience', () => {
  it('retries throttled RAM writes, showing progress, and the deploy succeeds', async () => {
    e2e.emu.faults.add({ product: 'ram', action: 'CreateRole', error: 'Throttling', times: 2 });
    e2e.emu.faults.add({ product: 'ram', action: 'AttachPolicyToRole', error: 'ServiceUnavailable', times: 1 });
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess'] });
    const r = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(r.stdout).toMatch(/Retrying CreateRole on role e2e-resilience in \d+ ms \(attempt 1 failed: Throttling/);
    expect(r.stdout).toMatch(/Retrying AttachPolicyToRole .*attempt 1 failed/);
    expect(e2e.emu.requests.count({ action: 'CreateRole', failed: true })).toBe(2);
    expect(e2e.emu.requests.count({ action: 'CreateRole', failed: false })).toBe(1);
    const attached = await ramClient(e2e.emu).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName: ROLE }));
    expect((attached.body?.policies?.policy ?? []).map((p) => p.policyName)).toEqual(['AliyunOSSFullAccess']);
  });

  it('waits (with progress) until Resource Manager sees a new role', async () => {
    const propagation = endPropagationAfterRefusal(e2e.emu, { product: 'rm', action: 'AttachPolicy' });
    const groupId = e2e.emu.state.getAccount(e2e.accountId).rm.listResourceGroups()[0].id;
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: [{ name: 'AliyunLogReadOnlyAccess', resourceGroupId: groupId }] });
    const r = expectOk(await e2e.s(dir, ['deploy', '-y']));
    await propagation.done;
    expect(r.stdout).toMatch(/waiting for Resource Manager to see role e2e-resilience \(next try in \d+ ms\): \+ attach System policy AliyunLogReadOnlyAccess/);
    expect(e2e.emu.requests.count({ product: 'rm', action: 'AttachPolicy', failed: true })).toBeGreaterThanOrEqual(1);
    expect(e2e.emu.requests.count({ product: 'rm', action: 'AttachPolicy', failed: false })).toBe(1);
  });

  it('waits (with progress) until FC sees a new role; never calls STS AssumeRole', async () => {
    await e2e.fn('slow-fn');
    const propagation = endPropagationAfterRefusal(e2e.emu, { product: 'fc', action: 'UpdateFunction' });
    const r = expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, functions: ['slow-fn'] }), ['deploy', '-y']));
    await propagation.done;
    expect(r.stdout).toMatch(/waiting for Function Compute to see role e2e-resilience \(next try in \d+ ms\): ~ set role of function cn-hangzhou\/slow-fn/);
    expect(e2e.emu.requests.count({ product: 'fc', action: 'UpdateFunction', failed: true, status: 400 })).toBeGreaterThanOrEqual(1);
    expect(e2e.emu.requests.count({ product: 'fc', action: 'UpdateFunction', failed: false })).toBe(1);
    expect(e2e.emu.requests.count({ product: 'sts', action: 'AssumeRole' })).toBe(0);
    expect(await functionRole('slow-fn')).toBe(`acs:ram::${e2e.accountId}:role/${ROLE}`);
  });

  it('a rerun right after an interrupted deploy waits for a role RAM has but FC does not see yet', async () => {
    await e2e.fn('slow-fn');
    // The interrupted run got as far as creating the role (here: a deploy without the function).
    const propagation = endPropagationAfterRefusal(e2e.emu, { product: 'fc', action: 'UpdateFunction' });
    expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE } }), ['deploy', '-y']));
    e2e.emu.requests.clear();
    const r = expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, functions: ['slow-fn'] }), ['deploy', '-y']));
    await propagation.done;
    expect(r.stdout).toMatch(/waiting for Function Compute to see role e2e-resilience/);
    // No second RAM change: only the record of the function that now uses the role (role tag fc3-role:functions).
    expect(e2e.emu.requests.writes({ product: 'ram' }).map((w) => w.action)).toEqual(['TagResources']);
    expect(e2e.emu.requests.count({ product: 'fc', action: 'UpdateFunction', failed: false })).toBe(1);
    expect(await functionRole('slow-fn')).toBe(`acs:ram::${e2e.accountId}:role/${ROLE}`);
  });

  it('retries a dropped connection on a read', async () => {
    e2e.emu.faults.add({ product: 'ram', action: 'GetRole', error: 'drop', times: 1 });
    e2e.emu.faults.add({ product: 'fc', action: 'GetFunction', error: 'drop', times: 1 });
    await e2e.fn('drop-fn');
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, functions: ['drop-fn'] });
    const r = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(r.stdout).toMatch(/Retrying GetRole .*attempt 1 failed: (ECONNRESET|EPIPE|error)/);
    expect(e2e.emu.requests.count({ action: 'GetRole', status: 0 })).toBe(1);
    expect(e2e.emu.requests.count({ action: 'GetFunction', status: 0 })).toBe(1);
    expect(await functionRole('drop-fn')).toBe(`acs:ram::${e2e.accountId}:role/${ROLE}`);
  });
});
