/**
 * The bench's measuring tools: medians, a scratch folder removed at the end, `s` runs timed with
 * their peak memory, and the floor component (a component that does nothing, so that `s` alone is
 * what its figures show).
 */
import { spawn } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { makeSHome, runS, S_BIN, type SAccess, type SResult } from '../../test/helpers/s-cli';

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const ms = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : 'n/a');
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (kibibytes: number | undefined): string => (kibibytes === undefined ? 'n/a' : `${(kibibytes / 1024).toFixed(0)} MiB`);
export const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : 'n/a');

/** One folder for everything the bench writes; `remove()` deletes it (and the `s` HOMEs made outside it). */
export class Scratch {
  readonly root = mkdtempSync(join(tmpdir(), 'fc3-role-bench-'));
  private readonly outside: string[] = [];
  private n = 0;

  dir(name: string): string {
    const dir = join(this.root, `${++this.n}-${name}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** An isolated `s` HOME (analysis off) holding `accesses`. */
  async sHome(accesses: SAccess[]): Promise<string> {
    const home = await makeSHome(accesses);
    this.outside.push(home);
    return home;
  }

  remove(): void {
    for (const dir of [this.root, ...this.outside]) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `s` and reports its wall time and peak RSS (recorded by a preloaded exit hook, in KiB). */
export class SRunner {
  private readonly preload: string;
  private readonly rssFile: string;

  constructor(
    scratch: Scratch,
    private readonly home: string,
    private readonly env: Record<string, string | undefined>,
  ) {
    const dir = scratch.dir('rss');
    this.preload = join(dir, 'rss.js');
    this.rssFile = join(dir, 'rss.txt');
    writeFileSync(
      this.preload,
      `process.on('exit', () => { try { require('fs').appendFileSync(${JSON.stringify(this.rssFile)}, process.resourceUsage().maxRSS + '\\n'); } catch {} });\n`,
    );
  }

  async run(cwd: string, args: string[]): Promise<SResult & { ms: number; rssKiB?: number }> {
    writeFileSync(this.rssFile, '');
    const t0 = process.hrtime.bigint();
    const r = await runS(args, { cwd, home: this.home, env: { ...this.env, NODE_OPTIONS: `--require ${this.preload}` }, timeoutMs: 600_000, codeCache: false });
    const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
    const rss = readFileSync(this.rssFile, 'utf8').split('\n').filter(Boolean).map(Number);
    return { ...r, ms: elapsed, rssKiB: rss.length > 0 ? Math.max(...rss) : undefined };
  }

  /** Instructions `s <args>` executes (valgrind's callgrind, main process only): the same on a busy machine. */
  instructions(cwd: string, args: string[]): Promise<number | string> {
    return new Promise((resolve) => {
      const env = { ...process.env, ...this.env, HOME: this.home, USERPROFILE: this.home, NO_COLOR: '1' };
      const child = spawn('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, S_BIN, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (e) => resolve(`valgrind not available (${e.message})`));
      child.on('close', (code) => {
        const m = /Collected\s*:\s*(\d+)/.exec(stderr);
        resolve(m ? Number(m[1]) : `no count in valgrind's output (exit ${String(code)})`);
      });
    });
  }

  /** Like run, but throws with the output when `s` exits non-zero. */
  async ok(cwd: string, args: string[]): Promise<SResult & { ms: number; rssKiB?: number }> {
    const r = await this.run(cwd, args);
    if (r.code !== 0) throw new Error(`s ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  }
}

/**
 * A component whose every command returns at once: what `s` costs by itself. With `publishYamlOf` (a
 * component folder), it also carries that component's package.json and publish.yaml: what `s` costs for
 * that component before its code runs (`s` reads publish.yaml, its Parameters schema included, on every run).
 */
export function makeFloorComponent(scratch: Scratch, publishYamlOf?: string): string {
  const dir = scratch.dir(publishYamlOf ? 'floor-with-publish-yaml' : 'floor-component');
  const code = ['module.exports = class Floor {', ...['deploy', 'plan', 'info', 'remove', 'invoke'].map((c) => `  async ${c}() { return {}; }`), '};', ''].join('\n');
  if (!publishYamlOf) {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'floor', version: '0.0.1', main: 'index.js' }));
    writeFileSync(join(dir, 'index.js'), code);
    return dir;
  }
  for (const f of ['package.json', 'publish.yaml']) copyFileSync(join(publishYamlOf, f), join(dir, f));
  const main = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string }).main ?? 'index.js';
  mkdirSync(dirname(join(dir, main)), { recursive: true });
  writeFileSync(join(dir, main), code);
  return dir;
}

/** An s.yaml with one resource `r` of `component` and `props`, in a fresh scratch folder. */
export function projectWith(scratch: Scratch, name: string, component: string, props: Record<string, unknown>): string {
  const dir = scratch.dir(name);
  writeFileSync(join(dir, 's.yaml'), ['edition: 3.0.0', `name: ${name}`, 'access: default', 'resources:', '  r:', `    component: ${component}`, `    props: ${JSON.stringify(props)}`, ''].join('\n'));
  return dir;
}

/**
 * Median wall time (and the peak RSS of the last run) of `args` in each project, the projects taking
 * turns run after run so that a change of machine load hits all of them alike.
 */
export async function interleaved(
  runner: SRunner,
  projects: Record<string, string>,
  args: string[],
  runs: number,
): Promise<Record<string, { ms: number; rssKiB?: number; failed?: string }>> {
  const times: Record<string, number[]> = {};
  const out: Record<string, { ms: number; rssKiB?: number; failed?: string }> = {};
  for (const name of Object.keys(projects)) times[name] = [];
  for (let i = 0; i < runs + 1; i++) {
    for (const [name, dir] of Object.entries(projects)) {
      const r = await runner.run(dir, args);
      if (r.code !== 0) out[name] = { ms: NaN, failed: firstLines(`${r.stdout}\n${r.stderr}`) };
      if (i > 0) times[name]?.push(r.ms); // the first round warms the disk cache and the emulator
      if (!out[name]?.failed) out[name] = { ms: NaN, rssKiB: r.rssKiB };
    }
  }
  for (const [name, xs] of Object.entries(times)) {
    const o = out[name];
    if (o && !o.failed) o.ms = median(xs);
  }
  return out;
}

function firstLines(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => /error|fail|denied|not/i.test(l));
  return (lines[0] ?? text.trim().split('\n')[0] ?? '').slice(0, 160);
}
