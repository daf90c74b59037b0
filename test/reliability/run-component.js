#!/usr/bin/env node
/**
 * Runs one command of the built component (dist/index.js, as `s` loads it) with the inputs `s` would
 * pass, for the kill sweep: a separate process that the test can SIGKILL after any API call.
 * Input: env FC3_ROLE_RUN = {"command", "props", "credential": {AccessKeyID, AccessKeySecret, AccountID}};
 * env FC3_ROLE_ENDPOINT and FC3_ROLE_FC_ENDPOINTS point it at the emulator (through the test's counting proxy).
 * Exit 0 on success, 1 with the error on stderr.
 */
const { join } = require('path');

const spec = JSON.parse(process.env.FC3_ROLE_RUN || '{}');
const mod = require(join(__dirname, '..', '..', 'dist', 'index.js'));
const Component = mod.default || mod;
const quiet = () => undefined;
const component = new Component({ logger: { info: quiet, warn: quiet, debug: quiet, error: quiet, write: quiet } });

component[spec.command]({
  props: spec.props,
  args: ['-y'],
  cwd: __dirname,
  command: spec.command,
  yaml: { path: join(__dirname, 's.yaml') },
  resource: { name: 'fn-role', component: 'fc3-role', access: 'default' },
  getCredential: async () => spec.credential,
}).then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e && e.message}\n`);
    process.exit(1);
  },
);
