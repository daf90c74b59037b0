/**
 * The documentation's scenario through the real `s` CLI against the emulator: `s deploy` gives the
 * role AliyunOSSFullAccess and sets it on a Node.js function that writes event.message to OSS;
 * `s invoke` with the s.yaml test event returns `success` and the object holds the message; without
 * the policy `s invoke` fails with the function's AccessDenied and a non-zero exit.
 * Needs dist/index.js (npm run prepare-test).
 */
import { join } from 'path';
import { ossClient, rootCredentials } from '../helpers/clients';
import { readSLogs } from '../helpers/s-cli';
import { EXAMPLE_CODE, createFunction } from '../fixtures/invoke/functions';
import { jsonResult, roleProject, useE2E } from './harness';

const e2e = useE2E({ accounts: [{ buckets: [{ name: 'my-bucket' }] }] });

/** The scenario's s.yaml: role fc-oss-writer with `policies` on oss-writer, and the test event. */
function project(policies: string[]): string {
  const event = {
    bucket: 'my-bucket',
    objectName: 'hello.txt',
    message: 'hello from fc3-role',
    endpoint: e2e.emu.endpoint,
  };
  return roleProject({ region: 'cn-hangzhou', role: { name: 'fc-oss-writer' }, policies, functions: ['oss-writer'], invoke: { event } });
}

it('deploy + invoke writes the object; without the policy invoke fails non-zero with AccessDenied', async () => {
  const emu = e2e.emu;
  await createFunction(emu, { name: 'oss-writer', source: join(EXAMPLE_CODE, 'nodejs', 'index.js') });
  const dir = project(['AliyunOSSFullAccess']);

  const deploy = await e2e.s(dir, ['deploy', '-y']);
  expect(deploy.code).toBe(0);

  const invoke = await e2e.s(dir, ['invoke']);
  expect({ code: invoke.code, stdout: invoke.stdout }).toMatchObject({ code: 0 });
  expect(invoke.stdout).toContain('success');
  expect(invoke.stdout).toContain('FC invoke Logs begin');
  expect(invoke.stdout).toContain('RequestId:');
  const object = await ossClient(emu, rootCredentials(emu), 'my-bucket').get('hello.txt');
  expect(Buffer.from(object.content as Buffer).toString()).toBe('hello from fc3-role');

  const json = await e2e.s(dir, ['invoke', '--silent', '-o', 'json']);
  expect(jsonResult(json)).toMatchObject({
    functionName: 'oss-writer',
    region: 'cn-hangzhou',
    qualifier: 'LATEST',
    statusCode: 200,
    body: 'success',
  });

  await ossClient(emu, rootCredentials(emu), 'my-bucket').delete('hello.txt');
  const withoutPolicy = project([]);
  expect((await e2e.s(withoutPolicy, ['deploy', '-y'])).code).toBe(0);
  const denied = await e2e.s(withoutPolicy, ['invoke']);
  expect(denied.code).not.toBe(0);
  expect(denied.stdout).toContain('AccessDenied');
  expect(denied.stdout).toContain('oss-writer');
  const exists = await ossClient(emu, rootCredentials(emu), 'my-bucket')
    .head('hello.txt')
    .then(() => true, () => false);
  expect(exists).toBe(false);

  // Secrets never reach the logs.
  const logs = readSLogs(e2e.home) + invoke.stdout + denied.stdout;
  expect(logs).not.toContain(emu.accounts[0]!.accessKeySecret);
});
