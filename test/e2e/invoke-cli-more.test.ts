/**
 * More of `s invoke` through the real `s` CLI: event files that are not JSON (sent as the exact
 * bytes), precedence when several sources are given, qualifiers, the default timeout (the function's
 * own + 5 s), a Python handler, a handler that times out, and a failing function under `-o json`.
 * Needs dist/index.js (npm run prepare-test).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseJsonOutput, type SResult } from '../helpers/s-cli';
import { createFunction, FIXTURES } from '../fixtures/invoke/functions';
import { invokeProject, jsonResult, useE2E } from './harness';

const e2e = useE2E();
const NOT_JSON = readFileSync(join(FIXTURES, 'not-json.txt'), 'utf8');

const project = (functionName: string, opts: Parameters<typeof invokeProject>[2] = {}): string => invokeProject('fc-invoke-more', functionName, opts);
const all = (r: SResult): string => `${r.stdout}\n${r.stderr}`;

describe('events that are not JSON', () => {
  beforeEach(() => createFunction(e2e.emu, { name: 'echo', source: 'echo.js' }));

  it('props eventFile with non-JSON content: the handler receives the exact bytes', async () => {
    const dir = project('echo', { invoke: { eventFile: './event.txt' }, files: { 'event.txt': NOT_JSON } });
    expect(jsonResult(await e2e.s(dir, ['invoke', '--silent', '-o', 'json'])).body).toBe(NOT_JSON);
  });

  it('-f with non-JSON content: the handler receives the exact bytes', async () => {
    const dir = project('echo', { files: { 'raw.txt': NOT_JSON } });
    expect(jsonResult(await e2e.s(dir, ['invoke', '-f', 'raw.txt', '--silent', '-o', 'json'])).body).toBe(NOT_JSON);
  });

  it('-e wins over -f and -s when all are given', async () => {
    const dir = project('echo', { invoke: { event: 'from-props' }, files: { 'ev.txt': 'from-file' } });
    const r = await e2e.s(dir, ['invoke', '-s', '-f', 'ev.txt', '-e', 'from-flag', '--silent', '-o', 'json'], { input: 'from-stdin' });
    expect(jsonResult(r).body).toBe('from-flag');
  });
});

describe('qualifiers, runtimes and timeouts', () => {
  it('qualifier LATEST given explicitly works; an unknown one fails with a clear error', async () => {
    await createFunction(e2e.emu, { name: 'echo', source: 'echo.js' });
    const dir = project('echo');
    expect(jsonResult(await e2e.s(dir, ['invoke', '--qualifier', 'LATEST', '-e', 'hi', '--silent', '-o', 'json']))).toMatchObject({ qualifier: 'LATEST', body: 'hi' });
    const r = await e2e.s(dir, ['invoke', '--qualifier', 'v9', '-e', 'hi']);
    expect(r.code).not.toBe(0);
    expect(all(r)).toMatch(/function echo in cn-hangzhou \(qualifier v9\)/);
    expect(all(r)).toContain('qualifier v9 does not exist for echo: use --qualifier LATEST');
  });

  it('a Python handler', async () => {
    await createFunction(e2e.emu, { name: 'py-echo', source: 'echo.py' });
    const r = await e2e.s(project('py-echo'), ['invoke', '-e', '{"lang":"python"}', '--silent', '-o', 'json']);
    expect(jsonResult(r)).toMatchObject({ functionName: 'py-echo', statusCode: 200, body: '{"lang":"python"}' });
    expect(String(jsonResult(r).logs)).toContain('echo: 17 bytes');
  });

  it('a handler that runs past the function timeout fails the command, saying it timed out', async () => {
    await createFunction(e2e.emu, { name: 'sleepy', source: 'sleeper.js', timeout: 1 });
    const r = await e2e.s(project('sleepy'), ['invoke', '-e', '{"ms":3000}']);
    expect(r.code).not.toBe(0);
    expect(all(r)).toMatch(/Function timed out after 1 seconds/);
  });

  it('the default client timeout is the function timeout + 5 s', async () => {
    await createFunction(e2e.emu, { name: 'slow-answer', source: 'echo.js', timeout: 1 });
    // FC does not answer until the test lets it: s must give up by itself after 1 + 5 s and end the call.
    let answer = (): void => undefined;
    e2e.emu.faults.sleep = () => new Promise<void>((resolve) => (answer = resolve));
    e2e.emu.faults.add({ product: 'fc', action: 'InvokeFunction', latencyMs: 1, times: 1 });
    try {
      const r = await e2e.s(project('slow-answer'), ['invoke', '-e', 'x']);
      expect(r.code).not.toBe(0);
      expect(all(r)).toContain('InvokeFunction of function slow-answer in cn-hangzhou (qualifier LATEST): no answer within 6 s');
    } finally {
      answer();
    }
  });
});

describe('a failing function and -o', () => {
  it('returns the output with errorType, body and logs under --silent -o json and still fails the process; without -o too', async () => {
    await createFunction(e2e.emu, { name: 'thrower', source: 'thrower.js' });
    const dir = project('thrower');
    const machine = await e2e.s(dir, ['invoke', '-e', 'oops', '--silent', '-o', 'json']);
    expect(machine.code).toBe(101);
    expect(machine.stderr).toMatch(/✖ \[fn-role\] failed to \[invoke\] \(FunctionFailed\):\nInvokeFunction of function thrower/);
    const output = parseJsonOutput(machine.stdout) as Record<string, unknown>;
    expect(output).toMatchObject({ functionName: 'thrower', statusCode: 200, errorType: 'UnhandledInvocationError', body: expect.stringContaining('boom: oops') });
    expect(String(output.logs)).toContain('thrower: about to fail');

    const person = await e2e.s(dir, ['invoke', '-e', 'oops']);
    expect(person.code).not.toBe(0);
    expect(person.stdout).toContain('boom: oops');
  });
});
