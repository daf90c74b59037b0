import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { planEventSource, readEventBytes } from '../../src/invoke/event';
import { isFc3RoleError } from '../../src/errors';

const dir = mkdtempSync(join(tmpdir(), 'fc3-role-invoke-event-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = { cwd: '/work/cwd' };

describe('planEventSource (precedence)', () => {
  const all = {
    ...base,
    flagEvent: 'E',
    flagEventFile: 'f.json',
    flagEventStdin: true,
    propsEvent: { source: 'inline' as const, text: '{"a":1}' },
  };

  it('-e wins over everything', () => {
    expect(planEventSource(all)).toEqual({ kind: 'inline', text: 'E', origin: '--event' });
  });

  it('then -f (relative to cwd), where `-` means stdin', () => {
    expect(planEventSource({ ...all, flagEvent: undefined })).toEqual({
      kind: 'file',
      path: '/work/cwd/f.json',
      origin: '--event-file',
    });
    expect(planEventSource({ ...all, flagEvent: undefined, flagEventFile: '-' })).toEqual({ kind: 'stdin', origin: '--event-file -' });
  });

  it('then -s, then the props event (inline or read from the props file by config)', () => {
    const noFlags = { ...all, flagEvent: undefined, flagEventFile: undefined };
    expect(planEventSource(noFlags)).toEqual({ kind: 'stdin', origin: '--event-stdin' });
    expect(planEventSource({ ...noFlags, flagEventStdin: false })).toEqual({
      kind: 'inline',
      text: '{"a":1}',
      origin: 'props.invoke.event',
    });
    const fromFile = { source: 'file' as const, text: 'file text', path: '/work/yaml/p.json' };
    expect(planEventSource({ ...noFlags, flagEventStdin: false, propsEvent: fromFile })).toEqual({
      kind: 'inline',
      text: 'file text',
      origin: 'props.invoke.eventFile',
    });
    expect(planEventSource({ ...noFlags, flagEventStdin: false, propsEvent: undefined })).toEqual({ kind: 'none' });
  });

  it('no event at all is an empty body; -e "" is an explicit empty event', () => {
    expect(planEventSource(base)).toEqual({ kind: 'none' });
    expect(planEventSource({ ...base, flagEvent: '' })).toEqual({ kind: 'inline', text: '', origin: '--event' });
  });
});

describe('readEventBytes', () => {
  it('reads inline text, files and stdin as-is (invalid JSON included)', async () => {
    const file = join(dir, 'ev.json');
    writeFileSync(file, '{not json');
    expect((await readEventBytes({ kind: 'file', path: file, origin: '--event-file' }, Readable.from([]))).toString()).toBe('{not json');
    expect((await readEventBytes({ kind: 'inline', text: 'héllo', origin: '--event' }, Readable.from([]))).toString()).toBe('héllo');
    const stdin = Readable.from([Buffer.from('{"from":'), Buffer.from('"stdin"}')]);
    expect((await readEventBytes({ kind: 'stdin', origin: '--event-stdin' }, stdin)).toString()).toBe('{"from":"stdin"}');
    expect((await readEventBytes({ kind: 'none' }, Readable.from([]))).length).toBe(0);
  });

  it('a missing or unreadable event file is EventFileUnreadable naming the path', async () => {
    const missing = join(dir, 'missing.json');
    const missingErr = await readEventBytes({ kind: 'file', path: missing, origin: '--event-file' }, Readable.from([])).catch((e: unknown) => e);
    expect(isFc3RoleError(missingErr, 'EventFileUnreadable')).toBe(true);
    expect((missingErr as Error).message).toContain(missing);
    const dirErr = await readEventBytes({ kind: 'file', path: dir, origin: '--event-file' }, Readable.from([])).catch((e: unknown) => e);
    expect(isFc3RoleError(dirErr, 'EventFileUnreadable')).toBe(true);
  });
});
