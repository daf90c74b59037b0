/**
 * `-y` is a global flag for fc3-role: `s` appends it when a flow step runs several resources in
 * parallel, so plan, info and invoke accept it (there is nothing for them to confirm).
 */
import { makeProject, REPO_ROOT } from '../helpers/s-cli';
import { expectOk, roleProject, useE2E } from './harness';

const e2e = useE2E();

describe('-y on every command', () => {
  it('plan, info and invoke accept -y (and --assume-yes)', async () => {
    await e2e.fn('yes-fn');
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: 'e2e-yes' }, functions: ['yes-fn'] });
    expectOk(await e2e.s(dir, ['plan', '-y']));
    expectOk(await e2e.s(dir, ['info', '--assume-yes']));
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expectOk(await e2e.s(dir, ['invoke', '-y']));
  });

  it('a flow step running two fc3-role resources in parallel (s appends -y) works for info and plan', async () => {
    const resource = (name: string, role: string): string[] => [
      `  ${name}:`,
      `    component: ${REPO_ROOT}`,
      `    props: ${JSON.stringify({ region: 'cn-hangzhou', role: { name: role } })}`,
    ];
    const yaml = [
      'edition: 3.0.0',
      'name: e2e-flow',
      'access: default',
      'flow:',
      '  info: [[role-a, role-b]]',
      '  plan: [[role-a, role-b]]',
      'resources:',
      ...resource('role-a', 'e2e-flow-a'),
      ...resource('role-b', 'e2e-flow-b'),
    ].join('\n');
    const dir = makeProject(`${yaml}\n`);
    const info = expectOk(await e2e.s(dir, ['info']));
    expect(info.stdout).toContain('e2e-flow-a');
    expect(info.stdout).toContain('e2e-flow-b');
    expectOk(await e2e.s(dir, ['plan']));
    expect(e2e.emu.requests.writes()).toEqual([]);
  });
});
