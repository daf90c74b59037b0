/**
 * Runs the real `s` CLI (the @serverless-devs/s devDependency) as a child process, with an isolated
 * HOME holding its own ~/.s/access.yaml, against a component given by absolute path.
 */
import { spawn } from 'child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { basename, dirname, join, resolve } from 'path';

/** The repository, whether this runs from test/helpers (ts-jest) or build/test/helpers (compiled, e.g. by the bench). */
const ABOVE = resolve(__dirname, '..', '..');
export const REPO_ROOT = basename(ABOVE) === 'build' ? dirname(ABOVE) : ABOVE;

/** Temporary folders this test file made (HOMEs, projects), removed by removeTemporaryDirs. */
const temporaryDirs: string[] = [];

function makeTemporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

/** Removes every HOME and project folder made so far (the e2e harness calls it after each file). */
export function removeTemporaryDirs(): void {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
export const S_BIN = join(REPO_ROOT, 'node_modules', '@serverless-devs', 's', 'bin', 's');

export interface SResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SRunOptions {
  cwd: string;
  home: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  /**
   * Start `s` with V8's code cache for its own bundle (test/helpers/s-with-code-cache.js): `s` parses its
   * 6.8 MB bundle on every start, and the suite starts it a few hundred times. Behaviour is unchanged; only
   * that compile step is cached (under node_modules/.cache). Benchmarks pass false to time `s` as users run it.
   * @default true
   */
  codeCache?: boolean;
}

const CODE_CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 's-code-cache');

/** Runs `s <args>`; never rejects on a non-zero exit (the result carries the code). */
export function runS(args: string[], options: SRunOptions): Promise<SResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ALIBABA_CLOUD_|FC3_ROLE_)/.test(k)) env[k] = v;
  }
  Object.assign(env, { HOME: options.home, USERPROFILE: options.home, NO_COLOR: '1', FORCE_COLOR: '0' });
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolvePromise, reject) => {
    const cached = options.codeCache !== false;
    if (cached) env.S_CODE_CACHE_DIR = CODE_CACHE_DIR;
    const node = cached ? [join(REPO_ROOT, 'test', 'helpers', 's-with-code-cache.js'), S_BIN] : [S_BIN];
    const child = spawn(process.execPath, [...node, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A hang guard (not a speed check): one `s` start can take 20 s on a busy machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export interface SAccess {
  accessKeyId: string;
  accessKeySecret: string;
  accountId?: string;
  securityToken?: string;
  alias?: string;
}

/** A fresh HOME with analysis off and the given accesses added through `s config add`. */
export async function makeSHome(accesses: SAccess[]): Promise<string> {
  const home = makeTemporaryDir('fc3-role-shome-');
  mkdirSync(join(home, '.s'), { recursive: true });
  const cwd = home;
  await runS(['set', 'analysis', 'disable'], { cwd, home });
  for (const a of accesses) {
    const args = ['config', 'add', '--AccessKeyID', a.accessKeyId, '--AccessKeySecret', a.accessKeySecret, '-a', a.alias ?? 'default', '-f'];
    if (a.accountId) args.push('--AccountID', a.accountId);
    if (a.securityToken) args.push('--SecurityToken', a.securityToken);
    const r = await runS(args, { cwd, home });
    if (r.code !== 0) throw new Error(`s config add failed: ${r.stdout}\n${r.stderr}`);
  }
  return home;
}

/** Writes s.yaml (and any extra files) into a fresh project folder and returns its path. */
export function makeProject(yaml: string, files: Record<string, string> = {}): string {
  const dir = makeTemporaryDir('fc3-role-project-');
  writeFileSync(join(dir, 's.yaml'), yaml);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** Everything `s` wrote under ~/.s/logs, concatenated (to check that secrets never reach the logs). */
export function readSLogs(home: string): string {
  const root = join(home, '.s', 'logs');
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return out.join('\n');
}

/** The JSON document printed by `s ... --silent -o json` (the last top-level JSON value in stdout). */
export function parseJsonOutput(stdout: string): unknown {
  const start = stdout.indexOf('{');
  if (start < 0) throw new Error(`no JSON in output:\n${stdout}`);
  return JSON.parse(stdout.slice(start));
}
