/**
 * `s invoke` modes through the real `s` CLI against the emulator: async, a failing handler's exit
 * code, a missing function, and `s cli` mode with flags alone (no s.yaml props).
 * Needs dist/index.js (npm run prepare-test).
 */
import { useEmulator } from '../helpers/emulator';
import { REPO_ROOT, makeProject, makeSHome, parseJsonOutput, runS, type SResult } from '../helpers/s-cli';
import { createFunction } from '../fixtures/invoke/functions';

const emulator = useEmulator();
let home = '';

beforeAll(async () => {
  const account = emulator.current.accounts[0]!;
  home = await makeSHome([{ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, accountId: account.id }]);
});

function yaml(functionName: string, invoke: string[] = []): string {
  return [
    'edition: 3.0.0',
    'name: invoke-cli-modes',
    'access: default',
    'resources:',
    '  fn-role:',
    `    component: ${REPO_ROOT}`,
    '    props:',
    '      region: cn-hangzhou',
    '      role:',
    '        name: fc-invoke-cli',
    '      functions:',
    `        - ${functionName}`,
    ...(invoke.length > 0 ? ['      invoke:', ...invoke.map((l) => `        ${l}`)] : []),
    '',
  ].join('\n');
}

const s = (args: string[], cwd: string, input?: string): Promise<SResult> =>
  runS(args, { cwd, home, env: { FC3_ROLE_ENDPOINT: emulator.current.endpoint }, input });

describe('s invoke: async', () => {
  it('async prints the request id and returns 202', async () => {
    await createFunction(emulator.current, { name: 'echo', source: 'echo.js' });
    const cwd = makeProject(yaml('echo'));
    const r = await s(['invoke', '--invocation-type', 'async', '-e', 'x', '--silent', '-o', 'json'], cwd);
    expect(parseJsonOutput(r.stdout)).toMatchObject({ statusCode: 202, body: '', requestId: expect.stringMatching(/\S/) });
  });
});

describe('s invoke: failures', () => {
  it('a handler that throws exits non-zero with the error type and message', async () => {
    await createFunction(emulator.current, { name: 'thrower', source: 'thrower.js' });
    const cwd = makeProject(yaml('thrower'));
    const r = await s(['invoke', '-e', 'oops'], cwd);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('UnhandledInvocationError');
    expect(r.stdout).toContain('boom: oops');
  });

  it('a missing function exits non-zero naming the function, the region and what to do', async () => {
    const cwd = makeProject(yaml('ghost'));
    const r = await s(['invoke'], cwd);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/ghost.*cn-hangzhou/);
    expect(r.stdout).toContain('deploy');
  });
});

describe('s cli mode', () => {
  it('works with flags alone', async () => {
    await createFunction(emulator.current, { name: 'echo', source: 'echo.js' });
    const cwd = makeProject('');
    const r = await s(
      ['cli', REPO_ROOT, 'invoke', '-a', 'default', '--region', 'cn-hangzhou', '--function-name', 'echo', '-e', 'cli-mode', '--silent', '-o', 'json'],
      cwd,
    );
    expect(parseJsonOutput(r.stdout)).toMatchObject({ functionName: 'echo', body: 'cli-mode' });
  });
});
