/** `npm run test:live`: the scenarios of test/live against Alibaba Cloud (never part of `npm test`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/live'],
  testMatch: ['**/*.live.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 15 * 60_000,
  maxWorkers: 1,
};
