/**
 * What loading the component costs: the packed size, dist/ chunk by chunk, cold load in fresh node
 * processes against `node -e 0`, which chunks each step loads, and (BENCH_CALLGRIND=1) the instruction
 * counts of the same under valgrind, which a busy machine does not change.
 */
import { execFile, spawnSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { promisify } from 'util';
import AdmZip from 'adm-zip';
import { listPackedFiles, REPO_ROOT } from '../publish-yaml';
import { median } from './measure';

const DIST = join(REPO_ROOT, 'dist');
const ENTRY = join(DIST, 'index.js');

export interface PackedSize {
  files: number;
  raw: number;
  zipped: number;
  chunks: { file: string; bytes: number }[];
}

export function packedSize(): PackedSize {
  const files = listPackedFiles(REPO_ROOT);
  const zip = new AdmZip();
  let raw = 0;
  for (const f of files) {
    const data = readFileSync(join(REPO_ROOT, f));
    raw += data.length;
    zip.addFile(f, data);
  }
  const chunks: { file: string; bytes: number }[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else chunks.push({ file: relative(DIST, join(dir, e.name)), bytes: statSync(join(dir, e.name)).size });
    }
  };
  walk(DIST);
  return { files: files.length, raw, zipped: zip.toBuffer().length, chunks };
}

const LOAD = `const m = require(${JSON.stringify(ENTRY)}); new (m.default || m)({});`;

function wallMs(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export interface ColdLoad {
  /** Median wall time of `node -e 0`. */
  nodeMs: number;
  /** Median wall time of `node -e <require dist/index.js + construct>`. */
  loadMs: number;
  /** Median of require + construct timed inside the process. */
  inProcessMs: number;
}

/** Fresh processes, the two kinds taking turns. */
export function coldLoad(runs: number): ColdLoad {
  const node: number[] = [];
  const load: number[] = [];
  const inside: number[] = [];
  const timed = `const t0 = process.hrtime.bigint(); ${LOAD} process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
  for (let i = 0; i < runs; i++) {
    node.push(wallMs(['-e', '0']));
    load.push(wallMs(['-e', LOAD]));
    inside.push(Number(spawnSync(process.execPath, ['-e', timed], { encoding: 'utf8' }).stdout));
  }
  return { nodeMs: median(node), loadMs: median(load), inProcessMs: median(inside) };
}

/** Instructions executed by `node -e 0` and by the load, under callgrind (slow: about a minute on a busy machine). */
export function callgrindLoad(): { node: number; load: number } | string {
  const count = (code: string): number | string => {
    const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '-e', code], { encoding: 'utf8' });
    if (r.error) return `valgrind not available (${r.error.message})`;
    const m = /Collected\s*:\s*(\d+)/.exec(r.stderr);
    return m ? Number(m[1]) : `no count in valgrind's output (exit ${r.status})`;
  };
  const node = count('0');
  const load = count(LOAD);
  if (typeof node === 'string') return node;
  if (typeof load === 'string') return load;
  return { node, load };
}

/** One command run in a fresh process straight on dist/index.js (no `s`). */
export interface CommandRun {
  name: 'deploy' | 'plan' | 'info' | 'remove' | 'invoke';
  props: Record<string, unknown>;
  args: string[];
}

/**
 * Which dist/ chunks a fresh process has loaded after constructing the component (and getSchema()),
 * and after each command, each in its own process, run with `env` (pointing at the emulator) and `credential`.
 */
export async function chunksLoaded(env: Record<string, string>, credential: Record<string, string>, commands: CommandRun[]): Promise<Record<string, string>> {
  const script = `
    const { relative } = require('path');
    const dist = ${JSON.stringify(DIST)};
    const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(dist)).map((f) => relative(dist, f)).sort().join(' ');
    const cmd = JSON.parse(process.argv[1]);
    const m = require(${JSON.stringify(ENTRY)});
    const c = new (m.default || m)({});
    if (!cmd) { c.getSchema(); process.stdout.write(loaded()); }
    else c[cmd.name]({ props: cmd.props, args: cmd.args, cwd: process.cwd(), getCredential: async () => (${JSON.stringify(credential)}) }).then(
      () => process.stdout.write(loaded()),
      (e) => process.stdout.write('failed: ' + String(e && e.message).split(String.fromCharCode(10))[0]));`;
  const out: Record<string, string> = {};
  for (const cmd of [undefined, ...commands]) {
    // Asynchronously: the emulator answers from this process.
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(cmd ?? null)], {
      encoding: 'utf8',
      // Only which chunks load matters here: no code cache is written to the user's cache folder.
      env: { ...process.env, ...env, FC3_ROLE_CODE_CACHE: '0' },
    });
    out[cmd ? `s ${cmd.name}` : 'load + getSchema()'] = stdout;
  }
  return out;
}
