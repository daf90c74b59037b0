#!/usr/bin/env node
/**
 * `npm run bench`: figures for the registry package, printed, never asserted.
 * - packed size: the files `s registry publish` would zip (the directory minus .signore), raw and zipped,
 *   and dist/index.js alone;
 * - cold load: `require('./dist/index.js')` + `new Component({})` in fresh node processes (median of N),
 *   and the same plus `getSchema()`;
 * - lazy SDKs: an instrumented build of the same entry marks each @alicloud / ali-oss module when it is
 *   EVALUATED; we list which were evaluated after load + construct, after getSchema(), and after a command
 *   that calls the cloud (`info`, against the local emulator from build/ when it is there);
 * - `s -v` vs `s <resource> -h` wall time (median of a few runs, analysis off, isolated HOME).
 * Needs `npm run prepare-test` first (npm run bench does it).
 */
const { execFileSync, spawnSync } = require('child_process');
const { mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync, existsSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS || 9);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n) => `${n.toFixed(1)} ms`;

function need(path, what) {
  if (!existsSync(path)) {
    console.error(`missing ${path}: ${what} (run npm run prepare-test)`);
    process.exit(1);
  }
}
need(join(ROOT, 'dist', 'index.js'), 'the bundle');
need(join(ROOT, 'build', 'scripts', 'publish-yaml.js'), 'the compiled packing script');

function packedSize() {
  const { listPackedFiles } = require(join(ROOT, 'build', 'scripts', 'publish-yaml.js'));
  const AdmZip = require('adm-zip');
  const files = listPackedFiles(ROOT);
  const zip = new AdmZip();
  let raw = 0;
  for (const f of files) {
    const data = readFileSync(join(ROOT, f));
    raw += data.length;
    zip.addFile(f, data);
  }
  return { files: files.length, raw, zipped: zip.toBuffer().length, bundle: statSync(join(ROOT, 'dist', 'index.js')).size };
}

/** One fresh process: ms for require + construct (and + getSchema when asked). */
function coldLoad(entry, withSchema) {
  const code = `
    const t0 = process.hrtime.bigint();
    const m = require(${JSON.stringify(entry)}); const C = m.default || m; const c = new C({});
    const t1 = process.hrtime.bigint();
    ${withSchema ? 'c.getSchema();' : ''}
    const t2 = process.hrtime.bigint();
    process.stdout.write(JSON.stringify({ load: Number(t1 - t0) / 1e6, total: Number(t2 - t0) / 1e6 }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }));
}

/** The same entry bundled with a marker in every @alicloud/* and ali-oss module, run when the module is evaluated. */
function instrumentedBundle() {
  const esbuild = require('esbuild');
  const out = join(mkdtempSync(join(tmpdir(), 'fc3-role-bench-')), 'index.js');
  const marker = {
    name: 'mark-sdk-evaluation',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/](@alicloud[\\/][^\\/]+|ali-oss)[\\/].*\.js$/ }, (args) => {
        const pkg = /node_modules[\\/](@alicloud[\\/][^\\/]+|ali-oss)/.exec(args.path)[1].replace(/\\/g, '/');
        const mark = `(globalThis.__fc3RoleEvaluated || (globalThis.__fc3RoleEvaluated = new Set())).add(${JSON.stringify(pkg)});\n`;
        return { contents: mark + readFileSync(args.path, 'utf8'), loader: 'js' };
      });
    },
  };
  return esbuild
    .build({ entryPoints: [join(ROOT, 'src', 'index.ts')], outfile: out, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'error', plugins: [marker] })
    .then(() => out);
}

/** Which SDK packages were evaluated after each stage, in a fresh process (the cloud stage needs the emulator build). */
function sdkEvaluation(entry) {
  const emulator = join(ROOT, 'build', 'emulator', 'index.js');
  const code = `
    const seen = () => [...(globalThis.__fc3RoleEvaluated || [])].sort();
    const m = require(${JSON.stringify(entry)}); const C = m.default || m; const c = new C({});
    const out = { construct: seen() };
    c.getSchema(); out.getSchema = seen();
    (async () => {
      if (${JSON.stringify(existsSync(emulator))}) {
        const emu = await require(${JSON.stringify(emulator)}).startEmulator({});
        const a = emu.accounts[0];
        process.env.FC3_ROLE_ENDPOINT = emu.endpoint;
        process.env.FC3_ROLE_FC_ENDPOINTS = require(${JSON.stringify(emulator)}).fcEndpointsSetting(emu.fcEndpoints);
        try {
          await c.info({ props: { region: 'cn-hangzhou', role: { name: 'bench-role' } }, args: [], cwd: process.cwd(),
            getCredential: async () => ({ AccessKeyID: a.accessKeyId, AccessKeySecret: a.accessKeySecret, AccountID: a.id }) });
        } catch (e) {
          out.infoError = String(e && e.message).split(String.fromCharCode(10))[0];
        }
        out.info = seen();
        await emu.close();
      }
      process.stdout.write(JSON.stringify(out));
      process.exit(0);
    })().catch((e) => { process.stderr.write(String(e && e.message)); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  if (r.status !== 0) return { error: r.stderr.trim() || `exit ${r.status}` };
  return JSON.parse(r.stdout);
}

function sTimes() {
  const sBin = join(ROOT, 'node_modules', '@serverless-devs', 's', 'bin', 's');
  if (!existsSync(sBin)) return undefined;
  const home = mkdtempSync(join(tmpdir(), 'fc3-role-bench-home-'));
  mkdirSync(join(home, '.s'), { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'fc3-role-bench-project-'));
  writeFileSync(join(dir, 's.yaml'), `edition: 3.0.0\nname: bench\nresources:\n  fn-role:\n    component: ${ROOT}\n    props: { region: cn-hangzhou, role: { name: x } }\n`);
  const env = { ...process.env, HOME: home, USERPROFILE: home, NO_COLOR: '1' };
  spawnSync(process.execPath, [sBin, 'set', 'analysis', 'disable'], { cwd: dir, env });
  const time = (args) => {
    const xs = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, [sBin, ...args], { cwd: dir, env });
      xs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return median(xs);
  };
  return { version: time(['-v']), resourceHelp: time(['fn-role', '-h']) };
}

async function main() {
  const size = packedSize();
  console.log('Registry package (the directory minus .signore)');
  console.log(`  files: ${size.files}   raw: ${kb(size.raw)}   zipped: ${kb(size.zipped)}   dist/index.js: ${kb(size.bundle)}`);

  const entry = join(ROOT, 'dist', 'index.js');
  const loads = [];
  const withSchema = [];
  for (let i = 0; i < RUNS; i++) {
    loads.push(coldLoad(entry, false).load);
    withSchema.push(coldLoad(entry, true).total);
  }
  console.log(`Cold load of dist/index.js in fresh processes (median of ${RUNS})`);
  console.log(`  require + new Component({}):               ${ms(median(loads))}   (min ${ms(Math.min(...loads))}, max ${ms(Math.max(...loads))})`);
  console.log(`  require + new Component({}) + getSchema(): ${ms(median(withSchema))}`);

  const evaluated = sdkEvaluation(await instrumentedBundle());
  console.log('SDK modules evaluated (instrumented build of the same entry)');
  if (evaluated.error) console.log(`  could not measure: ${evaluated.error}`);
  else {
    const show = (xs) => (xs.length === 0 ? 'none' : xs.join(', '));
    console.log(`  after require + construct: ${show(evaluated.construct)}`);
    console.log(`  after getSchema():         ${show(evaluated.getSchema)}`);
    const info = !evaluated.info ? 'skipped (no build/emulator)' : `${show(evaluated.info)}${evaluated.infoError ? ` (info FAILED: ${evaluated.infoError})` : ''}`;
    console.log(`  after info (calls the cloud, local emulator): ${info}`);
  }

  const s = sTimes();
  if (s) {
    console.log('s CLI wall time (median of 3, analysis off)');
    console.log(`  s -v: ${ms(s.version)}   s fn-role -h: ${ms(s.resourceHelp)}   difference: ${ms(s.resourceHelp - s.version)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
