/**
 * The component as the Serverless Registry serves it: only what `s registry publish` would zip (the
 * directory minus `.signore`) is copied into a fresh folder with no node_modules anywhere above it,
 * named in an s.yaml, and driven through the real `s` CLI (deploy, invoke, info, remove) against the
 * emulator. This is what works after `component: fc3-role` downloads the package.
 * Needs dist/index.js and publish.yaml (npm run prepare-test).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, parse } from 'path';
import { GetFunctionRequest } from '@alicloud/fc20230330';
import { GetRoleRequest, ListPoliciesForRoleRequest } from '@alicloud/ram20150501';
import { fcClient, ramClient } from '../helpers/clients';
import { makeProject } from '../helpers/s-cli';
import { listPackedFiles, REPO_ROOT } from '../../scripts/publish-yaml';
import { expectOk, jsonResult, useE2E } from './harness';

const e2e = useE2E();
let packed = '';

/** Copies the files the registry zip would hold into a fresh folder; returns it. */
function unpackAsDownloaded(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'fc3-role-registry-')), 'fc3-role');
  for (const file of listPackedFiles()) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(dir, file));
  }
  return dir;
}

/** No node_modules in the folder or any folder above it: nothing can be resolved but node built-ins. */
function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules'))) found.push(join(d, 'node_modules'));
    if (d === parse(d).root) return found;
  }
}

beforeAll(() => {
  packed = unpackAsDownloaded();
});

describe('the registry package', () => {
  it('holds the bundle, package.json, publish.yaml, version.md and src/, and no node_modules can be reached', () => {
    const main = (JSON.parse(readFileSync(join(packed, 'package.json'), 'utf8')) as { main: string }).main;
    for (const f of [main, 'package.json', 'publish.yaml', 'version.md', 'src']) expect(existsSync(join(packed, f))).toBe(true);
    expect(nodeModulesAbove(packed)).toEqual([]);
  });

  it('runs s deploy, s invoke, s info and s remove as after a download', async () => {
    await e2e.fn('packed-fn');
    const dir = makeProject(
      [
        'edition: 3.0.0',
        'name: registry-package',
        'access: default',
        'resources:',
        '  fn-role:',
        `    component: ${packed}`,
        '    props:',
        '      region: cn-hangzhou',
        '      role: { name: packed-role }',
        '      policies: [AliyunOSSReadOnlyAccess]',
        '      functions: [packed-fn]',
        '      invoke: { event: { hello: registry } }',
        '',
      ].join('\n'),
    );
    const arn = `acs:ram::${e2e.accountId}:role/packed-role`;

    // Without -o, so that a failure shows in the exit code.
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const fn = await fcClient(e2e.emu).getFunction('packed-fn', new GetFunctionRequest({}));
    expect(fn.body?.role).toBe(arn);

    const invoked = expectOk(await e2e.s(dir, ['invoke']));
    expect(invoked.stdout).toContain('hello from packed-fn');
    expect(invoked.stdout).toMatch(/"?hasCredentials"?:\s*true/);

    const info = jsonResult(await e2e.s(dir, ['info', '--silent', '-o', 'json']));
    expect(info).toMatchObject({ roleName: 'packed-role', arn, exists: true, functions: [{ name: 'packed-fn', usesRole: true }], __component: packed });
    expect(info.policies).toEqual([expect.objectContaining({ name: 'AliyunOSSReadOnlyAccess', managed: true })]);

    expectOk(await e2e.s(dir, ['remove', '-y']));
    await expect(ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: 'packed-role' }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
    const after = await fcClient(e2e.emu).getFunction('packed-fn', new GetFunctionRequest({}));
    expect(after.body?.role ?? '').toBe('');
    await expect(ramClient(e2e.emu).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName: 'packed-role' }))).rejects.toBeDefined();
  });
});
