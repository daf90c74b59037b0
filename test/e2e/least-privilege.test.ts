/**
 * Least privilege through the real `s` CLI against the emulator: plan shows each expectation and the
 * least-privilege suggestion (--strict fails on it), simulate answers with the deciding statement (yaml and
 * `s cli`), deploy stops before any write when an expectation is not met, and invoke explains a denial.
 * Needs dist/index.js (npm run prepare-test).
 */
import { rmSync } from 'fs';
import { join } from 'path';
import { load } from 'js-yaml';
import { REPO_ROOT } from '../helpers/s-cli';
import { EXAMPLE_CODE, createFunction } from '../fixtures/invoke/functions';
import { jsonResult, roleProject, useE2E } from './harness';

const RG = 'rg-acfmleastpriv1';
const e2e = useE2E({ accounts: [{ buckets: [{ name: 'my-bucket' }], resourceGroups: [{ id: RG, name: 'apps' }] }] });
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const PUT = 'oss:PutObject on acs:oss:*:*:my-bucket/*';

function project(policies: unknown[], extra: Record<string, unknown> = {}): string {
  const event = { bucket: 'my-bucket', objectName: 'hello.txt', message: 'hi', endpoint: e2e.emu.endpoint };
  const dir = roleProject({ region: 'cn-hangzhou', role: { name: 'fc-oss-writer' }, policies, functions: ['oss-writer'], expect: [PUT], invoke: { event }, ...extra });
  dirs.push(dir);
  return dir;
}

it('plan: each expectation met, and the least-privilege suggestion ready to paste; --strict fails on it (--detailed-exitcode: 1); simulate names the statement; nothing written', async () => {
  await createFunction(e2e.emu, { name: 'oss-writer', source: join(EXAMPLE_CODE, 'nodejs', 'index.js') });
  const dir = project(['AliyunOSSFullAccess']);
  e2e.emu.requests.clear();

  const plan = await e2e.s(dir, ['plan']);
  expect(plan.code).toBe(0);
  expect(plan.stdout).toContain(`met: ${PUT} (props.expect[0]): allowed: by AliyunOSSFullAccess statement 1 (System, account scope)`);
  expect(plan.stdout).toContain('AliyunOSSFullAccess grants oss:* on every resource, but expect needs only oss:PutObject on acs:oss:*:*:my-bucket/*');
  const suggestion = plan.stdout.slice(plan.stdout.indexOf('  policies:')).split('\n').slice(0, 6).join('\n');
  expect(load(suggestion)).toEqual({
    policies: [{ name: 'fc-oss-writer-needs', statements: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] }] }],
  });

  // --strict with --detailed-exitcode: a least-privilege warning is an error (1), not a change (2).
  const strict = await e2e.s(dir, ['plan', '--strict', '--detailed-exitcode']);
  expect(strict.code).toBe(1);
  expect(strict.stdout + strict.stderr).toContain('Plan stopped before any change (--strict): 1 least-privilege warning');

  const simulated = jsonResult(await e2e.s(dir, ['simulate', '--action', 'oss:DeleteBucket', '--resource', 'acs:oss:*:*:my-bucket', '--silent', '-o', 'json']));
  expect(simulated).toMatchObject({
    roleName: 'fc-oss-writer',
    basis: 'deploy',
    results: [{ action: 'oss:DeleteBucket', outcome: 'allowed', allowedBy: ['AliyunOSSFullAccess statement 1 (System, account scope)'] }],
  });
  expect(e2e.emu.requests.writes()).toEqual([]);
});

it('deploy: an expectation not met stops it before any write, naming the expectation and what is missing', async () => {
  await createFunction(e2e.emu, { name: 'oss-writer', source: join(EXAMPLE_CODE, 'nodejs', 'index.js') });
  e2e.emu.requests.clear();
  const deploy = await e2e.s(project(['AliyunOSSReadOnlyAccess']), ['deploy', '-y']);
  expect(deploy.code).not.toBe(0);
  const out = deploy.stdout + deploy.stderr;
  expect(out).toContain('Deploy stopped before any change: 1 of 1 expectations is not met by role fc-oss-writer');
  expect(out).toContain(`NOT MET: ${PUT} (props.expect[0]): denied: no policy allows it; missing: an Allow of oss:PutObject on acs:oss:*:*:my-bucket/*`);
  expect(e2e.emu.requests.writes()).toEqual([]);
});

it('a grant in a resource group: deploy warns, invoke explains the denial, s cli simulate shows where it applies', async () => {
  await createFunction(e2e.emu, { name: 'oss-writer', source: join(EXAMPLE_CODE, 'nodejs', 'index.js') });
  const dir = project([{ name: 'AliyunOSSFullAccess', resourceGroupId: RG }]);
  const deploy = await e2e.s(dir, ['deploy', '-y']);
  expect(deploy.code).toBe(0);
  expect(deploy.stdout).toContain(`uncertain: ${PUT} (props.expect[0]): allowed only if the resource is in resource group ${RG}`);

  const invoke = await e2e.s(dir, ['invoke']);
  expect(invoke.code).not.toBe(0);
  const out = invoke.stdout + invoke.stderr;
  expect(out).toContain(`The function was denied oss:PutObject on acs:oss:*:${e2e.accountId}:my-bucket/hello.txt (AccessDenied, error type AccessDeniedError; the action and resource were read from the error text).`);
  expect(out).toContain(`Role fc-oss-writer holds AliyunOSSFullAccess (System, resource group ${RG}) only in resource group ${RG}; OSS grants it only for resources in that group`);

  const cli = jsonResult(
    await e2e.s(dir, [
      'cli', REPO_ROOT, 'simulate', '--region', 'cn-hangzhou', '--role-name', 'fc-oss-writer',
      '--action', 'oss:PutObject', '--resource', 'acs:oss:*:*:my-bucket/*', '-a', 'default', '--silent', '-o', 'json',
    ]),
  );
  expect(cli).toMatchObject({
    basis: 'current',
    results: [{ outcome: 'allowedInResourceGroups', resourceGroups: [RG], allowedBy: [`AliyunOSSFullAccess statement 1 (System, resource group ${RG})`] }],
  });
});
