/**
 * The command line through the real `s` CLI: `--region` narrows what runs on a valid two-region s.yaml
 * (never makes it invalid), a missing `invoke.eventFile` blocks only invoke, and `s plan
 * --detailed-exitcode` exits 2 / 0 / 1 (changes / none / error) as `terraform plan -detailed-exitcode`.
 */
import { expectOk, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-narrow';

function roleOf(region: string, name: string): string | undefined {
  return e2e.emu.state.getAccount(e2e.accountId).fc.findFunction(region, name)?.role;
}

const all = (r: { stdout: string; stderr: string }): string => `${r.stdout}\n${r.stderr}`;

describe('one s.yaml declaring the same function in two regions, with an event file that is missing', () => {
  it('--region narrows deploy, invoke and remove; plan --detailed-exitcode exits 2, then 0, and 1 on error', async () => {
    await e2e.fn('twin');
    await e2e.fn('twin', 'cn-shanghai');
    const dir = roleProject({
      region: 'cn-hangzhou',
      role: { name: ROLE },
      policies: ['AliyunOSSReadOnlyAccess'],
      functions: ['twin', { name: 'twin', region: 'cn-shanghai' }],
      invoke: { function: 'twin', eventFile: './missing.json' },
    });
    const arn = `acs:ram::${e2e.accountId}:role/${ROLE}`;

    // Plan has changes: exit 2 through `s` (the missing event file does not block plan).
    expect((await e2e.s(dir, ['plan', '--detailed-exitcode'])).code).toBe(2);

    // Only the function in cn-shanghai gets the role; the file is not "invalid" for naming the function twice.
    const narrowed = expectOk(await e2e.s(dir, ['deploy', '-y', '--region', 'cn-shanghai']));
    expect(narrowed.stdout).toContain('--region cn-shanghai: only the functions s.yaml declares in cn-shanghai; leaving out cn-hangzhou/twin.');
    expect(roleOf('cn-shanghai', 'twin')).toBe(arn);
    expect(roleOf('cn-hangzhou', 'twin')).toBe('');

    // invoke --region: the event on the command line wins, so the missing event file is not needed...
    expectOk(await e2e.s(dir, ['invoke', '--region', 'cn-shanghai', '-e', 'from the command line']));
    const invocations = e2e.emu.state.getAccount(e2e.accountId).fc.listInvocations();
    expect(invocations.map((i) => `${i.region}/${i.functionName}:${i.status}`)).toEqual(['cn-shanghai/twin:Succeeded']);
    // ...and without it, invoke (and only invoke) says the file is missing.
    const noEvent = await e2e.s(dir, ['invoke', '--region', 'cn-shanghai']);
    expect(noEvent.code).not.toBe(0);
    expect(all(noEvent)).toContain('props.invoke.eventFile: file "./missing.json" does not exist');

    // The whole file: nothing left to change, exit 0; a bad command line is an error, exit 1 (also with -o json).
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect((await e2e.s(dir, ['plan', '--detailed-exitcode'])).code).toBe(0);
    expect((await e2e.s(dir, ['plan', '--detailed-exitcode', '--region', 'mars-1'])).code).toBe(1);
    expect((await e2e.s(dir, ['plan', '--detailed-exitcode', '--region', 'mars-1', '--silent', '-o', 'json'])).code).toBe(1);

    // remove --region: unsets the role there only; the role and its policies stay for cn-hangzhou.
    const removed = expectOk(await e2e.s(dir, ['remove', '-y', '--region', 'cn-shanghai']));
    expect(removed.stdout).toContain(`role ${ROLE} and its policies are kept for the functions s.yaml declares in other regions (cn-hangzhou/twin)`);
    expect(roleOf('cn-shanghai', 'twin')).toBe('');
    expect(roleOf('cn-hangzhou', 'twin')).toBe(arn);
    expect(e2e.emu.state.getAccount(e2e.accountId).ram.findRole(ROLE)).toBeDefined();

    expectOk(await e2e.s(dir, ['remove', '-y']));
    expect(e2e.emu.state.getAccount(e2e.accountId).ram.findRole(ROLE)).toBeUndefined();
  });
});
