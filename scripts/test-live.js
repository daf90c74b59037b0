#!/usr/bin/env node
/**
 * `npm run test:live`: runs test/live against Alibaba Cloud when FC3_ROLE_LIVE=1 and a key are set;
 * otherwise says that it skipped and why, and exits 0. Never part of `npm test`.
 */
'use strict';
const { spawnSync } = require('child_process');

function skipReason(env) {
  const missing = [];
  if (env.FC3_ROLE_LIVE !== '1') missing.push('FC3_ROLE_LIVE=1');
  if (!env.ALIBABA_CLOUD_ACCESS_KEY_ID) missing.push('ALIBABA_CLOUD_ACCESS_KEY_ID');
  if (!env.ALIBABA_CLOUD_ACCESS_KEY_SECRET) missing.push('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  if (!env.FC3_ROLE_LIVE_BUCKET) missing.push('FC3_ROLE_LIVE_BUCKET');
  return missing.length > 0 ? `set ${missing.join(', ')}` : undefined;
}

const reason = skipReason(process.env);
if (reason) {
  process.stdout.write(
    `test:live skipped: it runs against Alibaba Cloud only when asked to (${reason}).\n` +
      'It creates a RAM role, a function and one object in FC3_ROLE_LIVE_BUCKET (region FC3_ROLE_LIVE_REGION, default cn-hangzhou), then removes them.\n',
  );
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
let status = run(npm, ['run', 'prepare-test']);
if (status === 0) status = run(process.execPath, [require.resolve('jest/bin/jest'), '--config', 'jest.live.config.js', '--runInBand']);
process.exit(status);
