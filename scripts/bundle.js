#!/usr/bin/env node
/**
 * Bundles the component into one self-contained CommonJS file (dist/index.js), because the
 * Serverless Registry serves the package as a zip and never runs `npm install`.
 * The SDKs are required lazily inside functions; esbuild keeps each one in a lazy wrapper, so
 * requiring the bundle does not load them.
 */
const { buildSync } = require('esbuild');
const { join } = require('path');

const root = join(__dirname, '..');
buildSync({
  entryPoints: [join(root, 'src', 'index.ts')],
  outfile: join(root, 'dist', 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});
