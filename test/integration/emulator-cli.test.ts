/** `npm run emulator` (build/emulator/cli.js, built by `npm test`): one command starts it and says how to use it. */
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Sts from '@alicloud/sts20150401';
import { $OpenApiUtil } from '@alicloud/openapi-core';

const CLI = join(__dirname, '..', '..', 'build', 'emulator', 'cli.js');

interface Started {
  endpoint: string;
  host: string;
  fcEndpoints: Record<string, string>;
  accounts: Array<{ id: string; accessKeyId: string; accessKeySecret: string }>;
}

function firstLine(args: string[]): Promise<{ line: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        resolve({
          line: out.slice(0, nl),
          stop: () =>
            new Promise((done) => {
              child.on('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

/** Runs the CLI until `marker` is printed (or it exits); returns all it printed and how to stop it. */
function runUntil(args: string[], marker: string): Promise<{ out: string; err: string; code?: number | null; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = (): Promise<number | null> =>
    new Promise((done) => {
      if (child.exitCode !== null) return done(child.exitCode);
      child.on('exit', (code) => done(code));
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.on('error', reject);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(marker)) resolve({ out, err, stop });
    });
    child.on('exit', (code) => resolve({ out, err, code, stop }));
  });
}

const EXAMPLE_SEED = join(__dirname, '..', '..', 'example', 'emulator-seed.json');

describe('emulator command line', () => {
  it('--seed: prints the keys of the seeded RAM user, the resource group ids, buckets, functions, and how to use it with s', async () => {
    const { out, stop } = await runUntil(['--port', '0', '--seed', EXAMPLE_SEED], 'Ctrl-C to stop.');
    try {
      expect(out).toMatch(/user fc3-role-deployer {2}AccessKeyId=\S+ {2}AccessKeySecret=\S+/);
      expect(out).toMatch(/resource groups: rg-acfm\w+ \(default\), rg-acfm\w+ \(test\)/);
      expect(out).toContain('buckets: fc3-role-demo (cn-hangzhou)');
      expect(out).toContain('functions: cn-hangzhou/fc3-role-oss-writer (nodejs18)');
      const endpoint = /export FC3_ROLE_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(endpoint).toBeDefined();
      // The printed `s config add` names the RAM user's key, with --AccountID (s cannot look it up offline).
      const add = /npx s config add --AccessKeyID (\S+) --AccessKeySecret (\S+) --AccountID (\d+) -a default -f/.exec(out);
      expect(add?.[1]).toBe('LTAIEmulatorUser0101');
      // That key works, as the RAM user it names.
      const sts = new Sts(new $OpenApiUtil.Config({ accessKeyId: add?.[1], accessKeySecret: add?.[2], endpoint: new URL(endpoint ?? '').host, protocol: 'http' }));
      const who = await sts.getCallerIdentity();
      expect(who.body).toMatchObject({ accountId: add?.[3], identityType: 'RAMUser' });
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('--seed: a bad seed file exits 2 listing every problem, and starts nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc3-role-seed-'));
    try {
      const file = join(dir, 'seed.json');
      writeFileSync(file, JSON.stringify({ bucket: [], functions: [{ name: 'f', runtime: 'nodejs18', code: './nowhere' }], users: [{ policies: [] }] }));
      const r = await runUntil(['--seed', file], 'listening');
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain('seed.bucket: is not a seed field');
      expect(r.err).toContain('seed.functions[0].handler: is required');
      expect(r.err).toMatch(/seed\.functions\[0\]\.code: folder .*nowhere does not exist/);
      expect(r.err).toContain('seed.users[0]: must be an object with a name');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is built by npm test (npm run build)', () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it('prints the endpoint and the seeded credentials, serves the real SDK, and stops on SIGTERM', async () => {
    const { line, stop } = await firstLine(['--port', '0', '--json']);
    const started = JSON.parse(line) as Started;
    expect(started.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.fcEndpoints['cn-shanghai']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set(Object.values(started.fcEndpoints)).size).toBe(Object.keys(started.fcEndpoints).length);
    const account = started.accounts[0];
    const sts = new Sts(
      new $OpenApiUtil.Config({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, endpoint: started.host, protocol: 'http' }),
    );
    const who = await sts.getCallerIdentity();
    expect(who.body?.accountId).toBe(account.id);
    expect(await stop()).toBe(0);
  });
});
