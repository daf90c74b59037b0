/**
 * Warm instances (emulator/fc/runtime/instance.ts): as FC documents, an instance that finished a request
 * is frozen and reused by the next one (module state persists), runs one request at a time, and a new
 * configuration gets new instances. An instance that crashed or timed out is not reused.
 */
import * as $Fc from '@alicloud/fc20230330';
import { RuntimeOptions } from '@darabonba/typescript';
import AdmZip from 'adm-zip';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import type { Emulator } from '../../emulator';
import { useEmulator } from '../helpers/emulator';
import { fcClient } from '../helpers/clients';

const emulator = useEmulator();

/** Counts its invocations in module state; the event picks what it does. */
const COUNTER = `
let count = 0;
exports.handler = async (event, context) => {
  count += 1;
  const what = event.toString('utf8');
  if (what === 'fail') throw new Error('failed on purpose at ' + count);
  if (what === 'crash') { setImmediate(() => { throw new Error('crash at ' + count); }); await new Promise(() => undefined); }
  if (what === 'hang') await new Promise(() => undefined);
  if (what.startsWith('barrier:')) {
    // Both concurrent requests must be running before either answers: each leaves a file, then waits for two.
    const fs = require('fs');
    const dir = what.slice('barrier:'.length);
    fs.writeFileSync(dir + '/' + context.requestId, '');
    while (fs.readdirSync(dir).length < 2) await new Promise((r) => setTimeout(r, 20));
  }
  if (what === 'exit') process.exit(3);
  console.log('invocation ' + count + ' of ' + context.requestId);
  return JSON.stringify({ count, variable: process.env.GREETING || '', token: process.env.ALIBABA_CLOUD_SECURITY_TOKEN || '' });
};`;

/** The same in Python. */
const PY_COUNTER = [
  'import json',
  'count = 0',
  'def handler(event, context):',
  '    global count',
  '    count += 1',
  '    if event == b"fail":',
  '        raise ValueError("failed on purpose at %d" % count)',
  '    print("invocation %d of %s" % (count, context.request_id))',
  '    return json.dumps({"count": count})',
  '',
].join('\n');

function zipOf(file: string, source: string): string {
  const zip = new AdmZip();
  zip.addFile(file, Buffer.from(source, 'utf8'));
  return zip.toBuffer().toString('base64');
}

/** Room for a handler to start on a busy machine; only the 'hang' case runs into its timeout. */
async function createCounter(emu: Emulator, timeout = 60, python = false): Promise<void> {
  await fcClient(emu).createFunction(new $Fc.CreateFunctionRequest({
    body: new $Fc.CreateFunctionInput({
      functionName: 'counter',
      runtime: python ? 'python3.10' : 'nodejs20',
      handler: 'index.handler',
      timeout,
      code: new $Fc.InputCodeLocation({ zipFile: python ? zipOf('index.py', PY_COUNTER) : zipOf('index.js', COUNTER) }),
    }),
  }));
}

interface Answer {
  instance: string;
  errorType?: string;
  body: string;
  log: string;
}

async function invoke(emu: Emulator, what = ''): Promise<Answer> {
  const res = await fcClient(emu).invokeFunctionWithOptions(
    'counter',
    new $Fc.InvokeFunctionRequest({ body: Readable.from([Buffer.from(what)]) }),
    new $Fc.InvokeFunctionHeaders({ xFcLogType: 'Tail' }),
    new RuntimeOptions({}),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of res.body ?? []) chunks.push(Buffer.from(chunk as Buffer));
  const headers = res.headers ?? {};
  return {
    instance: headers['x-fc-instance-id'] ?? '',
    errorType: headers['x-fc-error-type'],
    body: Buffer.concat(chunks).toString('utf8'),
    log: Buffer.from(headers['x-fc-log-result'] ?? '', 'base64').toString('utf8'),
  };
}

const countOf = (a: Answer): number => (JSON.parse(a.body) as { count: number }).count;

describe('warm instances', () => {
  test('the next request reuses the frozen instance: same instance id, module state kept, its own log', async () => {
    const emu = emulator.current;
    await createCounter(emu);
    const first = await invoke(emu);
    const second = await invoke(emu);
    expect(second.instance).toBe(first.instance);
    expect([countOf(first), countOf(second)]).toEqual([1, 2]);
    expect(second.log).toContain('invocation 2 of');
    expect(second.log).not.toContain('invocation 1 of');
    expect(emu.state.fcRuntime.runningCount).toBe(1);
  });

  test('Python too: the frozen instance serves the next request, a raised error keeps it', async () => {
    const emu = emulator.current;
    await createCounter(emu, 60, true);
    const first = await invoke(emu);
    const failed = await invoke(emu, 'fail');
    const third = await invoke(emu);
    expect(new Set([first.instance, failed.instance, third.instance]).size).toBe(1);
    expect(JSON.parse(failed.body)).toMatchObject({ errorType: 'ValueError', errorMessage: 'failed on purpose at 2' });
    expect([countOf(first), countOf(third)]).toEqual([1, 3]);
    expect(third.log).toContain('invocation 3 of');
    expect(third.log).not.toContain('invocation 1 of');
  });

  test('a handler error keeps the instance; a crash or an exit ends it', async () => {
    const emu = emulator.current;
    await createCounter(emu);
    const first = await invoke(emu);
    const failed = await invoke(emu, 'fail');
    expect(failed.errorType).toBe('UnhandledInvocationError');
    expect(failed.instance).toBe(first.instance);
    expect(JSON.parse(failed.body)).toMatchObject({ errorMessage: 'failed on purpose at 2' });

    const crashed = await invoke(emu, 'crash');
    expect(crashed.instance).toBe(first.instance);
    expect(JSON.parse(crashed.body)).toMatchObject({ errorMessage: 'crash at 3' });
    const afterCrash = await invoke(emu);
    expect(afterCrash.instance).not.toBe(first.instance);
    expect(countOf(afterCrash)).toBe(1);

    const exited = await invoke(emu, 'exit');
    expect(JSON.parse(exited.body).errorMessage).toMatch(/^Process exited unexpectedly before completing request/);
    const afterExit = await invoke(emu);
    expect(afterExit.instance).not.toBe(afterCrash.instance);
    expect(countOf(afterExit)).toBe(1);
  });

  test('a timed-out request ends its instance', async () => {
    const emu = emulator.current;
    await createCounter(emu, 1);
    const hung = await invoke(emu, 'hang');
    expect(JSON.parse(hung.body)).toEqual({ errorMessage: 'Function timed out after 1 seconds' });
    expect(emu.state.fcRuntime.runningCount).toBe(0);
  });

  test('an instance serves one request at a time: concurrent requests get instances of their own', async () => {
    const emu = emulator.current;
    await createCounter(emu);
    const dir = mkdtempSync(join(tmpdir(), 'fc3-role-instances-'));
    const answers = await Promise.all([invoke(emu, `barrier:${dir}`), invoke(emu, `barrier:${dir}`)]).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(answers.every((a) => a.errorType === undefined)).toBe(true);
    expect(new Set(answers.map((a) => a.instance)).size).toBe(2);
    expect(emu.state.fcRuntime.runningCount).toBe(2);
  });

  test('after an update, requests go to a new instance with the new configuration', async () => {
    const emu = emulator.current;
    await createCounter(emu);
    const before = await invoke(emu);
    await fcClient(emu).updateFunction('counter', new $Fc.UpdateFunctionRequest({
      body: new $Fc.UpdateFunctionInput({ environmentVariables: { GREETING: 'hello' } }),
    }));
    const after = await invoke(emu);
    expect(after.instance).not.toBe(before.instance);
    expect(JSON.parse(after.body)).toMatchObject({ count: 1, variable: 'hello' });
  });

  test('reset() destroys the frozen instances', async () => {
    const emu = emulator.current;
    await createCounter(emu);
    await invoke(emu);
    expect(emu.state.fcRuntime.runningCount).toBe(1);
    emu.reset();
    expect(emu.state.fcRuntime.runningCount).toBe(0);
  });
});
