/**
 * The component as the Serverless Registry serves it: only what `s registry publish` would zip (the
 * directory minus `.signore`) is copied into a fresh folder with no node_modules anywhere above it,
 * named in an s.yaml, and driven through the real `s` CLI (deploy, invoke, info, remove) against the
 * emulator. This is what works after `component: fc3-role` downloads the package.
 * It also checks that the chunks of dist/ load lazily: the entry alone when `s` constructs the component,
 * and for a command only the SDKs it calls (see scripts/bundle.js).
 * Needs dist/ and publish.yaml (npm run prepare-test).
 */
import { execFile } from 'child_process';
import { promisify } from 'util';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, parse } from 'path';
import { GetFunctionRequest } from '@alicloud/fc20230330';
import { GetRoleRequest, ListPoliciesForRoleRequest } from '@alicloud/ram20150501';
import { fcClient, ramClient } from '../helpers/clients';
import { makeProject } from '../helpers/s-cli';
import { listPackedFiles, REPO_ROOT } from '../../scripts/publish-yaml';
import { emulatorEnv, expectOk, jsonResult, useE2E } from './harness';

const e2e = useE2E();
let packed = '';
let packedParent = '';

/** Copies the files the registry zip would hold into a fresh folder; returns it. */
function unpackAsDownloaded(): string {
  packedParent = mkdtempSync(join(tmpdir(), 'fc3-role-registry-'));
  const dir = join(packedParent, 'fc3-role');
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

/** Every file under dir, relative, '/'-separated. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

beforeAll(() => {
  packed = unpackAsDownloaded();
});

afterAll(() => {
  if (packedParent) rmSync(packedParent, { recursive: true, force: true });
});

describe('the registry package', () => {
  it('holds the bundle, package.json, publish.yaml, version.md and src/, and no node_modules can be reached', () => {
    const main = (JSON.parse(readFileSync(join(packed, 'package.json'), 'utf8')) as { main: string }).main;
    for (const f of [main, 'package.json', 'publish.yaml', 'version.md', 'src']) expect(existsSync(join(packed, f))).toBe(true);
    expect(nodeModulesAbove(packed)).toEqual([]);
    const chunks = filesUnder(join(REPO_ROOT, 'dist')).map((f) => `dist/${f}`);
    expect(chunks).toEqual(expect.arrayContaining(['dist/index.js', 'dist/commands.js', 'dist/sdk/fc.js', 'dist/sdk/ram.js', 'dist/sdk/runtime.js']));
    expect(listPackedFiles()).toEqual(expect.arrayContaining(chunks));
  });

  it('loads only the entry to construct the component, and only the SDK code a command calls', async () => {
    await e2e.fn('lazy-fn');
    const account = e2e.emu.accounts[0];
    // A fresh node process (no jest module registry) drives the packed component directly.
    const script = `
      const { join, relative } = require('path');
      const dist = join(process.argv[1], 'dist');
      const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(dist)).map((f) => relative(dist, f)).sort();
      const m = require(process.argv[1]);
      const c = new (m.default || m)({});
      const seen = { construct: loaded() };
      c.getSchema();
      seen.schema = loaded();
      const inputs = { props: { region: 'cn-hangzhou', role: { name: 'lazy-role' }, functions: ['lazy-fn'] }, args: ['-o', 'json'], cwd: process.cwd(),
        getCredential: async () => (${JSON.stringify({ AccessKeyID: account.accessKeyId, AccessKeySecret: account.accessKeySecret, AccountID: account.id })}) };
      c.invoke(inputs).then((out) => {
        seen.invoke = loaded();
        seen.body = out.body;
        process.stdout.write(JSON.stringify(seen));
      }, (e) => { process.stderr.write(String(e && e.stack)); process.exit(1); });`;
    // Asynchronously: the emulator answers from this process.
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, packed], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: process.env.XDG_CACHE_HOME ?? '', ...emulatorEnv(e2e.emu) },
    });
    const seen = JSON.parse(stdout) as Record<string, unknown>;
    expect(seen.construct).toEqual(['index.js']);
    expect(seen.schema).toEqual(['index.js']);
    // InvokeFunction goes through the SDK core (src/cloud/fc-invoke.ts): the FC SDK is not parsed.
    expect(seen.invoke).toEqual(['commands.js', 'index.js', 'sdk/runtime.js']);
    expect(JSON.parse(String(seen.body))).toMatchObject({ ok: true });
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
