#!/usr/bin/env node
/**
 * Starts the `s` CLI (argv[2] is its bin) with V8's code cache for `s`'s own bundle (lib/index.js, 6.8 MB,
 * parsed on every start; the suite starts `s` a few hundred times). Only that one file is compiled through
 * vm.Script with cachedData; every other module (components, fc3's ESM parts) loads as usual, and `s` runs
 * as if started directly (process.argv as `node <s> <args>`). The cache lives in S_CODE_CACHE_DIR, one file
 * per bundle size and mtime, written atomically once, after the first run that had none.
 */
const Module = require('module');
const vm = require('vm');
const fs = require('fs');
const path = require('path');

const sBin = fs.realpathSync(process.argv[2]);
process.argv.splice(1, 2, sBin);

const bundle = path.join(path.dirname(sBin), '..', 'lib', 'index.js');
const cacheDir = process.env.S_CODE_CACHE_DIR;
const stat = fs.statSync(bundle);
const cacheFile = cacheDir && path.join(cacheDir, `s-${stat.size}-${Math.floor(stat.mtimeMs)}.bin`);

function readCache() {
  try {
    return cacheFile ? fs.readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(script) {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

const compile = Module.prototype._compile;
Module.prototype._compile = function compileWithCache(content, filename) {
  if (filename !== bundle) return compile.call(this, content, filename);
  Module.prototype._compile = compile;
  const cachedData = readCache();
  const script = new vm.Script(Module.wrap(content), {
    filename,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCache(script));
  const localRequire = Module.createRequire(filename);
  localRequire.main = require.main;
  return script.runInThisContext({ displayErrors: true }).call(this.exports, this.exports, localRequire, this, filename, path.dirname(filename));
};

require(sBin);
