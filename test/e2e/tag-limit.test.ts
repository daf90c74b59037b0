/**
 * The 20-tag limit of a RAM role (one `fc3-role:created` tag plus one ownership mark per attachment):
 * swapping policies frees marks before adding new ones, and a deploy that would exceed the limit is
 * refused before any write, saying how many tags the role would carry.
 */
import { CreatePolicyRequest, ListPoliciesForRoleRequest, TagResourcesRequest, TagResourcesRequestTag } from '@alicloud/ram20150501';
import { ramClient } from '../helpers/clients';
import { expectOk, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-tags';

const custom = (n: number): Record<string, unknown> => ({
  name: `e2e-tags-p${n}`,
  statements: [{ Effect: 'Allow', Action: ['oss:GetObject'], Resource: [`acs:oss:*:*:bucket-${n}/*`] }],
});
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

async function attached(): Promise<string[]> {
  const res = await ramClient(e2e.emu).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName: ROLE }));
  return (res.body?.policies?.policy ?? []).map((p) => p.policyName ?? '').sort();
}

describe('the role tag limit', () => {
  it('swaps 3 of 18 attached policies: detaches first, then attaches, without hitting the limit', async () => {
    // 21 existing custom policies (made by hand), attached by name with type: Custom.
    const ram = ramClient(e2e.emu);
    const doc = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject'], Resource: ['*'] }] });
    for (const n of range(0, 21)) await ram.createPolicy(new CreatePolicyRequest({ policyName: `hand-${n}`, policyDocument: doc }));
    const byName = (n: number): Record<string, unknown> => ({ name: `hand-${n}`, type: 'Custom' });
    expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: range(0, 18).map(byName) }), ['deploy', '-y']));

    const swapped = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: range(3, 21).map(byName) });
    const plan = expectOk(await e2e.s(swapped, ['plan']));
    const kinds = plan.stdout.split('\n').filter((l) => /^\s+[-+] (detach|attach) /.test(l)).map((l) => l.trim().split(' ').slice(0, 2).join(' '));
    expect(kinds).toEqual(['- detach', '- detach', '- detach', '+ attach', '+ attach', '+ attach']);

    e2e.emu.requests.clear();
    expectOk(await e2e.s(swapped, ['deploy', '-y']));
    expect(e2e.emu.requests.writes({ failed: true })).toEqual([]);
    expect(await attached()).toEqual(range(3, 21).map((n) => `hand-${n}`).sort());
  });

  it('swapping custom policies it created is refused before any write: their marks stay for `s remove`', async () => {
    expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: range(0, 18).map(custom) }), ['deploy', '-y']));
    e2e.emu.requests.clear();
    const r = await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: range(3, 21).map(custom) }), ['deploy', '-y']);
    expect(r.code).not.toBe(0);
    const text = `${r.stdout}\n${r.stderr}`;
    expect(text).toMatch(/would carry 22 tags after this deploy, and RAM allows 20 \(19 now, \+3 ownership marks for new attachments, -0 for detached ones; 3 marks stay/);
    expect(text).toMatch(/delete the custom policies fc3-role created that s\.yaml no longer declares/);
    expect(e2e.emu.requests.writes()).toEqual([]);
    expect(await attached()).toHaveLength(18);
  });

  it('refuses before any write when the role would carry more than 20 tags', async () => {
    expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: range(0, 15).map(custom) }), ['deploy', '-y']));
    // The user tagged the role too: 1 + 15 marks + 3 = 19 tags.
    const tags = ['team', 'owner', 'cost'].map((key) => new TagResourcesRequestTag({ key, value: 'x' }));
    await ramClient(e2e.emu).tagResources(new TagResourcesRequest({ resourceType: 'role', resourceNames: [ROLE], tag: tags }));

    e2e.emu.requests.clear();
    const r = await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: range(0, 18).map(custom) }), ['deploy', '-y']);
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}\n${r.stderr}`).toMatch(/role e2e-tags: the role would carry 22 tags after this deploy, and RAM allows 20 \(19 now, \+3 ownership marks/);
    expect(e2e.emu.requests.writes()).toEqual([]);
    expect(await attached()).toHaveLength(15);
  });
});
