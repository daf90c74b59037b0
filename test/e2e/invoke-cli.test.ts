/**
 * `s invoke` event flags through the real `s` CLI against the emulator: every event source in its
 * precedence, a missing event file.
 * Needs dist/index.js (npm run prepare-test).
 */
import { join } from 'path';
import { createFunction } from '../fixtures/invoke/functions';
import { invokeProject, jsonResult, useE2E } from './harness';

const e2e = useE2E();

const project = (functionName: string, opts: Parameters<typeof invokeProject>[2] = {}): string => invokeProject('fc-invoke-cli', functionName, opts);

/** The body `s invoke --silent -o json` returned. */
async function bodyOf(args: string[], dir: string, input?: string): Promise<unknown> {
  return jsonResult(await e2e.s(dir, [...args, '--silent', '-o', 'json'], { input })).body;
}

describe('s invoke: event sources', () => {
  beforeEach(async () => {
    await createFunction(e2e.emu, { name: 'echo', source: 'echo.js' });
  });

  it('-e, -f, -f - and -s each win over the props event (props inline alone: invoke-scenario)', async () => {
    const dir = project('echo', { invoke: { event: { from: 'props' } }, files: { 'ev.json': '{"from":"file"}' } });
    expect(await bodyOf(['invoke', '-e', '{"from":"flag"}'], dir)).toBe('{"from":"flag"}');
    expect(await bodyOf(['invoke', '-f', 'ev.json'], dir)).toBe('{"from":"file"}');
    expect(await bodyOf(['invoke', '-f', '-'], dir, 'dash-stdin')).toBe('dash-stdin');
    expect(await bodyOf(['invoke', '-s'], dir, 'piped-stdin')).toBe('piped-stdin');
  });

  it('props event file relative to s.yaml', async () => {
    const dir = project('echo', { invoke: { eventFile: './events/test.json' }, files: { 'events/test.json': '{"from":"props-file"}' } });
    expect(await bodyOf(['invoke'], dir)).toBe('{"from":"props-file"}');
  });

  it('a missing event file fails non-zero naming the file', async () => {
    const dir = project('echo');
    const r = await e2e.s(dir, ['invoke', '-f', 'missing.json']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain(join(dir, 'missing.json'));
  });
});
