/**
 * What a handler process can reach and how long it lives: only the packages the real Node.js runtime
 * provides (ali-oss), and handlers belong to ONE emulator: its reset() and close() kill them, another
 * emulator's close() does not.
 */
import * as $Fc from '@alicloud/fc20230330';
import * as $dara from '@darabonba/typescript';
import AdmZip from 'adm-zip';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { startEmulator, type Emulator } from '../../emulator';
import { fcClient } from '../helpers/clients';

/** Loads the module named by the event; reports a failure with its error code. */
const REQUIRER = `
exports.handler = async (event) => {
  const name = event.toString('utf8');
  try {
    require(name);
  } catch (err) {
    throw new Error(err.code + ': ' + err.message.split('\\n')[0]);
  }
  return 'loaded ' + name;
};`;

/** Writes its pid to event.pidFile, then calls the emulator every 50 ms until killed. */
const PESTER = `
const fs = require('fs');
const http = require('http');
exports.handler = async (event) => {
  const input = JSON.parse(event.toString('utf8'));
  fs.writeFileSync(input.pidFile, String(process.pid));
  for (;;) {
    await new Promise((done) => {
      const req = http.request({ host: '127.0.0.1', port: input.port, path: '/pester-bucket/key', method: 'GET' }, (res) => {
        res.resume();
        res.on('end', done);
      });
      req.on('error', done);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 50));
  }
};`;

function zipOf(source: string): string {
  const zip = new AdmZip();
  zip.addFile('index.js', Buffer.from(source, 'utf8'));
  return zip.toBuffer().toString('base64');
}

async function createFunction(emu: Emulator, name: string, source: string, timeout = 60): Promise<void> {
  await fcClient(emu).createFunction(new $Fc.CreateFunctionRequest({
    body: new $Fc.CreateFunctionInput({
      functionName: name,
      runtime: 'nodejs18',
      handler: 'index.handler',
      timeout,
      code: new $Fc.InputCodeLocation({ zipFile: zipOf(source) }),
    }),
  }));
}

async function invokeSync(emu: Emulator, name: string, payload: string): Promise<{ errorType?: string; body: string }> {
  const res = await fcClient(emu).invokeFunction(name, new $Fc.InvokeFunctionRequest({ body: Readable.from([Buffer.from(payload)]) }));
  const chunks: Buffer[] = [];
  for await (const chunk of res.body ?? []) chunks.push(Buffer.from(chunk as Buffer));
  return { errorType: res.headers?.['x-fc-error-type'], body: Buffer.concat(chunks).toString('utf8') };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` every 20 ms; fails after `limitMs` (a safety net, not a timing assertion). */
async function waitFor(check: () => boolean, what: string, limitMs = 300_000): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited >= limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let workDir = '';
const running = new Set<Emulator>();

async function emulator(): Promise<Emulator> {
  const emu = await startEmulator();
  running.add(emu);
  return emu;
}

async function close(emu: Emulator): Promise<void> {
  running.delete(emu);
  await emu.close();
}

/** Starts the pestering handler asynchronously; resolves with its pid once it runs. */
async function startPester(emu: Emulator, tag: string): Promise<number> {
  await createFunction(emu, 'pester', PESTER, 60);
  const pidFile = join(workDir, `${tag}.pid`);
  const headers = new $Fc.InvokeFunctionHeaders({ xFcInvocationType: 'Async' });
  const payload = Readable.from([Buffer.from(JSON.stringify({ pidFile, port: emu.port }))]);
  const request = new $Fc.InvokeFunctionRequest({ body: payload });
  const res = await fcClient(emu).invokeFunctionWithOptions('pester', request, headers, new $dara.RuntimeOptions({}));
  expect(res.statusCode).toBe(202);
  await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 'the handler to start');
  return Number(readFileSync(pidFile, 'utf8'));
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'fc-runtime-isolation-'));
});

afterAll(async () => {
  for (const emu of [...running]) await close(emu);
  rmSync(workDir, { recursive: true, force: true });
});

describe('packages a Node.js handler can require', () => {
  test('ali-oss (with its own dependencies) is provided; our other packages are not', async () => {
    const emu = await emulator();
    // A generous function timeout: loading ali-oss can take seconds on a busy machine.
    await createFunction(emu, 'requirer', REQUIRER, 60);
    expect(await invokeSync(emu, 'requirer', 'ali-oss')).toEqual({ errorType: undefined, body: 'loaded ali-oss' });
    for (const name of ['minimist', 'adm-zip', '@alicloud/ram20150501']) {
      const result = await invokeSync(emu, 'requirer', name);
      expect(result.errorType).toBe('UnhandledInvocationError');
      expect(JSON.parse(result.body).errorMessage).toBe(`MODULE_NOT_FOUND: Cannot find module '${name}'`);
    }
  });
});

describe('handler processes belong to one emulator', () => {
  test('reset() kills the running handlers: nothing reaches the next test\'s request log', async () => {
    const emu = await emulator();
    const pid = await startPester(emu, 'reset');
    await waitFor(() => emu.requests.count({ product: 'oss' }) > 0, 'the handler to call the emulator');
    emu.reset();
    await waitFor(() => !isAlive(pid), 'the handler process to die');
    // A call already on the wire when reset() ran may still be served; from now on nothing may come.
    emu.requests.clear();
    await new Promise((r) => setTimeout(r, 200));
    expect(emu.requests.list()).toEqual([]);
    expect(emu.state.fcRuntime.runningCount).toBe(0);
  });

  test("one emulator's close() leaves another emulator's handlers running", async () => {
    const first = await emulator();
    const second = await emulator();
    const pid = await startPester(second, 'close');
    await close(first);
    expect(isAlive(pid)).toBe(true);
    expect(second.state.fcRuntime.runningCount).toBe(1);
    await close(second);
    await waitFor(() => !isAlive(pid), 'the handler process to die');
  });
});
