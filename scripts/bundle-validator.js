/**
 * The props validator compiled ahead of time, for scripts/bundle.js: src/config/props-validator.ts
 * compiles the schema with ajv on first use; in the bundle that module becomes ajv's standalone code
 * for the same schema and options (only ajv's small runtime helpers are bundled, never its compiler).
 * Reads the compiled schema from build/ (`npm run build` first; npm run prepare-test does both).
 */
const { existsSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const SOURCE = join(ROOT, 'src', 'config', 'props-validator.ts');
const COMPILED = join(ROOT, 'build', 'src', 'config', 'props-validator.js');
const SCHEMA = join(ROOT, 'build', 'src', 'config', 'schema.js');

/** The standalone validator as a CommonJS module exporting `propsValidator()` and `AJV_OPTIONS`. */
function propsValidatorSource() {
  for (const f of [COMPILED, SCHEMA]) if (!existsSync(f)) throw new Error(`bundle: missing ${f}; run npm run build first`);
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const { AJV_OPTIONS } = require(COMPILED);
  const { propsSchema } = require(SCHEMA);
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const validate = ajv.compile(propsSchema);
  return [
    'const validate = (() => { const module = { exports: {} };',
    standaloneCode(ajv, validate),
    'return module.exports; })();',
    `exports.AJV_OPTIONS = ${JSON.stringify(AJV_OPTIONS)};`,
    'exports.propsValidator = () => validate;',
  ].join('\n');
}

function precompiledPropsValidator() {
  return {
    name: 'fc3-role-precompiled-props-validator',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]config[\\/]props-validator\.ts$/ }, (args) =>
        args.path === SOURCE ? { contents: propsValidatorSource(), loader: 'js', resolveDir: ROOT } : undefined,
      );
    },
  };
}

module.exports = { precompiledPropsValidator, propsValidatorSource };
