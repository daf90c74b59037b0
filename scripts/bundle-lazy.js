/**
 * Two esbuild plugins that make the SDKs' own eager requires lazy, for scripts/bundle.js. Both check
 * the code they change and fail the build when it does not have the exact shape they expect (a new
 * SDK version then needs a look, never a silently broken bundle).
 *
 * - lazyModelIndex: each SDK's dist/models/model.js requires all of its hundreds of model files only
 *   to re-export them through getters. Each `var X_1 = require("./X");` becomes a proxy that requires
 *   the file on first property access, so a command evaluates only the models it uses.
 * - deferPackages: @darabonba/typescript requires lodash (for `merge`), moment (Date), xml2js (XML) and
 *   ws with three proxy agents (WebSocket) at load, and the component never calls those. Each import
 *   of such a package becomes a proxy that requires it on first property access. The importers reach
 *   the package only through TypeScript's interop helpers (`__importStar(require(...))`,
 *   `__importDefault(require(...))`) or as `var x = require(...)` used by member: the proxy answers
 *   `__esModule` itself (so the helpers hand it back unchanged) and `default` with the module itself
 *   when it is CommonJS, as the helpers would.
 */
const { readFileSync } = require('fs');

const LAZY_HELPER = 'function __fc3RoleLazy(load) { let m; return new Proxy({}, { get: (_, key) => (m || (m = load()))[key] }); }';

/** The lines a generated model index may hold; anything else fails the build. */
const MODEL_INDEX_LINES = [
  /^"use strict";$/,
  /^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);$/,
  /^exports\.[\w$]+ = (exports\.[\w$]+ = )*void 0;$/,
  /^var [\w$]+ = require\("\.\/[\w$./-]+"\);$/,
  /^Object\.defineProperty\(exports, "[\w$]+", \{ enumerable: true, get: function \(\) \{ return [\w$]+\.[\w$]+; \} \}\);$/,
  /^\/\/# sourceMappingURL=.*$/,
  /^$/,
];

function lazyModelIndex() {
  return {
    name: 'fc3-role-lazy-model-index',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]@alicloud[\\/][\w-]+[\\/]dist[\\/]models[\\/]model\.js$/ }, (args) => {
        const lines = readFileSync(args.path, 'utf8').split(/\r?\n/);
        const odd = lines.find((line) => !MODEL_INDEX_LINES.some((re) => re.test(line)));
        if (odd !== undefined) throw new Error(`bundle: unexpected line in ${args.path}, cannot make it lazy: ${odd.slice(0, 120)}`);
        const out = lines.map((line) => line.replace(/^(var [\w$]+ = )(require\("[^"]+"\));$/, '$1__fc3RoleLazy(() => $2);'));
        return { contents: [out[0], LAZY_HELPER, ...out.slice(1)].join('\n'), loader: 'js' };
      });
    },
  };
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Why `source` cannot take a proxy for package `name`, or undefined when it can: every require of it
 * goes through an interop helper, or into a variable that is only ever used by member (`x.y`).
 */
function whyNotDeferrable(source, name) {
  const req = `require\\("${escape(name)}"\\)`;
  const total = (source.match(new RegExp(req, 'g')) || []).length;
  const viaHelper = (source.match(new RegExp(`__import(Star|Default)\\(${req}\\)`, 'g')) || []).length;
  const vars = [...source.matchAll(new RegExp(`\\b(?:var|const|let) ([\\w$]+) = ${req};`, 'g'))].map((m) => m[1]);
  if (viaHelper + vars.length !== total) return `a require of ${name} is neither in an interop helper nor in a variable`;
  for (const v of vars) {
    // Every occurrence but the declaration itself must be a member access (`v.x`).
    const notMember = [...source.matchAll(new RegExp(`(?<![\\w$.])${escape(v)}(?![\\w$])(?!\\.)`, 'g'))];
    if (notMember.length !== 1) return `variable ${v} (${name}) is used other than by member`;
  }
  return undefined;
}

function deferPackages(names) {
  const filter = new RegExp(`^(${names.map(escape).join('|')})$`);
  return {
    name: 'fc3-role-defer-packages',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        // The proxy's own require (and resolutions asked for by other plugins) resolve as usual.
        if (args.namespace === 'fc3-role-deferred' || args.pluginData === 'inner') return undefined;
        const why = whyNotDeferrable(readFileSync(args.importer, 'utf8'), args.path);
        if (why) throw new Error(`bundle: cannot defer ${args.path} in ${args.importer}: ${why}`);
        return { path: args.path, namespace: 'fc3-role-deferred', pluginData: { resolveDir: args.resolveDir } };
      });
      build.onLoad({ filter: /.*/, namespace: 'fc3-role-deferred' }, (args) => ({
        contents: [
          'let real;',
          `const load = () => real || (real = require(${JSON.stringify(args.path)}));`,
          'module.exports = new Proxy({}, { get(_, key) {',
          "  if (key === '__esModule') return true;",
          '  const m = load();',
          "  return key === 'default' && !(m && m.__esModule) ? m : m[key];",
          '} });',
        ].join('\n'),
        resolveDir: args.pluginData.resolveDir,
        loader: 'js',
      }));
    },
  };
}

module.exports = { lazyModelIndex, deferPackages };
