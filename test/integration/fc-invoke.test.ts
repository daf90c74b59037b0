/**
 * InvokeFunction runs real Node.js and Python handlers: results, errors, timeouts, async runs,
 * log tails, and the function role's temporary credentials used against the emulator's OSS.
 */
import * as $dara from '@darabonba/typescript';
import * as $Fc from '@alicloud/fc20230330';
import * as $Ram from '@alicloud/ram20150501';
import { Readable } from 'stream';
import { useEmulator } from '../helpers/emulator';
import { fcClient, ossClient, ramClient, rootCredentials, TEST_CALL_TIMEOUT_MS } from '../helpers/clients';
import { zipFixture } from '../fixtures/handlers/zip';
import { FC_TRUST } from '../helpers/ram-documents';

const ACCOUNT = '1234567890123456';
const BUCKET = 'fc-invoke-bucket';

const emu = useEmulator({ accounts: [{ id: ACCOUNT, buckets: [{ name: BUCKET }] }] });

const NODE_BASIC = zipFixture('node-basic');
const OSS_WRITER = zipFixture('node-oss-writer');
const PYTHON_ECHO = zipFixture('python-echo');

async function createFunction(name: string, zipFile: string, extra: Partial<$Fc.CreateFunctionInput> = {}): Promise<void> {
  await fcClient(emu.current).createFunction(new $Fc.CreateFunctionRequest({
    body: new $Fc.CreateFunctionInput({
      functionName: name,
      runtime: 'nodejs18',
      handler: 'index.echo',
      code: new $Fc.InputCodeLocation({ zipFile }),
      // Room for a handler to start on a busy machine (the emulator's timeout includes the runtime's start); tests of the timeout set their own.
      timeout: 60,
      ...extra,
    }),
  }));
}

async function createFcRole(name: string, policies: string[] = []): Promise<string> {
  const ram = ramClient(emu.current);
  const res = await ram.createRole(new $Ram.CreateRoleRequest({ roleName: name, assumeRolePolicyDocument: FC_TRUST }));
  for (const policyName of policies) {
    await ram.attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ policyType: 'System', policyName, roleName: name }));
  }
  return res.body?.role?.arn ?? '';
}

interface Invocation {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function readAll(stream: Readable | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function invoke(name: string, payload: string, headers: Partial<$Fc.InvokeFunctionHeaders> = {}): Promise<Invocation> {
  const res = await fcClient(emu.current).invokeFunctionWithOptions(
    name,
    new $Fc.InvokeFunctionRequest({ body: Readable.from([Buffer.from(payload)]) }),
    new $Fc.InvokeFunctionHeaders(headers),
    // httpx applies connectTimeout as the socket's idle timeout: a handler slower than it (a busy machine) would fail the call.
    new $dara.RuntimeOptions({ connectTimeout: TEST_CALL_TIMEOUT_MS, readTimeout: TEST_CALL_TIMEOUT_MS }),
  );
  return { status: res.statusCode ?? 0, headers: res.headers ?? {}, body: await readAll(res.body) };
}

describe('InvokeFunction (Node.js)', () => {
  test('passes the event as a Buffer and a real FC context; returns objects as JSON', async () => {
    await createFunction('echo', NODE_BASIC, { environmentVariables: { CUSTOM_VAR: 'v1' }, memorySize: 256, timeout: 10 });
    const res = await invoke('echo', 'hello');
    expect(res.status).toBe(200);
    expect(res.headers['x-fc-error-type']).toBeUndefined();
    expect(res.headers['x-fc-invocation-service-version']).toBe('LATEST');
    expect(res.headers['x-fc-code-checksum']).toMatch(/^\d+$/);
    expect(JSON.parse(res.body)).toEqual({
      event: 'hello',
      isBuffer: true,
      requestId: res.headers['x-fc-request-id'],
      function: { name: 'echo', handler: 'index.echo', memory: 256, timeout: 10 },
      region: 'cn-hangzhou',
      accountId: ACCOUNT,
      hasCredentials: false,
      envName: 'echo',
      custom: 'v1',
    });
  });

  test('supports callback handlers and raw string results', async () => {
    await createFunction('cb', NODE_BASIC, { handler: 'index.callback' });
    await createFunction('txt', NODE_BASIC, { handler: 'index.text' });
    expect((await invoke('cb', 'x')).body).toBe('callback:x');
    expect((await invoke('txt', '')).body).toBe('plain text');
  });

  test('a thrown error is 200 with x-fc-error-type and an FC error body', async () => {
    await createFunction('boom', NODE_BASIC, { handler: 'index.fail' });
    const res = await invoke('boom', '{}');
    expect(res.status).toBe(200);
    expect(res.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ errorMessage: 'something broke', errorType: 'TypeError' });
    expect(Array.isArray(body.stackTrace)).toBe(true);
  });

  test('answers the InvokeFunction response headers: instance, duration, memory, code checksum; the log only when asked', async () => {
    await createFunction('hdr', NODE_BASIC, { handler: 'index.text' });
    const plain = await invoke('hdr', '');
    expect(plain.headers).toMatchObject({
      'x-fc-instance-id': expect.stringMatching(/^c-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{12}$/),
      'x-fc-invocation-duration': expect.stringMatching(/^\d+$/),
      'x-fc-max-memory-usage': expect.stringMatching(/^\d+\.\d{2}$/),
      'x-fc-code-checksum': expect.stringMatching(/^\d+$/),
      'x-fc-invocation-service-version': 'LATEST',
    });
    expect(Number(plain.headers['x-fc-max-memory-usage'])).toBeGreaterThan(0);
    expect(plain.headers['x-fc-log-result']).toBeUndefined();
    const tail = await invoke('hdr', '', { xFcLogType: 'Tail' });
    expect(Buffer.from(tail.headers['x-fc-log-result'], 'base64').toString()).toContain(`FC Invoke End RequestId: ${tail.headers['x-fc-request-id']}`);
  });

  test('handlers see /code as their working directory, and stack traces show FC\'s paths, never the host\'s', async () => {
    await createFunction('where', NODE_BASIC, { handler: 'index.cwd' });
    expect((await invoke('where', '')).body).toBe('/code');
    await createFunction('boom2', NODE_BASIC, { handler: 'index.fail' });
    const failed = JSON.parse((await invoke('boom2', '{}')).body) as { stackTrace: string[] };
    expect(failed.stackTrace[0]).toBe('TypeError: something broke');
    expect(failed.stackTrace[1]).toMatch(/^ {4}at .*\/code\/index\.js:\d+:\d+\)?$/);
    expect(failed.stackTrace.join('\n')).not.toMatch(/\/tmp\/|\/work\/|fc3-role-emulator|node-bootstrap/);
    await createFunction('pywhere', PYTHON_ECHO, { runtime: 'python3.10', handler: 'index.cwd' });
    expect((await invoke('pywhere', '')).body).toBe('/code');
    await createFunction('pyfail', PYTHON_ECHO, { runtime: 'python3.10', handler: 'index.fail' });
    const pyFailed = JSON.parse((await invoke('pyfail', '')).body) as { stackTrace: string[] };
    expect(pyFailed.stackTrace.join('\n')).toContain('File "/code/index.py"');
    expect(pyFailed.stackTrace.join('\n')).not.toMatch(/\/tmp\/|\/work\/|fc3-role-emulator/);
  });

  test('a handler that exits the process answers FC\'s documented message', async () => {
    await createFunction('quitter', NODE_BASIC, { handler: 'index.exit' });
    const res = await invoke('quitter', '');
    expect(res.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(JSON.parse(res.body)).toEqual({
      errorMessage: expect.stringMatching(/^Process exited unexpectedly before completing request \(duration: \d+ms, maxMemoryUsage: 0MB\)$/),
    });
  });

  test('the function timeout kills the handler and reports a timeout error', async () => {
    await createFunction('slow', NODE_BASIC, { handler: 'index.hang', timeout: 1 });
    const res = await invoke('slow', '', { xFcLogType: 'Tail' });
    expect(res.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(JSON.parse(res.body)).toEqual({ errorMessage: 'Function timed out after 1 seconds' });
    const record = emu.current.state.getAccount(ACCOUNT).fc.findInvocation(res.headers['x-fc-request-id']);
    expect(record?.status).toBe('TimedOut');
  });

  test('Tail returns the base64 log tail (at most 4 KB) with FC start/end lines', async () => {
    await createFunction('chatty', NODE_BASIC, { handler: 'index.chatty' });
    const res = await invoke('chatty', '', { xFcLogType: 'Tail' });
    const requestId = res.headers['x-fc-request-id'];
    const tail = Buffer.from(res.headers['x-fc-log-result'], 'base64');
    expect(tail.length).toBeLessThanOrEqual(4096);
    const text = tail.toString('utf8');
    expect(text).toContain(`[INFO] done logging`);
    expect(text.endsWith(`FC Invoke End RequestId: ${requestId}\n`)).toBe(true);
    const full = emu.current.state.getAccount(ACCOUNT).fc.findInvocation(requestId)?.log ?? '';
    expect(full.startsWith(`FC Invoke Start RequestId: ${requestId}\n`)).toBe(true);
    expect(full).toContain(`${requestId} [INFO] line 0 `);
    expect((await invoke('chatty', '')).headers['x-fc-log-result']).toBeUndefined();
  });

  test('Async answers 202 at once and records the result for waitForInvocation', async () => {
    await createFunction('bg', NODE_BASIC);
    const res = await invoke('bg', 'later', { xFcInvocationType: 'Async' });
    expect(res.status).toBe(202);
    expect(res.body).toBe('');
    const record = await emu.current.state.getAccount(ACCOUNT).fc.waitForInvocation(res.headers['x-fc-request-id']);
    expect(record.invocationType).toBe('Async');
    expect(record.status).toBe('Succeeded');
    expect(JSON.parse(record.body?.toString('utf8') ?? '{}').event).toBe('later');
  });

  test('a missing function and a non-LATEST qualifier are platform errors', async () => {
    await expect(invoke('nope', '')).rejects.toMatchObject({ code: 'FunctionNotFound', statusCode: 404 });
    await createFunction('q', NODE_BASIC);
    const fc = fcClient(emu.current);
    await expect(fc.invokeFunction('q', new $Fc.InvokeFunctionRequest({ qualifier: 'prod' })))
      .rejects.toMatchObject({ code: 'VersionNotFound', statusCode: 404 });
  });
});

describe('InvokeFunction with the function role against OSS', () => {
  function writeEvent(objectName: string): string {
    return JSON.stringify({ bucket: BUCKET, objectName, message: `hello from ${objectName}`, endpoint: emu.current.endpoint });
  }

  test('with AliyunOSSFullAccess on the role, the handler writes the object', async () => {
    const role = await createFcRole('writer-role', ['AliyunOSSFullAccess']);
    await createFunction('writer', OSS_WRITER, { handler: 'index.handler', role, timeout: 20 });
    const res = await invoke('writer', writeEvent('out/ok.txt'));
    expect(res.headers['x-fc-error-type']).toBeUndefined();
    expect(JSON.parse(res.body)).toEqual({ bucket: BUCKET, objectName: 'out/ok.txt' });
    const got = await ossClient(emu.current, rootCredentials(emu.current), BUCKET).get('out/ok.txt');
    expect(got.content.toString()).toBe('hello from out/ok.txt');
  });

  test('without an OSS policy on the role, the invocation reports AccessDenied', async () => {
    const role = await createFcRole('bare-role');
    await createFunction('denied', OSS_WRITER, { handler: 'index.handler', role, timeout: 20 });
    const res = await invoke('denied', writeEvent('out/denied.txt'), { xFcLogType: 'Tail' });
    expect(res.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    const body = JSON.parse(res.body);
    expect(body.errorMessage).toContain('AccessDenied');
    expect(body.errorType).toBe('AccessDeniedError');
    expect(emu.current.state.getAccount(ACCOUNT).oss.findObject(BUCKET, 'out/denied.txt')).toBeUndefined();
    const log = Buffer.from(res.headers['x-fc-log-result'], 'base64').toString('utf8');
    expect(log).toContain('AccessDenied');
  });
});

describe('InvokeFunction (Python)', () => {
  test('echoes the event as bytes, with credentials only when the function has a role', async () => {
    const role = await createFcRole('py-role');
    await createFunction('py-plain', PYTHON_ECHO, { runtime: 'python3.10', handler: 'index.handler' });
    await createFunction('py-role', PYTHON_ECHO, { runtime: 'python3.12', handler: 'index.handler', role });
    const plain = await invoke('py-plain', 'ping');
    expect(JSON.parse(plain.body)).toEqual({
      event: 'ping',
      isBytes: true,
      hasCredentials: false,
      hasToken: false,
      requestId: plain.headers['x-fc-request-id'],
      functionName: 'py-plain',
      memory: 128,
      region: 'cn-hangzhou',
      accountId: ACCOUNT,
    });
    const withRole = await invoke('py-role', 'pong', { xFcLogType: 'Tail' });
    expect(JSON.parse(withRole.body)).toMatchObject({ event: 'pong', hasCredentials: true, hasToken: true });
    const log = Buffer.from(withRole.headers['x-fc-log-result'], 'base64').toString('utf8');
    expect(log).toContain('[INFO] python got 4 bytes');
    expect(log).toContain('printed from python');
  });

  test('a raised exception is an UnhandledInvocationError with the Python type', async () => {
    await createFunction('py-fail', PYTHON_ECHO, { runtime: 'python3', handler: 'index.fail' });
    const res = await invoke('py-fail', '');
    expect(res.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(JSON.parse(res.body)).toMatchObject({ errorMessage: 'python failure', errorType: 'ValueError' });
  });
});
