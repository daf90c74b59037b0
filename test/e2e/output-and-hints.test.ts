/**
 * What a person reads, through the real `s` CLI: adopting a hand-made role says so in one line, deploy
 * ends with one summary line, plan labels what is current and what is planned, info shows the trust
 * policy and the session duration; mistakes get a way out (did you mean, the old devsapp/ram props).
 */
import { CreatePolicyRequest, CreateRoleRequest } from '@alicloud/ram20150501';
import { ramClient } from '../helpers/clients';
import { FC_TRUST } from '../helpers/ram-documents';
import { makeProject, REPO_ROOT } from '../helpers/s-cli';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-hand-made';

const count = (text: string, part: string): number => text.split(part).length - 1;
const all = (r: { stdout: string; stderr: string }): string => `${r.stdout}\n${r.stderr}`;

describe('a role made by hand, taken over by fc3-role', () => {
  it('plan labels current and planned; deploy says it adopts in one line and ends with one summary line; info shows trust and session duration', async () => {
    await ramClient(e2e.emu).createRole(new CreateRoleRequest({ roleName: ROLE, assumeRolePolicyDocument: FC_TRUST, maxSessionDuration: 7200 }));
    await e2e.fn('adopted-fn');
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSReadOnlyAccess'], functions: ['adopted-fn'] });
    const arn = `acs:ram::${e2e.accountId}:role/${ROLE}`;

    const plan = jsonResult(await e2e.s(dir, ['plan', '--silent', '-o', 'json']));
    expect(plan).toMatchObject({
      roleName: ROLE,
      arn,
      current: { exists: true, maxSessionDuration: 7200, policies: [], functions: [{ name: 'adopted-fn', exists: true, role: '', usesRole: false }] },
      planned: { exists: true, maxSessionDuration: 7200, policies: [{ name: 'AliyunOSSReadOnlyAccess' }], functions: [{ name: 'adopted-fn', role: arn, usesRole: true }] },
    });

    const deployed = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(count(deployed.stdout, `Adopting role ${ROLE}: fc3-role did not create it`)).toBe(1);
    expect(count(deployed.stdout, 'Deploy summary')).toBe(1);
    expect(deployed.stdout).toContain('Deploy summary: role: 1 unchanged; policy attachments: 1 added; functions: 1 changed.');

    const info = jsonResult(await e2e.s(dir, ['info', '--silent', '-o', 'json']));
    expect(info).toMatchObject({ roleName: ROLE, exists: true, maxSessionDuration: 7200 });
    expect(info.trustPolicy).toMatchObject({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } }] });

    const again = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(again.stdout).toContain('Deploy summary (nothing changed): role: 1 unchanged; policy attachments: 1 unchanged; functions: 1 unchanged.');
  });
});

describe('a way out of mistakes', () => {
  const resource = (name: string, props: Record<string, unknown>): string[] => [`  ${name}:`, `    component: ${REPO_ROOT}`, `    props: ${JSON.stringify(props)}`];

  it('a misspelled system policy: did you mean (RAM\'s list of system policies, read once per run); a custom policy written as a plain name: how to attach it', async () => {
    await ramClient(e2e.emu).createPolicy(
      new CreatePolicyRequest({ policyName: 'my-writer', policyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: '*' }] }) }),
    );
    const yaml = [
      'edition: 3.0.0',
      'name: e2e-hints',
      'access: default',
      'resources:',
      ...resource('first', { region: 'cn-hangzhou', role: { name: 'e2e-hint-a' }, policies: ['AliyunOSSFullAcess', 'my-writer'] }),
      ...resource('second', { region: 'cn-hangzhou', role: { name: 'e2e-hint-b' }, policies: ['AliyunLogReadOnlyAcess'] }),
    ];
    const dir = makeProject(`${yaml.join('\n')}\n`);

    const first = await e2e.s(dir, ['first', 'plan']);
    expect(first.code).not.toBe(0);
    expect(all(first)).toContain('system policy AliyunOSSFullAcess (account scope) is unknown to RAM (did you mean AliyunOSSFullAccess?)');
    expect(all(first)).toContain('system policy my-writer (account scope) is unknown to RAM, but custom policy my-writer exists');
    expect(all(first)).toContain('attach the custom one with { name: my-writer, type: Custom }');
    expect(all(first)).not.toContain('AliyunOSSFullAcess (account scope) is unknown to RAM, but');

    // Both resources in one run (-o lets `s` go on after the first fails): RAM's list is read once.
    e2e.emu.requests.clear();
    await e2e.s(dir, ['plan', '--silent', '-o', 'json']);
    expect(e2e.emu.requests.count({ action: 'GetRole', failed: true })).toBe(2);
    expect(e2e.emu.requests.count({ action: 'ListPolicies' })).toBe(1);
    expect(e2e.emu.requests.writes()).toEqual([]);
  });

  it('the old devsapp/ram props get the same setting in fc3-role props, before any cloud call', async () => {
    const dir = roleProject({ region: 'cn-hangzhou', name: 'my-role', service: 'fc.aliyuncs.com', policies: ['AliyunOSSReadOnlyAccess'] });
    e2e.emu.requests.clear();
    const r = await e2e.s(dir, ['deploy', '-y']);
    expect(r.code).not.toBe(0);
    expect(all(r)).toContain("props.name: is the old devsapp/ram component's role name; fc3-role takes it as role.name");
    expect(all(r)).toContain('example: role: { name: my-role }');
    expect(all(r)).toContain('example: role: { services: [fc.aliyuncs.com] }');
    expect(all(r)).not.toContain('serviceLinkedRole');
    expect(e2e.emu.requests.count()).toBe(0);
  });
});
