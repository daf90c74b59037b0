/**
 * A failure fails the process under `-o` too. `s` treats every step as allow_failure when its command
 * line holds `-o`/`--output-format` and would exit 0 having printed nothing (with --silent): the
 * component prints its error report on stderr and makes the process exit 101 itself (1 with `plan
 * --detailed-exitcode`: one exit listener decides both, src/exit-status.ts). Without `-o`, `s` reports and
 * exits 101 as always (nothing extra on stderr).
 */
import { expectOk, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-exit-codes';

/** Props that fail validation (before any cloud call). */
const badProps = { region: 'cn-hangzhou', role: { name: 'bad name!' } };

describe('exit codes under -o', () => {
  it.each(['deploy', 'plan', 'info', 'remove', 'invoke'])('`s %s --silent -o json` that fails exits 101 and reports on stderr', async (command) => {
    const r = await e2e.s(roleProject(badProps), [command, '-y', '--silent', '-o', 'json']);
    expect(r.code).toBe(101);
    expect(r.stderr).toMatch(new RegExp(`✖ \\[fn-role\\] failed to \\[${command}\\] \\(InvalidConfiguration\\):\\n`));
    expect(r.stderr).toContain('props.role.name');
    expect(r.stdout.trim()).toBe('');
  });

  it('a failure found in the cloud (deploy blocked) under -o yaml and --output-format json exits 101 with the report', async () => {
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunNoSuchAccess'] });
    for (const args of [['deploy', '-y', '-o', 'yaml'], ['deploy', '-y', '--output-format', 'json']]) {
      const r = await e2e.s(dir, args);
      expect(r.code).toBe(101);
      expect(r.stderr).toMatch(/✖ \[fn-role\] failed to \[deploy\] \(DeployBlocked\):\nDeploy for role e2e-exit-codes cannot start:/);
      expect(r.stderr).toContain('system policy AliyunNoSuchAccess (account scope) is unknown to RAM');
    }
    expect(e2e.emu.requests.writes()).toEqual([]);
  });

  it('plan --detailed-exitcode under -o: 2 with changes and no report; 1 on failure, with the report on stderr', async () => {
    const changes = await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: `${ROLE}-drift` } }), ['plan', '--detailed-exitcode', '--silent', '-o', 'json']);
    expect(changes.code).toBe(2);
    expect(changes.stderr).not.toContain('✖');
    expect(changes.stdout).toContain(`${ROLE}-drift`);
    const failed = await e2e.s(roleProject(badProps), ['plan', '--detailed-exitcode', '--silent', '-o', 'json']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/✖ \[fn-role\] failed to \[plan\] \(InvalidConfiguration\):\n/);
  });

  it('without -o nothing changes: `s` reports the error itself and exits 101; a success still exits 0', async () => {
    const failed = await e2e.s(roleProject(badProps), ['deploy', '-y']);
    expect(failed.code).toBe(101);
    expect(failed.stdout).toContain('props.role.name');
    expect(failed.stderr).not.toContain('✖ [fn-role]');
    const ok = expectOk(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE } }), ['deploy', '-y', '--silent', '-o', 'json']));
    expect(ok.stderr).not.toContain('✖');
  });
});
