/**
 * README's "Try it step by step", as a newcomer runs it: the emulator seeded from
 * example/emulator-seed.json (the bucket, the function without a role, a least-privilege RAM user), the
 * printed RAM user's key added with `s config add --AccountID`, then example/s.yaml through the real
 * `s` CLI: deploy, plan (drift check), info, invoke (the log tail once, no ali-oss warning), remove.
 */
import { join } from 'path';
import { readSeedFile } from '../../emulator/core/seed-file';
import { ossClient, rootCredentials, userCredentials } from '../helpers/clients';
import { makeSHome, REPO_ROOT } from '../helpers/s-cli';
import { expectOk, useE2E } from './harness';

const EXAMPLE = join(REPO_ROOT, 'example');
const seed = readSeedFile(join(EXAMPLE, 'emulator-seed.json'));
const e2e = useE2E({ accounts: [seed] });

const count = (text: string, part: string): number => text.split(part).length - 1;

describe('README: the example on the emulator, step by step, as the seeded RAM user', () => {
  it('deploys, shows no drift, invokes (log tail once, no ali-oss STS warning) and removes', async () => {
    const user = userCredentials(e2e.emu, 'fc3-role-deployer');
    const home = await makeSHome([{ ...user, accountId: e2e.accountId }]);
    const run = (args: string[]) => e2e.s(EXAMPLE, args, { home, env: { OSS_ENDPOINT: e2e.emu.endpoint } });
    const deployer = `acs:ram::${e2e.accountId}:user/fc3-role-deployer`;

    expectOk(await run(['deploy', '-y']));
    expect(e2e.emu.requests.count({ action: 'CreateRole', caller: deployer, failed: false })).toBe(1);
    expect((await run(['plan', '--detailed-exitcode'])).code).toBe(0);
    expectOk(await run(['info']));

    const invoked = expectOk(await run(['invoke']));
    expect(count(invoked.stdout, 'Wrote oss://fc3-role-demo/fc3-role/hello.txt')).toBe(1);
    expect(invoked.stdout).not.toContain('refreshSTSToken');
    const object = await ossClient(e2e.emu, rootCredentials(e2e.emu), 'fc3-role-demo').get('fc3-role/hello.txt');
    expect(Buffer.from(object.content as Buffer).toString('utf8')).toContain('Hello from a function');

    const removed = expectOk(await run(['remove', '-y']));
    expect(removed.stdout).toContain('- delete role fc3-role-oss-writer');
    // Least privilege was enough: nothing was refused but the role probe (STS refuses a user the role does not trust: that is its answer).
    const refused = e2e.emu.requests.list({ caller: deployer, status: 403 }).filter((r) => r.action !== 'AssumeRole');
    expect(refused).toEqual([]);
  });
});
