/**
 * fc3-role next to fc3, paired by an output reference (example/fc3-output-reference), through the real
 * `s` CLI with a local stand-in in place of fc3: fc3 gets the ARN, a later fc3 deploy keeps the role,
 * and when something else clears a declared function's role, the next deploy warns and says how to pair.
 */
import { GetFunctionRequest } from '@alicloud/fc20230330';
import { CreateRoleRequest, ListPoliciesForRoleRequest } from '@alicloud/ram20150501';
import { fcClient, ramClient } from '../helpers/clients';
import { FC_TRUST_POLICY } from '../fixtures/invoke/functions';
import { exampleProject, standInProject, standInProps } from './fixtures/fc3-stand-in/project';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E();

async function functionRole(name: string): Promise<string> {
  const res = await fcClient(e2e.emu).getFunction(name, new GetFunctionRequest({}));
  return res.body?.role ?? '';
}

describe('output reference: role: ${resources.fn-role.output.arn} in the fc3 resource', () => {
  it('deploys the role first, fc3 gets its ARN, and a later fc3 deploy keeps it', async () => {
    const dir = exampleProject('fc3-output-reference');
    const arn = `acs:ram::${e2e.accountId}:role/fc-oss-writer`;

    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(standInProps(dir)).toMatchObject({ functionName: 'my-function', role: arn });
    expect(await functionRole('my-function')).toBe(arn);
    const policies = await ramClient(e2e.emu).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName: 'fc-oss-writer' }));
    expect((policies.body?.policies?.policy ?? []).map((p) => p.policyName).sort()).toEqual(['AliyunOSSReadOnlyAccess', 'fc-oss-writer-put']);

    // A later deploy of both: fc3 (the stand-in) updates the function with the same role; RAM is untouched.
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes({ product: 'ram' })).toEqual([]);
    expect(standInProps(dir).role).toBe(arn);
    expect(await functionRole('my-function')).toBe(arn);

    // `s info` resolves the reference from fc3-role's info output (same `arn` key as deploy).
    const info = jsonResult(await e2e.s(dir, ['fn-role', 'info', '--silent', '-o', 'json']));
    expect(info).toMatchObject({ arn, exists: true });
  });
});

describe('drift: an fc3 deploy without role clears a function fc3-role manages', () => {
  it('warns on the next deploy, names the output reference, sets the role again; no warning when nothing changed', async () => {
    await e2e.fn('drifty');
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: 'drift-role' }, functions: ['drifty'] });
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const arn = `acs:ram::${e2e.accountId}:role/drift-role`;
    expect(await functionRole('drifty')).toBe(arn);

    expectOk(await e2e.s(standInProject({ region: 'cn-hangzhou', functionName: 'drifty' }), ['deploy', '-y']));
    expect(await functionRole('drifty')).toBe('');

    const r = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(r.stdout).toContain('[WARN][fn-role] Function cn-hangzhou/drifty has no role');
    expect(r.stdout).toContain('role: ${resources.fn-role.output.arn}');
    expect(await functionRole('drifty')).toBe(arn);

    // fc3 deployed it with another role: the same warning, naming both roles.
    await ramClient(e2e.emu).createRole(new CreateRoleRequest({ roleName: 'other', assumeRolePolicyDocument: FC_TRUST_POLICY }));
    expectOk(await e2e.s(standInProject({ region: 'cn-hangzhou', functionName: 'drifty', role: `acs:ram::${e2e.accountId}:role/other` }), ['deploy', '-y']));
    const again = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(again.stdout).toContain(`uses role acs:ram::${e2e.accountId}:role/other instead of ${arn}`);
    expect(again.stdout).toContain('${resources.fn-role.output.arn}');

    // Nothing changed it since: no warning.
    const steady = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(steady.stdout).not.toContain('[WARN][fn-role]');
  });
});
