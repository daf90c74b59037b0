#!/usr/bin/env node
/**
 * Bundles the component into self-contained CommonJS chunks under dist/, because the Serverless
 * Registry serves the package as a zip and never runs `npm install`, and because `s` loads the
 * component for every command (`-h` included): the entry must be small, and each SDK must be parsed
 * only by a command that calls it.
 *
 *   dist/index.js             the entry `s` loads: the component class, help texts and the props schema
 *   dist/commands.js          the commands (config validation with ajv, planning, applying, invoke)
 *   dist/sdk/<product>.js     one per SDK (RAM, STS, Resource Manager, FC 3.0)
 *   dist/sdk/runtime.js       what the SDKs share (@alicloud/openapi-core, @darabonba/typescript and theirs)
 *   dist/sdk/unused.js        what @darabonba/typescript requires but the component never calls (see DEFERRED)
 *
 * A chunk is built from its roots (module specifiers). When code in one chunk imports a root of
 * another chunk, the import becomes `require('<relative chunk file>')[<root>]`: each chunk exports its
 * roots as lazy getters, so requiring a chunk evaluates only what is asked for; one chunk loads another
 * through V8's code cache (chunk-loader.js, inlined into each chunk); inside the SDKs, the
 * model files and the packages the component never calls load on first use too (bundle-lazy.js), and the
 * props schema comes compiled ahead of time (bundle-validator.js). Nothing from
 * node_modules may land in two chunks: the build fails if it does (a new shared dependency then needs
 * a root in sdk/runtime.js).
 */
const { build } = require('esbuild');
const { mkdirSync, rmSync } = require('fs');
const { dirname, join, relative, sep } = require('path');
const { deferPackages, lazyModelIndex } = require('./bundle-lazy');
const { precompiledPropsValidator } = require('./bundle-validator');

const ROOT = join(__dirname, '..');
const CHUNK_LOADER = join(__dirname, 'chunk-loader.js');
const DIST = join(ROOT, 'dist');

/** Required by @darabonba/typescript at load, never called by the component (see bundle-lazy.js): kept in
 * their own chunk, which no command loads (debug, which they share with the runtime, stays there). */
const DEFERRED = ['lodash', 'moment', 'xml2js', 'ws', 'http-proxy-agent', 'https-proxy-agent', 'socks-proxy-agent'];

/** The entry has no roots: it is src/index.ts itself, the module `s` requires. */
const ENTRY = { file: 'index.js', entry: join(ROOT, 'src', 'index.ts') };
const CHUNKS = [
  { file: 'commands.js', roots: ['./src/commands/run.ts', './src/plugin.ts'] },
  { file: 'sdk/ram.js', roots: ['@alicloud/ram20150501'] },
  { file: 'sdk/sts.js', roots: ['@alicloud/sts20150401'] },
  { file: 'sdk/resourcemanager.js', roots: ['@alicloud/resourcemanager20200331'] },
  { file: 'sdk/fc.js', roots: ['@alicloud/fc20230330'] },
  { file: 'sdk/runtime.js', roots: ['@alicloud/openapi-core', '@darabonba/typescript', 'debug'] },
  { file: 'sdk/unused.js', roots: DEFERRED },
];

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: ROOT,
};

const resolveRoot = (spec) =>
  require.resolve(spec.startsWith('.') ? join(ROOT, spec) : spec, { paths: [ROOT] });

/** Absolute file of each root -> the chunk that owns it and the key it is exported under. */
const owners = new Map();
for (const chunk of CHUNKS) for (const spec of chunk.roots) owners.set(resolveRoot(spec), { chunk, key: spec });

const toPosix = (p) => p.split(sep).join('/');
function chunkPath(from, to) {
  const rel = toPosix(relative(dirname(join(DIST, from)), join(DIST, to)));
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Imports of another chunk's root become `require(<that chunk>)[<root>]`; the chunk file stays external. */
function crossChunkImports(self) {
  return {
    name: 'fc3-role-chunks',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === 'inner') return undefined;
        if (args.namespace !== 'file' && args.namespace !== 'fc3-role-deferred') return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'inner' });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        const owner = owners.get(resolved.path);
        if (!owner || owner.chunk === self) return undefined;
        return { path: `${owner.chunk.file}#${owner.key}`, namespace: 'fc3-role-chunk', pluginData: owner };
      });
      build.onLoad({ filter: /.*/, namespace: 'fc3-role-chunk' }, (args) => {
        const { chunk, key } = args.pluginData;
        // Through the code cache (chunk-loader.js, bundled into each chunk): a command's later runs do not compile its chunks again.
        const load = `require(${JSON.stringify(toPosix(CHUNK_LOADER))})(__dirname, ${JSON.stringify(chunkPath(self.file, chunk.file))})`;
        return { contents: `module.exports = ${load}[${JSON.stringify(key)}];`, resolveDir: ROOT, loader: 'js' };
      });
      build.onResolve({ filter: /.*/, namespace: 'fc3-role-chunk' }, (args) =>
        args.path === toPosix(CHUNK_LOADER) ? { path: CHUNK_LOADER, namespace: 'file' } : { path: args.path, external: true },
      );
    },
  };
}

/** A chunk's entry: each root as a lazy getter (a chunk is required whole, its roots evaluate on first use). */
function chunkEntry(chunk) {
  const lines = chunk.roots.map(
    (spec) => `Object.defineProperty(exports, ${JSON.stringify(spec)}, { enumerable: true, get: () => require(${JSON.stringify(toPosix(resolveRoot(spec)))}) });`,
  );
  return { contents: lines.join('\n'), resolveDir: ROOT, sourcefile: `chunk:${chunk.file}`, loader: 'js' };
}

async function buildChunk(chunk) {
  const outfile = join(DIST, chunk.file);
  mkdirSync(dirname(outfile), { recursive: true });
  const target = chunk.entry ? { entryPoints: [chunk.entry] } : { stdin: chunkEntry(chunk) };
  const result = await build({ ...COMMON, ...target, outfile, plugins: [deferPackages(DEFERRED), crossChunkImports(chunk), lazyModelIndex(), precompiledPropsValidator()] });
  const output = Object.values(result.metafile.outputs)[0];
  return { chunk, inputs: Object.keys(output.inputs).filter((f) => !f.startsWith('fc3-role-chunk:')) };
}

/** Fails when a node_modules file is bundled into more than one chunk (the SDKs' runtime must be shared). */
function checkNoSharedCopies(built) {
  const seen = new Map();
  for (const { chunk, inputs } of built) {
    for (const input of inputs) {
      if (!input.includes('node_modules/')) continue;
      const other = seen.get(input);
      if (other) throw new Error(`bundle: ${input} is in both dist/${other} and dist/${chunk.file}; give its package a root in a shared chunk (sdk/runtime.js)`);
      seen.set(input, chunk.file);
    }
  }
}

async function main() {
  rmSync(DIST, { recursive: true, force: true });
  checkNoSharedCopies(await Promise.all([ENTRY, ...CHUNKS].map(buildChunk)));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
