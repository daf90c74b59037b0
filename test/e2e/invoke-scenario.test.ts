/**
 * The documentation's scenario through the real `s` CLI against the emulator: `s deploy` gives the
 * role AliyunOSSFullAccess and sets it on a Node.js function that writes event.message to OSS;
 * `s invoke` with the s.yaml test event returns `success` and the object holds the message; without
 * the policy `s invoke` fails with the function's AccessDenied and a non-zero exit.
 * Needs dist/index.js (npm run prepare-test).
 */
import { join } from 'path';
import { useEmulator } from '../helpers/emulator';
import { ossClient, rootCredentials } from '../helpers/clients';
import { REPO_ROOT, makeProject, makeSHome, parseJsonOutput, readSLogs, runS } from '../helpers/s-cli';
import { EXAMPLE_CODE, createFunction } from '../fixtures/invoke/functions';

const emulator = useEmulator({ accounts: [{ buckets: [{ name: 'my-bucket' }] }] });
let home = '';

beforeAll(async () => {
  const account = emulator.current.accounts[0]!;
  home = await makeSHome([{ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, accountId: account.id }]);
});

function yaml(policies: string[]): string {
  const event = {
    bucket: 'my-bucket',
    objectName: 'hello.txt',
    message: 'hello from fc3-role',
    endpoint: emulator.current.endpoint,
  };
  return [
    'edition: 3.0.0',
    'name: invoke-scenario',
    'access: default',
    'resources:',
    '  fn-role:',
    `    component: ${REPO_ROOT}`,
    '    props:',
    '      region: cn-hangzhou',
    '      role:',
    '        name: fc-oss-writer',
    `      policies: ${JSON.stringify(policies)}`,
    '      functions:',
    '        - oss-writer',
    '      invoke:',
    `        event: ${JSON.stringify(event)}`,
    '',
  ].join('\n');
}

const env = (): Record<string, string> => ({ FC3_ROLE_ENDPOINT: emulator.current.endpoint });

it('deploy + invoke writes the object; without the policy invoke fails non-zero with AccessDenied', async () => {
  const emu = emulator.current;
  await createFunction(emu, { name: 'oss-writer', source: join(EXAMPLE_CODE, 'nodejs', 'index.js') });
  const cwd = makeProject(yaml(['AliyunOSSFullAccess']));

  const deploy = await runS(['deploy', '-y'], { cwd, home, env: env() });
  expect(deploy.code).toBe(0);

  const invoke = await runS(['invoke'], { cwd, home, env: env() });
  expect({ code: invoke.code, stdout: invoke.stdout }).toMatchObject({ code: 0 });
  expect(invoke.stdout).toContain('success');
  expect(invoke.stdout).toContain('FC invoke Logs begin');
  expect(invoke.stdout).toContain('RequestId:');
  const object = await ossClient(emu, rootCredentials(emu), 'my-bucket').get('hello.txt');
  expect(Buffer.from(object.content as Buffer).toString()).toBe('hello from fc3-role');

  const json = await runS(['invoke', '--silent', '-o', 'json'], { cwd, home, env: env() });
  expect(parseJsonOutput(json.stdout)).toMatchObject({
    functionName: 'oss-writer',
    region: 'cn-hangzhou',
    qualifier: 'LATEST',
    statusCode: 200,
    body: 'success',
  });

  await ossClient(emu, rootCredentials(emu), 'my-bucket').delete('hello.txt');
  const withoutPolicy = makeProject(yaml([]));
  expect((await runS(['deploy', '-y'], { cwd: withoutPolicy, home, env: env() })).code).toBe(0);
  const denied = await runS(['invoke'], { cwd: withoutPolicy, home, env: env() });
  expect(denied.code).not.toBe(0);
  expect(denied.stdout).toContain('AccessDenied');
  expect(denied.stdout).toContain('oss-writer');
  const exists = await ossClient(emu, rootCredentials(emu), 'my-bucket')
    .head('hello.txt')
    .then(() => true, () => false);
  expect(exists).toBe(false);

  // Secrets never reach the logs.
  const logs = readSLogs(home) + invoke.stdout + denied.stdout;
  expect(logs).not.toContain(emu.accounts[0]!.accessKeySecret);
});
