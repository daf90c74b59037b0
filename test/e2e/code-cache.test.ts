/**
 * The chunks of dist/ load through V8's code cache (scripts/chunk-loader.js): the first process writes a
 * cache per chunk into the user's cache folder, the next loads from it, a cache V8 rejects is written
 * again, and FC3_ROLE_CODE_CACHE=0 turns it off. Each case runs a fresh node process on dist/index.js.
 */
import { execFile } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { REPO_ROOT } from '../helpers/s-cli';

interface Loaded {
  chunk: string;
  fromCache: boolean;
}

/** Loads the component, runs `plan` on props that fail validation (that loads dist/commands.js), reports the loads. */
const SCRIPT = `
  const m = require(process.argv[1]);
  const c = new (m.default || m)({});
  c.plan({ props: { region: 'nowhere' }, args: [], cwd: process.cwd() }).then(
    () => { throw new Error('expected a validation error'); },
    () => {
      const s = globalThis[Symbol.for('fc3-role.code-cache')];
      process.stdout.write(JSON.stringify({ dir: s ? s.dir : null, loaded: s ? s.loaded : [] }));
    },
  );`;

let cacheHome = '';
let cwd = '';
beforeEach(() => {
  cacheHome = mkdtempSync(join(tmpdir(), 'fc3-role-code-cache-'));
  cwd = mkdtempSync(join(tmpdir(), 'fc3-role-code-cache-cwd-'));
});
afterEach(() => {
  rmSync(cacheHome, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });
});

async function run(env: Record<string, string> = {}): Promise<{ dir: string | null; loaded: Loaded[] }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', SCRIPT, join(REPO_ROOT, 'dist', 'index.js')], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: cwd, XDG_CACHE_HOME: cacheHome, ...env },
  });
  return JSON.parse(stdout) as { dir: string | null; loaded: Loaded[] };
}

const cacheDir = (): string => join(cacheHome, 'fc3-role', 'code-cache');
const commandsCache = (): string[] => readdirSync(cacheDir()).filter((f) => f.startsWith('commands.js-'));

describe('the code cache of dist/ chunks', () => {
  test('the first run writes a cache per chunk it loaded; the next loads from it', async () => {
    const first = await run();
    expect(first.dir).toBe(cacheDir());
    expect(first.loaded).toEqual([{ chunk: 'commands.js', fromCache: false }]);
    expect(commandsCache()).toHaveLength(1);

    const second = await run();
    expect(second.loaded).toEqual([{ chunk: 'commands.js', fromCache: true }]);
    expect(commandsCache()).toHaveLength(1);
  });

  test('a cache V8 rejects is not used, and is written again', async () => {
    await run();
    const [file] = commandsCache();
    if (!file) throw new Error('no cache written');
    writeFileSync(join(cacheDir(), file), 'not a V8 code cache');
    const after = await run();
    expect(after.loaded).toEqual([{ chunk: 'commands.js', fromCache: false }]);
    expect(readFileSync(join(cacheDir(), file), 'utf8')).not.toBe('not a V8 code cache');
    expect((await run()).loaded).toEqual([{ chunk: 'commands.js', fromCache: true }]);
  });

  test('FC3_ROLE_CODE_CACHE=0 loads the chunks plainly and writes nothing', async () => {
    const off = await run({ FC3_ROLE_CODE_CACHE: '0' });
    expect(off.dir).toBeUndefined();
    expect(readdirSync(cacheHome)).toEqual([]);
  });
});
