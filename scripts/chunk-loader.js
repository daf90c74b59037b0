'use strict';
/**
 * How one dist/ chunk requires another (scripts/bundle.js inlines this file into every chunk): like
 * `require`, but with V8's code cache, so that a command after the first one neither parses nor compiles
 * again the chunks it loads (what Node 22's module.enableCompileCache() does; `s` runs on older Node too).
 *
 * The cache lives in the user's own cache folder ($XDG_CACHE_HOME or ~/.cache, then fc3-role/code-cache,
 * created 0700), one file per chunk and content: its name holds a SHA-256 of the chunk's source, the Node
 * version and the architecture, so a changed chunk never meets an old cache (V8 checks only the length).
 * The cache is written when the process exits, after the command ran, so that it holds the functions the
 * command compiled too; a cache V8 rejects is written again. FC3_ROLE_CODE_CACHE=0 turns it off: chunks
 * are then plainly required. Any failure to read or write the cache only costs the time it would save.
 */
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');
const crypto = require('crypto');
const os = require('os');

const STATE = Symbol.for('fc3-role.code-cache');

function cacheDir() {
  if (process.env.FC3_ROLE_CODE_CACHE === '0') return undefined;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : '');
  return base ? path.join(base, 'fc3-role', 'code-cache') : undefined;
}

/**
 * One per process (every chunk has its own copy of this file): where the cache is, what to write at exit,
 * and which chunks were loaded, from the cache or not (what test/e2e/code-cache.test.ts reads).
 */
function state() {
  let s = globalThis[STATE];
  if (!s) {
    s = { dir: cacheDir(), pending: new Map(), loaded: [] };
    globalThis[STATE] = s;
    // First in line: `s` has 'exit' listeners of its own that end the process before later ones run.
    if (s.dir) process.prependOnceListener('exit', () => flush(s));
  }
  return s;
}

function flush(s) {
  for (const [file, { script, chunk }] of s.pending) {
    try {
      fs.mkdirSync(s.dir, { recursive: true, mode: 0o700 });
      // Older caches of the same chunk go: one file per chunk stays.
      for (const old of fs.readdirSync(s.dir)) if (old.startsWith(`${chunk}-`)) fs.rmSync(path.join(s.dir, old), { force: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temporary, file);
    } catch {
      // A cache that cannot be written is only a slower next start.
    }
  }
  s.pending.clear();
}

/** Requires the chunk `relative` to `dir` (the requiring chunk's folder), through the code cache. */
module.exports = function loadChunk(dir, relative) {
  const file = path.join(dir, relative);
  const known = Module._cache[file];
  if (known) return known.exports;
  const s = state();
  if (!s.dir) return require(file);
  const source = fs.readFileSync(file, 'utf8');
  const hash = crypto.createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex').slice(0, 32);
  const chunk = path.basename(file); // chunk names are unique across dist/ (commands.js, runtime.js, fc.js, ...)
  const cacheFile = path.join(s.dir, `${chunk}-${hash}`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  Module._cache[file] = mod;
  try {
    script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  } catch (e) {
    delete Module._cache[file];
    throw e;
  }
  mod.loaded = true;
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  s.loaded.push({ chunk, fromCache });
  if (!fromCache) s.pending.set(cacheFile, { script, chunk });
  return mod.exports;
};
