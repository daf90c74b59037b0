/**
 * `npm run bench`: every speed figure of the component in one run, printed side by side, never
 * asserted (tests assert behaviour only). Against the local emulator, in an isolated `s` HOME:
 * - `s invoke`, `s plan`, `s info`: fc3-role against the floor (a component that does nothing: `s`
 *   itself) and the shell (the floor with our package.json and publish.yaml, which `s` reads and checks on
 *   every run), median wall time of BENCH_RUNS runs taking turns, and peak memory;
 * - `s invoke` against fc3's, when FC3_COMPONENT_PATH names a local build of devsapp/fc3;
 * - scale: API calls and writes of a no-op redeploy of 1 role + 2 system policies + 100 functions
 *   in 2 regions, the speed-up of a fresh deploy when every call takes 50 ms more, and the calls
 *   refused (then retried) of a fresh deploy under low rate limits;
 * - cold load of dist/index.js over `node -e 0`, the chunks each step loads, the packed size.
 * Wall times move with the machine's load: run it on a quiet machine for figures to compare (counts
 * and the instruction counts of BENCH_CALLGRIND=1, for the cold load and each s command, do not move).
 * BENCH_RUNS (default 5) runs per median; BENCH_ONLY=package,load,cli,fc3,scale picks sections;
 * BENCH_CALLGRIND=1 adds instruction counts. Needs `npm run prepare-test` first (npm run bench does it).
 */
import { existsSync } from 'fs';
import { join } from 'path';
import { startEmulator, type Emulator } from '../../emulator';
import { createFunction } from '../../test/fixtures/invoke/functions';
import { emulatorEnv } from '../../test/e2e/harness';
import { REPO_ROOT } from '../../test/helpers/s-cli';
import { callgrindLoad, chunksLoaded, coldLoad, packedSize } from './load';
import { interleaved, kib, makeFloorComponent, mib, ms, projectWith, ratio, Scratch, SRunner } from './measure';
import { LATENCY_MS, measureScale, SCALE_REGIONS, THROTTLED } from './scale';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const CALLGRIND = process.env.BENCH_CALLGRIND === '1';
/** BENCH_ONLY=scale,cli (any of package, load, cli, fc3, scale): only those sections. */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((x) => x.trim()).filter(Boolean);
const wanted = (section: string): boolean => ONLY.length === 0 || ONLY.includes(section);
const FUNCTION = 'bench-fn';
const PROPS = { region: 'cn-hangzhou', role: { name: 'bench-role' }, functions: [FUNCTION], invoke: { event: { hello: 'bench' } } };
const row = (label: string, ...cells: string[]): void => console.log(`  ${label.padEnd(44)}${cells.map((c) => c.padEnd(18)).join('')}`.trimEnd());
const megas = (n: number): string => `${(n / 1e6).toFixed(0)} M`;

interface Bench {
  emu: Emulator;
  scratch: Scratch;
  runner: SRunner;
  credential: Record<string, string>;
  /** A deployed fc3-role project (PROPS) whose function exists. */
  ours: () => Promise<string>;
}

function packageSection(): void {
  const size = packedSize();
  console.log('\nRegistry package (the directory minus .signore)');
  row('files / raw / zipped', `${size.files}`, kib(size.raw), kib(size.zipped));
  for (const c of size.chunks) row(`dist/${c.file}`, kib(c.bytes));
}

function loadSection(): void {
  const load = coldLoad(RUNS * 2);
  console.log(`\nCold load: require('dist/index.js') + new Component({}) (median of ${RUNS * 2} fresh processes)`);
  row('node -e 0', ms(load.nodeMs));
  row('node -e <load>', ms(load.loadMs), `+${ms(load.loadMs - load.nodeMs)} over node -e 0`);
  row('timed inside the process', ms(load.inProcessMs));
  if (!CALLGRIND) return;
  const counts = callgrindLoad();
  if (typeof counts === 'string') row('instructions (callgrind)', counts);
  else row('instructions (callgrind)', megas(counts.node), megas(counts.load), `+${megas(counts.load - counts.node)} for the load`);
}

async function cliSection(b: Bench): Promise<void> {
  const ours = await b.ours();
  const chunks = await chunksLoaded(emulatorEnv(b.emu), b.credential, [
    { name: 'invoke', props: PROPS, args: [] },
    { name: 'plan', props: PROPS, args: [] },
    { name: 'info', props: PROPS, args: [] },
  ]);
  console.log('\ndist/ chunks loaded by a fresh process (straight on dist/index.js)');
  for (const [step, files] of Object.entries(chunks)) row(step, files);

  const projects: Record<string, string> = {
    floor: projectWith(b.scratch, 'bench-floor', makeFloorComponent(b.scratch), PROPS),
    shell: projectWith(b.scratch, 'bench-shell', makeFloorComponent(b.scratch, REPO_ROOT), PROPS),
    'fc3-role': ours,
  };
  console.log(`\ns CLI wall time, median of ${RUNS} (peak RSS of the s process)`);
  console.log('  (floor: a do-nothing component; shell: the same with our package.json and publish.yaml, which s reads on every run)');
  row('', 'floor', 'shell', 'fc3-role', 'fc3-role / floor', 'fc3-role / shell');
  for (const command of ['invoke', 'plan', 'info']) {
    const r = await interleaved(b.runner, projects, [command], RUNS);
    const [floor, shell, own] = [r.floor, r.shell, r['fc3-role']];
    if (!floor || !shell || !own) continue;
    row(`s ${command}`, ms(floor.ms), ms(shell.ms), ms(own.ms), ratio(own.ms, floor.ms), ratio(own.ms, shell.ms));
    row(`  peak RSS`, mib(floor.rssKiB), mib(shell.rssKiB), mib(own.rssKiB));
    for (const [name, x] of Object.entries(r)) if (x.failed) row(`  ${name} FAILED`, x.failed);
    if (!CALLGRIND) continue;
    const counts = [await b.runner.instructions(projects.floor ?? '', [command]), await b.runner.instructions(projects.shell ?? '', [command]), await b.runner.instructions(ours, [command])];
    const [f, sh, o] = counts;
    if (typeof f === 'number' && typeof sh === 'number' && typeof o === 'number') row('  instructions (callgrind)', megas(f), megas(sh), megas(o), ratio(o, f), ratio(o, sh));
    else row('  instructions (callgrind)', String(counts.find((c) => typeof c === 'string')));
  }
}

async function fc3Section(b: Bench): Promise<void> {
  console.log('\ns invoke of the same function: fc3-role against fc3');
  const fc3 = process.env.FC3_COMPONENT_PATH;
  if (!fc3) {
    row('skipped', 'set FC3_COMPONENT_PATH to a local build of devsapp/fc3 to compare');
    return;
  }
  const fc3Props = { region: 'cn-hangzhou', functionName: FUNCTION, runtime: 'nodejs20', handler: 'index.handler', timeout: 10 };
  const projects = { fc3: projectWith(b.scratch, 'bench-fc3', fc3, fc3Props), 'fc3-role': await b.ours() };
  const r = await interleaved(b.runner, projects, ['invoke', '-e', '{"hello":"bench"}'], RUNS);
  const theirs = r.fc3;
  const own = r['fc3-role'];
  if (theirs && own) row('s invoke', `fc3 ${ms(theirs.ms)}`, `fc3-role ${ms(own.ms)}`, ratio(own.ms, theirs.ms));
  for (const [name, x] of Object.entries(r)) if (x.failed) row(`  ${name} FAILED`, x.failed);
}

async function scaleSection(b: Bench): Promise<void> {
  const scale = await measureScale(b.emu, b.runner, b.scratch);
  console.log(`\nScale: 1 role + 2 system policies + ${scale.functions} functions in ${SCALE_REGIONS.join(' and ')} (s deploy -y)`);
  row('fresh deploy', ms(scale.fresh.ms), `${scale.fresh.calls} calls`, `${scale.fresh.writes} writes`, `${scale.fresh.errors} errors`, `peak ${mib(scale.fresh.rssKiB)}`);
  row('no-op redeploy', ms(scale.noop.ms), `${scale.noop.calls} calls`, `${scale.noop.writes} writes`, `${scale.noop.errors} errors`, `peak ${mib(scale.noop.rssKiB)}`);
  const actions = Object.entries(scale.noop.byAction).sort((x, y) => y[1] - x[1]);
  row('  calls of the no-op redeploy', actions.map(([a, n]) => `${a} ${n}`).join(', '));
  row(`fresh deploy, every call +${LATENCY_MS} ms`, ms(scale.delayed.ms), `${scale.delayed.calls} calls`, `${scale.delayed.errors} errors`);
  row('  one call at a time would wait', ms(scale.delayed.calls * LATENCY_MS));
  row('  waited, by the wall clock', ms(scale.delayed.ms - scale.fresh.ms), `speed-up ${scale.speedUp.toFixed(1)}x`, '(noisy under load)');
  row('  waited, by the delays (union)', ms(scale.delayed.delayedMs), `speed-up ${scale.speedUpByDelays.toFixed(1)}x`);
  const t = scale.throttled;
  row(`fresh deploy, UpdateFunction ${THROTTLED.fcUpdateFunctionPerSecond}/s, RAM ${THROTTLED.ramPerSecond}/s`, ms(t.ms), `${t.calls} calls`, `${t.refused} refused`, t.ok ? 'succeeded' : 'FAILED');
  console.log('  (errors: answers with an error code, e.g. the not-found reads of a fresh deploy; refused: throttled, then retried)');
}

async function main(): Promise<void> {
  for (const f of [join(REPO_ROOT, 'dist', 'index.js'), join(REPO_ROOT, 'build', 'emulator', 'index.js')]) {
    if (!existsSync(f)) throw new Error(`missing ${f}: run npm run prepare-test`);
  }
  console.log(`fc3-role bench (${RUNS} runs per median; wall times depend on the machine's load)`);
  const scratch = new Scratch();
  const emu = await startEmulator({});
  try {
    const account = emu.accounts[0];
    if (!account) throw new Error('the emulator seeded no account');
    const home = await scratch.sHome([{ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, accountId: account.id }]);
    let deployed: string | undefined;
    const b: Bench = {
      emu,
      scratch,
      runner: new SRunner(scratch, home, emulatorEnv(emu)),
      credential: { AccessKeyID: account.accessKeyId, AccessKeySecret: account.accessKeySecret, AccountID: account.id },
      ours: async () => {
        if (deployed) return deployed;
        await createFunction(emu, { name: FUNCTION, source: join(REPO_ROOT, 'test', 'fixtures', 'invoke', 'echo.js') });
        const dir = projectWith(scratch, 'bench-fc3-role', REPO_ROOT, PROPS);
        await b.runner.ok(dir, ['deploy', '-y']);
        deployed = dir;
        return dir;
      },
    };
    if (wanted('package')) packageSection();
    if (wanted('load')) loadSection();
    if (wanted('cli')) await cliSection(b);
    if (wanted('fc3')) await fc3Section(b);
    if (wanted('scale')) await scaleSection(b);
  } finally {
    await emu.close();
    scratch.remove();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
