/**
 * `s verify` and `validation: true` validate the props with the engine's own ajv against getSchema():
 * clean output (no ajv "strict mode" warnings), exit 0 for a valid s.yaml and non-zero naming the field
 * for an invalid one. Needs no cloud.
 */
import { makeProject, makeSHome, REPO_ROOT, runS, type SResult } from '../helpers/s-cli';
import { useE2E } from './harness';

const e2e = useE2E();
let home = '';
beforeAll(async () => {
  home = await makeSHome([]);
});

function project(props: Record<string, unknown>, validation = false): string {
  const yaml = ['edition: 3.0.0', 'name: verify', 'access: default', ...(validation ? ['validation: true'] : []), 'resources:', '  fn-role:', `    component: ${REPO_ROOT}`, `    props: ${JSON.stringify(props)}`];
  return makeProject(`${yaml.join('\n')}\n`);
}

const valid = {
  region: 'cn-hangzhou',
  role: { name: 'fc-oss-writer', services: 'fc.aliyuncs.com' },
  policies: ['AliyunOSSFullAccess', { name: 'w', statements: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: 'acs:oss:*:*:b/*' }] }],
  functions: ['f', { name: 'g', region: 'cn-shanghai' }],
  invoke: { event: { key: 'value' } },
};
const invalid = { ...valid, role: { name: 'bad name!' } };

const verify = (dir: string): Promise<SResult> => runS(['verify'], { cwd: dir, home });
const noAjvNoise = (r: SResult): void => expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/strict mode|allowUnionTypes/);

describe('s verify', () => {
  it('passes a valid s.yaml with clean output', async () => {
    const r = await verify(project(valid));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('passed');
    noAjvNoise(r);
  });

  it('fails an invalid s.yaml naming the field, with clean output', async () => {
    const r = await verify(project(invalid));
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}\n${r.stderr}`).toContain('fn-role/props/role/name');
    noAjvNoise(r);
  });
});

describe('validation: true', () => {
  it('validates before the component runs: clean for a valid s.yaml, refused for an invalid one', async () => {
    const ok = await e2e.s(project({ region: 'cn-hangzhou', role: { name: 'e2e-validation' } }, true), ['plan']);
    expect(ok.code).toBe(0);
    noAjvNoise(ok);
    const bad = await e2e.s(project(invalid, true), ['plan']);
    expect(bad.code).not.toBe(0);
    noAjvNoise(bad);
  });
});
