/**
 * What the command line and old habits do to the props: `--region` narrows a valid file (never makes it
 * invalid), an event file only invoke reads, and the old devsapp/ram props get fc3-role's equivalent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateProps } from '../../src/config';
import { narrowToRegion } from '../../src/config/narrow';
import { prepare } from '../../src/commands/prepare';
import { readInputs } from '../../src/commands/inputs';

const baseDir = mkdtempSync(join(tmpdir(), 'fc3-role-narrow-'));
afterAll(() => rmSync(baseDir, { recursive: true, force: true }));

const twoRegions = {
  region: 'cn-hangzhou',
  role: { name: 'r' },
  functions: ['f', { name: 'f', region: 'cn-shanghai' }, 'g'],
  invoke: { function: 'f', eventFile: './missing.json' },
};

function inputs(props: unknown, args: string[]) {
  return readInputs({ props, args, cwd: baseDir, yaml: { path: join(baseDir, 's.yaml') } });
}

describe('--region narrows', () => {
  it('a file declaring the same function in two regions stays valid, and only that region is acted on', () => {
    const { config } = prepare('deploy', inputs(twoRegions, ['--region', 'cn-shanghai']));
    expect(config?.desired.functions).toEqual([{ name: 'f', region: 'cn-shanghai' }]);
    expect(config?.narrowing).toEqual({ region: 'cn-shanghai', excluded: [{ name: 'f', region: 'cn-hangzhou' }, { name: 'g', region: 'cn-hangzhou' }] });
    expect(config?.region).toBe('cn-hangzhou');
  });

  it('aims invoke at the region; without props.region (s cli mode) the flag is the region', () => {
    const narrowed = narrowToRegion(validateProps({ ...twoRegions, invoke: { function: 'f' } }, { baseDir }).config!, 'cn-shanghai');
    expect(narrowed.invoke).toMatchObject({ functionName: 'f', region: 'cn-shanghai' });
    const { config } = prepare('info', inputs({ role: { name: 'r' }, functions: ['f'] }, ['--region', 'cn-beijing']));
    expect(config?.region).toBe('cn-beijing');
    expect(config?.desired.functions).toEqual([{ name: 'f', region: 'cn-beijing' }]);
    expect(config?.narrowing).toBeUndefined();
  });
});

describe('props.invoke.eventFile', () => {
  it('is read only by invoke: a missing file blocks invoke alone', () => {
    for (const command of ['deploy', 'plan', 'info', 'remove'] as const) {
      expect(() => prepare(command, inputs(twoRegions, []))).not.toThrow();
    }
    expect(() => prepare('invoke', inputs(twoRegions, []))).toThrow(/props\.invoke\.eventFile: file "\.\/missing\.json" does not exist/);
    // An event on the command line wins over the props: then the file is not needed.
    expect(() => prepare('invoke', inputs(twoRegions, ['-e', '{}']))).not.toThrow();
  });
});

describe('the old devsapp/ram props', () => {
  it('each get the same setting in fc3-role props, never "did you mean serviceLinkedRole"', () => {
    const { problems } = validateProps(
      { region: 'cn-hangzhou', name: 'my-role', description: 'old', service: 'fc.aliyuncs.com', statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }], serviceName: 's' },
      { baseDir },
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(byPath['props.name']).toMatchObject({ message: expect.stringContaining('role.name'), example: 'role: { name: my-role }' });
    expect(byPath['props.description']).toMatchObject({ example: 'role: { description: "old" }' });
    expect(byPath['props.service']).toMatchObject({ message: expect.stringContaining('role.services'), example: 'role: { services: [fc.aliyuncs.com] }' });
    expect(byPath['props.statement'].example).toBe('role: { trustPolicy: {"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]} }');
    expect(byPath['props.serviceName'].message).toContain('does not need it');
    expect(problems.map((p) => p.message).join('\n')).not.toContain('serviceLinkedRole');
  });

  it('a policy item in the old form ({ name, description, statement }) is a custom policy', () => {
    const statement = [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:b/*'] }];
    const { config, problems } = validateProps({ region: 'cn-hangzhou', role: { name: 'r' }, policies: [{ name: 'w', description: 'd', statement }] }, { baseDir });
    expect(problems).toEqual([]);
    expect(config?.desired.policies[0]).toMatchObject({ type: 'Custom', name: 'w', description: 'd' });
  });
});
