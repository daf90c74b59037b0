/** Jest runs the TypeScript tests through ts-jest (transpile only; `npm run build` type-checks). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // A guard against hangs, not a speed check: on a busy shared machine one `s` start can take 20 s, and an
  // e2e test runs several (timings belong in benchmarks; tests assert behaviour only).
  testTimeout: 900000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  // The code cache of dist/ chunks goes to a temporary folder during the tests (see test/global-setup.js).
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
};
