/**
 * `s invoke` modes through the real `s` CLI against the emulator: async, a failing handler's exit
 * code, a missing function, and `s cli` mode with flags alone (no s.yaml props).
 * Needs dist/index.js (npm run prepare-test).
 */
import { makeProject, REPO_ROOT } from '../helpers/s-cli';
import { createFunction } from '../fixtures/invoke/functions';
import { invokeProject, jsonResult, useE2E } from './harness';

const e2e = useE2E();

const project = (functionName: string): string => invokeProject('fc-invoke-cli', functionName);

describe('s invoke: async', () => {
  it('async prints the request id and returns 202', async () => {
    await createFunction(e2e.emu, { name: 'echo', source: 'echo.js' });
    const r = await e2e.s(project('echo'), ['invoke', '--invocation-type', 'async', '-e', 'x', '--silent', '-o', 'json']);
    expect(jsonResult(r)).toMatchObject({ statusCode: 202, body: '', requestId: expect.stringMatching(/\S/) });
  });
});

describe('s invoke: failures', () => {
  it('a handler that throws exits non-zero with the error type and message', async () => {
    await createFunction(e2e.emu, { name: 'thrower', source: 'thrower.js' });
    const r = await e2e.s(project('thrower'), ['invoke', '-e', 'oops']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('UnhandledInvocationError');
    expect(r.stdout).toContain('boom: oops');
  });

  it('a missing function exits non-zero naming the function, the region and what to do', async () => {
    const r = await e2e.s(project('ghost'), ['invoke']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/ghost.*cn-hangzhou/);
    expect(r.stdout).toContain('deploy');
  });
});

describe('s cli mode', () => {
  it('works with flags alone', async () => {
    await createFunction(e2e.emu, { name: 'echo', source: 'echo.js' });
    const r = await e2e.s(makeProject(''), [
      'cli', REPO_ROOT, 'invoke', '-a', 'default', '--region', 'cn-hangzhou', '--function-name', 'echo', '-e', 'cli-mode', '--silent', '-o', 'json',
    ]);
    expect(jsonResult(r)).toMatchObject({ functionName: 'echo', body: 'cli-mode' });
  });
});
