/**
 * README's "Try it step by step", as a newcomer runs it: the emulator seeded from
 * example/emulator-seed.json (the bucket, the function without a role, a least-privilege RAM user); the
 * lines it prints under "Use it with s" (the two `export`s, then `npx s config add ... --AccountID`) run
 * as printed, in bash; then the `npx s` commands of the README's step 5, as printed, in example/: deploy,
 * plan, info, invoke (the documentation's event as printed, the log tail once, no ali-oss warning),
 * remove. Nothing else is set: no OSS_ENDPOINT, no fc3 variables.
 */
import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describeEmulator } from '../../emulator/cli-text';
import { readSeedFile } from '../../emulator/core/seed-file';
import { DEPLOYER_ACTIONS } from '../../src/cloud/permissions';
import { ossClient, rootCredentials } from '../helpers/clients';
import { REPO_ROOT, type SResult } from '../helpers/s-cli';
import { expectOk, useE2E } from './harness';

const EXAMPLE = join(REPO_ROOT, 'example');
const SEED_FILE = join(EXAMPLE, 'emulator-seed.json');
const seed = readSeedFile(SEED_FILE);
const e2e = useE2E({ accounts: [seed] });

const count = (text: string, part: string): number => text.split(part).length - 1;

/** The lines the emulator prints under "Use it with s", without their indentation. */
function useItWithS(printed: string): string[] {
  const lines = printed.split('\n');
  const start = lines.findIndex((l) => l.trim().startsWith('Use it with s'));
  const end = lines.findIndex((l, i) => i > start && l.trim() === 'Ctrl-C to stop.');
  return lines.slice(start + 1, end).map((l) => l.trim());
}

/** The `npx s ...` lines of the README's step-by-step block (after `cd example`), comments dropped. */
function readmeSteps(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Try it step by step'), readme.indexOf('### On Alibaba Cloud'));
  const block = /```bash\ncd example\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
}

/** Runs a script in bash as a user's shell would: a clean environment (no FC3_ROLE_*, ALIBABA_CLOUD_*, OSS_*, FC_*). */
function bash(script: string, cwd: string, home: string): Promise<SResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ALIBABA_CLOUD_|FC3_ROLE_|OSS_|FC_)/.test(k)) env[k] = v;
  }
  Object.assign(env, { HOME: home, USERPROFILE: home, NO_COLOR: '1', FORCE_COLOR: '0' });
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A hang guard (not a speed check): one `s` start can take 20 s on a busy machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

describe('README: the example on the emulator, step by step, as the seeded RAM user', () => {
  it('the seed file gives the RAM user exactly what fc3-role calls (ListPolicies for "did you mean" included)', () => {
    const user = seed.users?.[0];
    const policy = user?.policies?.[0];
    const actions = typeof policy === 'object' ? (policy.document as { Statement: Array<{ Action: string[] }> }).Statement.flatMap((s) => s.Action) : [];
    const needed = new Set(Object.values(DEPLOYER_ACTIONS).flat());
    expect([...actions].sort()).toEqual([...needed].sort());
  });

  it('runs the printed lines and the README commands as printed: deploy, plan, info, invoke, remove', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fc3-role-newcomer-home-'));
    try {
      const printed = useItWithS(describeEmulator(e2e.emu));
      const exports = printed.filter((l) => l.startsWith('export '));
      expect(exports.map((l) => l.split('=')[0])).toEqual(['export FC3_ROLE_ENDPOINT', 'export FC3_ROLE_FC_ENDPOINTS']);
      const configAdd = printed.find((l) => l.startsWith('npx s config add '));
      expect(configAdd).toContain('--AccessKeyID LTAIEmulatorUser0101');

      // Steps 3 and 4: the exports and the `s config add` line, as printed (exports are kept for step 5).
      const shell = (command: string): Promise<SResult> => bash([...exports, command].join('\n'), EXAMPLE, home);
      expectOk(await bash(`npx s set analysis disable >/dev/null\n${configAdd ?? 'false'}`, REPO_ROOT, home)); // in the repository, as the README says (npx finds s there)

      // Step 5, each README command as printed.
      const steps = readmeSteps();
      expect(steps).toEqual(['npx s deploy -y', 'npx s plan', 'npx s info', 'npx s invoke', 'npx s remove -y']);
      const out: Record<string, SResult> = {};
      for (const step of steps) out[step] = expectOk(await shell(step));

      const deployer = `acs:ram::${e2e.accountId}:user/fc3-role-deployer`;
      expect(e2e.emu.requests.count({ action: 'CreateRole', caller: deployer, failed: false })).toBe(1);
      expect(out['npx s plan'].stdout).toContain('No changes.');
      expect(out['npx s info'].stdout).toContain('fc3-role-oss-writer');

      const invoked = out['npx s invoke'].stdout;
      expect(count(invoked, 'Wrote oss://fc3-role-demo/fc3-role/hello.txt')).toBe(1);
      expect(invoked).not.toContain('refreshSTSToken');
      // The documentation's event as printed: the handler reached http://oss-cn-hangzhou.aliyuncs.com on the emulator.
      const object = await ossClient(e2e.emu, rootCredentials(e2e.emu), 'fc3-role-demo').get('fc3-role/hello.txt');
      expect(Buffer.from(object.content as Buffer).toString('utf8')).toContain('Hello from a function');

      expect(out['npx s remove -y'].stdout).toContain('- delete role fc3-role-oss-writer');
      // Least privilege was enough: nothing the deploying user asked for was refused.
      expect(e2e.emu.requests.list({ caller: deployer, status: 403 })).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
