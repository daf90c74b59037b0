/**
 * `s invoke` event flags through the real `s` CLI against the emulator: every event source in its
 * precedence, a missing event file.
 * Needs dist/index.js (npm run prepare-test).
 */
import { join } from 'path';
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
    'name: invoke-cli',
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

/** The body `s invoke --silent -o json` returned. */
async function bodyOf(args: string[], cwd: string, input?: string): Promise<unknown> {
  const r = await s([...args, '--silent', '-o', 'json'], cwd, input);
  const out = parseJsonOutput(r.stdout) as { body?: unknown };
  return out.body;
}

describe('s invoke: event sources', () => {
  beforeEach(async () => {
    await createFunction(emulator.current, { name: 'echo', source: 'echo.js' });
  });

  it('-e, -f, -f - and -s each win over the props event (props inline alone: invoke-scenario)', async () => {
    const cwd = makeProject(yaml('echo', ['event: {"from": "props"}']), { 'ev.json': '{"from":"file"}' });
    expect(await bodyOf(['invoke', '-e', '{"from":"flag"}'], cwd)).toBe('{"from":"flag"}');
    expect(await bodyOf(['invoke', '-f', 'ev.json'], cwd)).toBe('{"from":"file"}');
    expect(await bodyOf(['invoke', '-f', '-'], cwd, 'dash-stdin')).toBe('dash-stdin');
    expect(await bodyOf(['invoke', '-s'], cwd, 'piped-stdin')).toBe('piped-stdin');
  });

  it('props event file relative to s.yaml', async () => {
    const cwd = makeProject(yaml('echo', ['eventFile: ./events/test.json']), { 'events/test.json': '{"from":"props-file"}' });
    expect(await bodyOf(['invoke'], cwd)).toBe('{"from":"props-file"}');
  });

  it('a missing event file fails non-zero naming the file', async () => {
    const cwd = makeProject(yaml('echo'));
    const r = await s(['invoke', '-f', 'missing.json'], cwd);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain(join(cwd, 'missing.json'));
  });
});
