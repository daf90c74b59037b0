/** Jest runs the TypeScript tests through ts-jest (transpile only; `npm run build` type-checks). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // A guard against hangs, not an assertion: e2e tests start `s` several times, and on a busy machine one start can take many seconds.
  testTimeout: 300000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
