/**
 * Through the real `s` CLI: another resource consuming `${resources.fn-role.output.arn}` (a tiny
 * local stand-in component that echoes its props), and `s cli` mode (props as a JSON string, or
 * only the `--region`/`--role-name` flags).
 */
import { GetRoleRequest } from '@alicloud/ram20150501';
import { join } from 'path';
import { ramClient } from '../helpers/clients';
import { REPO_ROOT } from '../helpers/s-cli';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-refs';
const ECHO = join(__dirname, 'fixtures', 'echo-component');

const consumer = [
  '  consumer:',
  `    component: ${ECHO}`,
  '    props:',
  '      roleArn: ${resources.fn-role.output.arn}',
  '      label: uses ${resources.fn-role.output.roleName}',
].join('\n');

type Json = Record<string, unknown>;

function resource(out: Json, name: string): Json {
  const value = out[name];
  if (typeof value !== 'object' || value === null) throw new Error(`no output for ${name}: ${JSON.stringify(out)}`);
  return value as Json;
}

describe('another resource consuming ${resources.fn-role.output.arn}', () => {
  it('gets the ARN on deploy and on info; remove is not blocked by the reference', async () => {
    await e2e.fn('ref-fn');
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, functions: ['ref-fn'] }, { extraResources: consumer });
    const arn = `acs:ram::${e2e.accountId}:role/${ROLE}`;

    const deployed = jsonResult(await e2e.s(dir, ['deploy', '-y', '--silent', '-o', 'json']));
    expect(resource(deployed, 'fn-role')).toMatchObject({ roleName: ROLE, arn });
    expect(resource(deployed, 'consumer')).toMatchObject({ command: 'deploy', props: { roleArn: arn, label: `uses ${ROLE}` } });

    const info = jsonResult(await e2e.s(dir, ['info', '--silent', '-o', 'json']));
    expect(resource(info, 'fn-role')).toMatchObject({ roleName: ROLE, arn, exists: true });
    expect(resource(info, 'consumer')).toMatchObject({ command: 'info', props: { roleArn: arn } });

    const removed = jsonResult(await e2e.s(dir, ['remove', '-y', '--silent', '-o', 'json']));
    expect(resource(removed, 'fn-role')).toMatchObject({ roleName: ROLE, removed: expect.arrayContaining([`- delete role ${ROLE}`]) });
    expect(resource(removed, 'consumer')).toMatchObject({ command: 'remove' });
    await expect(ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: ROLE }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
  });
});

describe('s cli mode', () => {
  // `s` masks values of the access (including the AccountID) in `s cli` output.
  const arnPattern = new RegExp(`^acs:ram::[0-9*]+:role/${ROLE}$`);

  it('deploy and info take props as a JSON string', async () => {
    await e2e.fn('cli-fn');
    const props = JSON.stringify({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSReadOnlyAccess'], functions: ['cli-fn'] });
    const cwd = roleProject({ region: 'cn-hangzhou', role: { name: 'unused' } });

    const deployed = jsonResult(await e2e.s(cwd, ['cli', REPO_ROOT, 'deploy', '-p', props, '-a', 'default', '-y', '--silent', '-o', 'json']));
    expect(deployed).toMatchObject({ roleName: ROLE, exists: true, policies: [expect.objectContaining({ name: 'AliyunOSSReadOnlyAccess' })] });
    expect(deployed.arn).toMatch(arnPattern);
    const role = await ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: ROLE }));
    expect(role.body?.role?.arn).toBe(`acs:ram::${e2e.accountId}:role/${ROLE}`);

    const info = jsonResult(await e2e.s(cwd, ['cli', REPO_ROOT, 'info', '-p', props, '-a', 'default', '--silent', '-o', 'json']));
    expect(info).toMatchObject({ roleName: ROLE, exists: true, functions: [expect.objectContaining({ name: 'cli-fn', usesRole: true })] });

    e2e.emu.requests.clear();
    expectOk(await e2e.s(cwd, ['cli', REPO_ROOT, 'deploy', '-p', props, '-a', 'default', '-y']));
    expect(e2e.emu.requests.writes()).toEqual([]);
  });

  it('info works with --region and --role-name alone', async () => {
    const cwd = roleProject({ region: 'cn-hangzhou', role: { name: 'unused' } });
    expectOk(await e2e.s(cwd, ['cli', REPO_ROOT, 'deploy', '-p', JSON.stringify({ region: 'cn-hangzhou', role: { name: ROLE } }), '-a', 'default', '-y']));

    const info = jsonResult(await e2e.s(cwd, ['cli', REPO_ROOT, 'info', '--region', 'cn-hangzhou', '--role-name', ROLE, '-a', 'default', '--silent', '-o', 'json']));
    expect(info).toMatchObject({ roleName: ROLE, exists: true, policies: [], functions: [] });
    expect(info.arn).toMatch(arnPattern);

    const missing = jsonResult(await e2e.s(cwd, ['cli', REPO_ROOT, 'info', '--region', 'cn-shanghai', '--role-name', 'no-such-role', '-a', 'default', '--silent', '-o', 'json']));
    expect(missing).toMatchObject({ roleName: 'no-such-role', exists: false });
  });

  it('without props or --region says what is missing, before any cloud call', async () => {
    const cwd = roleProject({ region: 'cn-hangzhou', role: { name: 'unused' } });
    const r = await e2e.s(cwd, ['cli', REPO_ROOT, 'info', '-a', 'default']);
    expect(r.code).not.toBe(0);
    const all = `${r.stdout}\n${r.stderr}`;
    expect(all).toContain('props.region');
    expect(all).toContain('props.role');
    expect(e2e.emu.requests.count()).toBe(0);
  });
});
