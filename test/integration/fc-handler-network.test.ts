/**
 * Handlers written for the cloud run unchanged: inside the emulator's runtime, Alibaba Cloud service hosts
 * (*.aliyuncs.com, public and -internal) reach the emulator. The documentation's own test event, with the
 * example's handler (ali-oss, the function role's credentials), writes the object; a Python handler reaches
 * OSS with the standard library. HTTPS is not emulated and says so.
 */
import { join } from 'path';
import * as $Fc from '@alicloud/fc20230330';
import * as $Ram from '@alicloud/ram20150501';
import { Readable } from 'stream';
import { useEmulator } from '../helpers/emulator';
import { fcClient, ossClient, ramClient, rootCredentials } from '../helpers/clients';
import { FC_TRUST } from '../helpers/ram-documents';
import { EXAMPLE_CODE, createFunction } from '../fixtures/invoke/functions';

const BUCKET = 'my-bucket';
const emu = useEmulator({ accounts: [{ buckets: [{ name: BUCKET }] }] });

async function writerRole(): Promise<string> {
  const ram = ramClient(emu.current);
  const res = await ram.createRole(new $Ram.CreateRoleRequest({ roleName: 'fc-oss-writer', assumeRolePolicyDocument: FC_TRUST }));
  await ram.attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ policyType: 'System', policyName: 'AliyunOSSFullAccess', roleName: 'fc-oss-writer' }));
  return res.body?.role?.arn ?? '';
}

async function invoke(name: string, event: unknown): Promise<{ errorType?: string; body: string }> {
  const request = new $Fc.InvokeFunctionRequest({ body: Readable.from([Buffer.from(JSON.stringify(event))]) });
  const res = await fcClient(emu.current).invokeFunction(name, request);
  const chunks: Buffer[] = [];
  for await (const chunk of res.body ?? []) chunks.push(Buffer.from(chunk as Buffer));
  return { errorType: res.headers?.['x-fc-error-type'], body: Buffer.concat(chunks).toString('utf8') };
}

async function objectText(key: string): Promise<string> {
  const object = await ossClient(emu.current, rootCredentials(emu.current), BUCKET).get(key);
  return Buffer.from(object.content as Buffer).toString('utf8');
}

describe('Alibaba Cloud hosts inside the runtime', () => {
  test('the documentation\'s event as printed (http://oss-cn-hangzhou.aliyuncs.com) and the -internal endpoint write the object', async () => {
    await createFunction(emu.current, { name: 'writer', source: join(EXAMPLE_CODE, 'nodejs', 'index.js'), role: await writerRole(), timeout: 60 });
    const event = { endpoint: 'http://oss-cn-hangzhou.aliyuncs.com', bucket: BUCKET, objectName: 'hello.txt', message: 'hello from the docs' };
    expect(await invoke('writer', event)).toEqual({ errorType: undefined, body: 'success' });
    expect(await objectText('hello.txt')).toBe('hello from the docs');
    const internal = { ...event, endpoint: 'http://oss-cn-hangzhou-internal.aliyuncs.com', objectName: 'internal.txt' };
    expect(await invoke('writer', internal)).toEqual({ errorType: undefined, body: 'success' });
    expect(await objectText('internal.txt')).toBe('hello from the docs');
    const https = await invoke('writer', { ...event, endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', objectName: 'tls.txt' });
    expect(https.errorType).toBe('UnhandledInvocationError');
    expect(https.body).toContain('over http (port 80) only');
  });

  test('a Python handler reaches the emulator\'s OSS through the standard library', async () => {
    await createFunction(emu.current, { name: 'fetcher', source: 'fetch.py', timeout: 60 });
    const res = JSON.parse((await invoke('fetcher', { url: `http://${BUCKET}.oss-cn-hangzhou.aliyuncs.com/hello.txt` })).body) as { status: number; body: string };
    // Unsigned: OSS's own refusal proves the request reached the emulator's OSS.
    expect(res.status).toBe(403);
    expect(res.body).toContain('<Code>AccessDenied</Code>');
    expect(emu.current.requests.list({ product: 'oss' }).map((r) => [r.action, r.code])).toEqual([['GetObject', 'AccessDenied']]);
  });
});
