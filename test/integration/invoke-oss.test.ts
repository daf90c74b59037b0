/**
 * The documentation's scenario through runInvoke: a Node.js function writes event.message to OSS with
 * context.credentials from its role. With AliyunOSSFullAccess on the role it returns 'success' and the
 * object holds the message; without it the function's AccessDenied fails the command.
 */
import { join } from 'path';
import { Readable } from 'stream';
import { AttachPolicyToRoleRequest, CreateRoleRequest } from '@alicloud/ram20150501';
import { runInvoke } from '../../src/invoke';
import { isFc3RoleError } from '../../src/errors';
import { useEmulator } from '../helpers/emulator';
import { ossClient, ramClient, rootCredentials, userCredentials } from '../helpers/clients';
import { FC_TRUST } from '../helpers/ram-documents';
import { EXAMPLE_CODE, cloudContext, configWith, createFunction, invokeFlags, recordingLogger } from '../fixtures/invoke/functions';

const emulator = useEmulator({ accounts: [{ buckets: [{ name: 'my-bucket' }], users: [{ name: 'nobody' }] }] });

async function createRole(withOssPolicy: boolean): Promise<string> {
  const ram = ramClient(emulator.current);
  const res = await ram.createRole(new CreateRoleRequest({ roleName: 'fc-oss-writer', assumeRolePolicyDocument: FC_TRUST }));
  if (withOssPolicy) {
    await ram.attachPolicyToRole(
      new AttachPolicyToRoleRequest({ policyType: 'System', policyName: 'AliyunOSSFullAccess', roleName: 'fc-oss-writer' }),
    );
  }
  const arn = res.body?.role?.arn;
  if (!arn) throw new Error('CreateRole returned no ARN');
  return arn;
}

function scenario(message: string): string {
  return JSON.stringify({ bucket: 'my-bucket', objectName: 'hello.txt', message, endpoint: emulator.current.endpoint });
}

async function invoke(text: string, logger = recordingLogger()): ReturnType<typeof runInvoke> {
  return runInvoke(
    {
      config: configWith([{ name: 'oss-writer' }], { event: { source: 'inline', text } }),
      flags: invokeFlags(),
      cloud: cloudContext(emulator.current),
      stdin: Readable.from([]),
      cwd: process.cwd(),
    },
    logger,
  );
}

describe('invoke: the OSS writer scenario', () => {
  it('with AliyunOSSFullAccess on the role: success, and the object holds the message', async () => {
    const role = await createRole(true);
    await createFunction(emulator.current, { name: 'oss-writer', source: join(EXAMPLE_CODE, 'nodejs', 'index.js'), role });
    const logger = recordingLogger();
    const out = await invoke(scenario('hello from fc3-role'), logger);
    expect(out.body).toBe('success');
    expect(logger.text()).toContain('oss://my-bucket/hello.txt');
    const object = await ossClient(emulator.current, rootCredentials(emulator.current), 'my-bucket').get('hello.txt');
    expect(Buffer.from(object.content as Buffer).toString()).toBe('hello from fc3-role');
    // The function's temporary credentials never reach the output.
    expect(logger.text()).not.toMatch(/STS\.[A-Za-z0-9]{6,}/);
  });

  it('without the policy: the function\'s AccessDenied fails the command', async () => {
    const role = await createRole(false);
    await createFunction(emulator.current, { name: 'oss-writer', source: join(EXAMPLE_CODE, 'nodejs', 'index.js'), role });
    const e = await invoke(scenario('denied')).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isFc3RoleError(e, 'FunctionFailed')).toBe(true);
    expect((e as Error).message).toContain('AccessDenied');
    const exists = await ossClient(emulator.current, rootCredentials(emulator.current), 'my-bucket')
      .head('hello.txt')
      .then(() => true, () => false);
    expect(exists).toBe(false);
  });
});

describe('invoke: platform refusals', () => {
  it('an identity without fc:InvokeFunction gets PermissionDenied naming the function and the policy to grant', async () => {
    await createFunction(emulator.current, { name: 'oss-writer', source: join(EXAMPLE_CODE, 'nodejs', 'index.js') });
    const e = await runInvoke(
      {
        config: configWith([{ name: 'oss-writer' }]),
        flags: invokeFlags('--timeout', '5'),
        cloud: cloudContext(emulator.current, userCredentials(emulator.current, 'nobody')),
        stdin: Readable.from([]),
        cwd: process.cwd(),
      },
      recordingLogger(),
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isFc3RoleError(e, 'PermissionDenied')).toBe(true);
    expect((e as Error).message).toMatch(/oss-writer.*cn-hangzhou/);
    expect((e as Error).message).toContain('fc:InvokeFunction');
  });
});
