/**
 * The dist/ chunks keep a V8 code cache in the user's cache folder (scripts/chunk-loader.js): during the tests
 * it goes to a temporary folder instead (XDG_CACHE_HOME, inherited by the workers and the processes they
 * start), removed by global-teardown.js, so that a test run leaves nothing in ~/.cache.
 */
const { mkdtempSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

module.exports = async () => {
  process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'fc3-role-test-cache-'));
};
