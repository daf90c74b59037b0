/**
 * Retries through the real `s` CLI against the emulator's faults: throttled RAM writes, the window
 * in which a new role is not yet visible to FC and Resource Manager, and dropped connections.
 */
import { GetFunctionRequest } from '@alicloud/fc20230330';
import { ListPoliciesForRoleRequest } from '@alicloud/ram20150501';
import { fcClient, ramClient } from '../helpers/clients';
import { expectOk, roleProject, useE2E } from './harness';

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

  it('gives up on lasting throttling with a clear error', async () => {
    e2e.emu.faults.add({ product: 'ram', action: 'CreateRole', error: 'Throttling' });
    const r = await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE } }), ['deploy', '-y']);
    expect(r.code).not.toBe(0);
    const all = `${r.stdout}\n${r.stderr}`;
    expect(all).toMatch(/CreateRole failed for role e2e-resilience/);
    expect(all).toMatch(/throttled the calls after retries/);
    // Throttling is retried longer than other transient errors (12 calls), within the 30 s deadline.
    expect(e2e.emu.requests.count({ action: 'CreateRole' })).toBeGreaterThan(6);
    expect(e2e.emu.requests.count({ action: 'CreateRole' })).toBeLessThanOrEqual(12);
  });

  it('waits out the propagation window of a new role for RM AttachPolicy', async () => {
    e2e.emu.faults.setPropagationDelay(1500);
    const groupId = e2e.emu.state.getAccount(e2e.accountId).rm.listResourceGroups()[0].id;
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: [{ name: 'AliyunLogReadOnlyAccess', resourceGroupId: groupId }] });
    const r = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(r.stdout).toMatch(/waiting for the new role to become visible: \+ attach System policy AliyunLogReadOnlyAccess/);
    expect(e2e.emu.requests.count({ product: 'rm', action: 'AttachPolicy', failed: true })).toBeGreaterThanOrEqual(1);
    expect(e2e.emu.requests.count({ product: 'rm', action: 'AttachPolicy', failed: false })).toBe(1);
  });

  it('waits out the propagation window of a new role for FC UpdateFunction', async () => {
    await e2e.fn('slow-fn');
    e2e.emu.faults.setPropagationDelay(1500);
    const r = expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, functions: ['slow-fn'] }), ['deploy', '-y']));
    expect(r.stdout).toMatch(/waiting for the new role to become visible: ~ set role of function cn-hangzhou\/slow-fn/);
    // The STS probe waited the window out, so FC got the role once and accepted it.
    expect(e2e.emu.requests.count({ product: 'sts', action: 'AssumeRole', failed: true })).toBeGreaterThanOrEqual(1);
    expect(e2e.emu.requests.count({ product: 'fc', action: 'UpdateFunction', failed: true })).toBe(0);
    expect(e2e.emu.requests.count({ product: 'fc', action: 'UpdateFunction', failed: false })).toBe(1);
    expect(await functionRole('slow-fn')).toBe(`acs:ram::${e2e.accountId}:role/${ROLE}`);
  });

  it('an older role that FC refuses is not retried as propagation', async () => {
    await e2e.fn('slow-fn');
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, functions: ['slow-fn'] });
    expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE } }), ['deploy', '-y']));
    // The role exists from an earlier run; now FC cannot see it (as if it could not assume it).
    e2e.emu.faults.setPropagationDelay(60_000);
    const roleRecord = e2e.emu.requests.list({ action: 'CreateRole', failed: false });
    expect(roleRecord.length).toBe(1);
    e2e.emu.requests.clear();
    const r = await e2e.s(dir, ['deploy', '-y']);
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}\n${r.stderr}`).toMatch(/UpdateFunction failed for/);
    expect(e2e.emu.requests.count({ product: 'fc', action: 'UpdateFunction' })).toBe(1);
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
