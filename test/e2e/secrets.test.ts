/**
 * Credentials through the real `s` CLI: the AccessKey secret and the STS security token never
 * appear in stdout, stderr or the `s` log files (even with --debug, and on failure); the
 * ALIBABA_CLOUD_* fallback when `s` has no access; a missing/malformed AccountID resolved with STS.
 */
import { AttachPolicyToRoleRequest, CreateRoleRequest } from '@alicloud/ram20150501';
import { AssumeRoleRequest } from '@alicloud/sts20150401';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ramClient, stsClient, type TestCredentials } from '../helpers/clients';
import { createRamUser } from '../helpers/ram-users';
import { makeSHome, readSLogs, type SResult } from '../helpers/s-cli';
import { expectOk, jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E();
const ROLE = 'e2e-secrets';

/**
 * Temporary credentials of a role with administrator rights, assumed by a RAM user allowed
 * sts:AssumeRole (the account itself may not call AssumeRole).
 */
async function temporaryCredentials(): Promise<TestCredentials> {
  const ram = ramClient(e2e.emu);
  const assumer = await createRamUser(e2e.emu, { name: 'assumer', policies: ['AliyunSTSAssumeRoleAccess'] });
  const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${e2e.accountId}:root`] } }] };
  await ram.createRole(new CreateRoleRequest({ roleName: 'deployer', assumeRolePolicyDocument: JSON.stringify(trust) }));
  await ram.attachPolicyToRole(new AttachPolicyToRoleRequest({ roleName: 'deployer', policyType: 'System', policyName: 'AdministratorAccess' }));
  const res = await stsClient(e2e.emu, assumer).assumeRole(
    new AssumeRoleRequest({ roleArn: `acs:ram::${e2e.accountId}:role/deployer`, roleSessionName: 'e2e', durationSeconds: 3600 }),
  );
  const c = res.body?.credentials;
  if (!c?.accessKeyId || !c.accessKeySecret || !c.securityToken) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
}

function expectNoSecrets(results: SResult[], home: string, secrets: string[]): void {
  const logs = readSLogs(home);
  expect(logs.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    for (const r of results) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
    }
    expect(logs).not.toContain(secret);
  }
}

/** `s` runs with --debug under `home`, each result kept for expectNoSecrets. */
function debugRecorder(home: string): { results: SResult[]; run(dir: string, args: string[]): Promise<SResult> } {
  const results: SResult[] = [];
  const run = async (dir: string, args: string[]): Promise<SResult> => {
    const r = await e2e.s(dir, [...args, '--debug'], { home });
    results.push(r);
    return r;
  };
  return { results, run };
}

/** The project both credential kinds deploy: role ROLE with AliyunOSSFullAccess on sec-fn. */
const ossRoleProject = (): string => roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunOSSFullAccess'], functions: ['sec-fn'] });

describe('secrets', () => {
  it('never shows the root AccessKey secret, with --debug, on success and on failure; --debug traces every call', async () => {
    await e2e.fn('sec-fn');
    e2e.emu.requests.clear();
    const account = e2e.emu.accounts[0];
    const home = await makeSHome([{ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, accountId: account.id }]);
    const dir = ossRoleProject();
    const { results, run } = debugRecorder(home);
    expectOk(await run(dir, ['plan']));
    expectOk(await run(dir, ['deploy', '-y']));
    expectOk(await run(dir, ['info']));
    const failing = await run(roleProject({ region: 'cn-hangzhou', role: { name: ROLE }, policies: ['AliyunNoSuchAccess'] }), ['deploy', '-y']);
    expect(failing.code).not.toBe(0);
    expectOk(await run(dir, ['remove', '-y']));
    expectNoSecrets(results, home, [account.accessKeySecret]);
    // Every call the cloud received is in the trace: product, action, resource, status, RequestId, duration.
    const printed = results.map((r) => r.stdout).join('\n');
    const calls = e2e.emu.requests.list();
    expect(calls.length).toBeGreaterThan(10);
    for (const call of calls) {
      expect(printed).toMatch(new RegExp(`call (RAM|STS|ResourceManager|FC) ${call.action} \\S.* -> ${call.status}\\b.*\\(RequestId ${call.requestId}, \\d+ ms`));
    }
  });

  it('works with an STS security token and never shows the secret or the token', async () => {
    await e2e.fn('sec-fn');
    const sts = await temporaryCredentials();
    const home = await makeSHome([{ ...sts, securityToken: sts.securityToken, accountId: e2e.accountId }]);
    const dir = ossRoleProject();
    const { results, run } = debugRecorder(home);
    expectOk(await run(dir, ['plan']));
    expectOk(await run(dir, ['deploy', '-y']));
    // The calls were made with the temporary key (so the token was sent).
    expect(e2e.emu.requests.count({ action: 'CreateRole', caller: `acs:ram::${e2e.accountId}:assumed-role/deployer/e2e`, failed: false })).toBe(1);
    expectOk(await run(dir, ['info']));
    const failing = await run(dir, ['deploy', '-y', '--bogus']);
    expect(failing.code).not.toBe(0);
    expectOk(await run(dir, ['remove', '-y']));
    expect(results[1].stdout).toMatch(/call RAM CreateRole role e2e-secrets -> 200 \(RequestId [\w-]+, \d+ ms\)/);
    expectNoSecrets(results, home, [sts.accessKeySecret, sts.securityToken ?? '']);
  });

  it('a broken STS token fails with InvalidCredentials, without showing it', async () => {
    const sts = await temporaryCredentials();
    const bad = `${sts.securityToken ?? ''}tampered`;
    const home = await makeSHome([{ ...sts, securityToken: bad, accountId: e2e.accountId }]);
    e2e.emu.requests.clear();
    const r = await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE } }), ['deploy', '-y', '--debug'], { home });
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/InvalidSecurityToken|security token/i);
    expect(e2e.emu.requests.writes()).toEqual([]);
    expectNoSecrets([r], home, [sts.accessKeySecret, bad, sts.securityToken ?? '']);
  });

  it('falls back to ALIBABA_CLOUD_* variables when `s` has no access', async () => {
    const sts = await temporaryCredentials();
    const home = await makeSHome([]);
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: sts.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: sts.accessKeySecret,
      ALIBABA_CLOUD_SECURITY_TOKEN: sts.securityToken ?? '',
    };
    const r = await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE } }), ['deploy', '-y', '--silent', '-o', 'json', '--debug'], { home, env });
    expect(jsonResult(r)).toMatchObject({ roleName: ROLE, arn: `acs:ram::${e2e.accountId}:role/${ROLE}`, accountId: e2e.accountId });
    expect(e2e.emu.requests.count({ action: 'CreateRole', caller: `acs:ram::${e2e.accountId}:assumed-role/deployer/e2e`, failed: false })).toBe(1);
    expectNoSecrets([r], home, [sts.accessKeySecret, sts.securityToken ?? '']);
  });

  it('a named access s cannot read is an error, even with ALIBABA_CLOUD_* set; the default access falls back and says so', async () => {
    const sts = await temporaryCredentials();
    const home = await makeSHome([]);
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: sts.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: sts.accessKeySecret, ALIBABA_CLOUD_SECURITY_TOKEN: sts.securityToken ?? '' };
    const dir = roleProject({ region: 'cn-hangzhou', role: { name: ROLE } });
    e2e.emu.requests.clear();
    const named = await e2e.s(dir, ['deploy', '-y', '-a', 'prod'], { home, env });
    expect(named.code).toBe(101);
    expect(named.stdout).toContain('Reading the s access `prod` failed: Not found access: prod');
    expect(named.stdout).toContain('does not fall back to ALIBABA_CLOUD_*');
    expect(e2e.emu.requests.list()).toEqual([]);

    const fallback = expectOk(await e2e.s(dir, ['deploy', '-y'], { home, env }));
    expect(fallback.stdout).toMatch(/Using credentials from the environment \(ALIBABA_CLOUD_ACCESS_KEY_ID \/ ALIBABA_CLOUD_ACCESS_KEY_SECRET\) \(s: Not found access: default\): AccessKeyId \S+\*\*\*, STS token/);
    expectNoSecrets([named, fallback], home, [sts.accessKeySecret, sts.securityToken ?? '']);
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'not-an-account-id'],
  ])('resolves a %s AccountID with STS GetCallerIdentity', async (_kind, accountId) => {
    const account = e2e.emu.accounts[0];
    // `s config add` without --AccountID asks the real cloud (or the terminal) for it: add one, then drop it from the file.
    const home = await makeSHome([{ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, accountId: accountId ?? account.id }]);
    if (accountId === undefined) {
      const file = join(home, '.s', 'access.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^\s+AccountID:.*\n/m, ''));
      expect(readFileSync(file, 'utf8')).not.toContain('AccountID');
    }
    e2e.emu.requests.clear();
    const out = jsonResult(await e2e.s(roleProject({ region: 'cn-hangzhou', role: { name: ROLE } }), ['deploy', '-y', '--silent', '-o', 'json'], { home }));
    expect(out).toMatchObject({ arn: `acs:ram::${account.id}:role/${ROLE}`, accountId: account.id });
    expect(e2e.emu.requests.count({ action: 'GetCallerIdentity', failed: false })).toBeGreaterThanOrEqual(1);
  });
});
