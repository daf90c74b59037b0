/** `npm run emulator` (build/emulator/cli.js, built by `npm test`): one command starts it and says how to use it. */
import { spawn } from 'child_process';
import { existsSync } from 'fs';
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

describe('emulator command line', () => {
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
