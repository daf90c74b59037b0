/**
 * Command line: `node build/emulator/cli.js [--port 9000] [--fc-role-check update|invoke] [--json]`.
 * Starts the emulator, prints its endpoint and the seeded (throwaway) keys, runs until SIGINT/SIGTERM.
 * With --json it prints exactly one line `{"endpoint":…,"host":…,"fcEndpoints":{…},"accounts":[…]}` for scripts.
 */
import minimist from 'minimist';
import { fcEndpointsSetting, startEmulator, type Emulator } from './index';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: cli.js [--port N] [--fc-role-check update|invoke] [--json]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { port: number; fcRoleCheck: 'update' | 'invoke'; json: boolean } {
  const args = minimist(argv, { string: ['port', 'fc-role-check'], boolean: ['json', 'help'] });
  if (args.help) usage('fc3-role local cloud emulator');
  const port = args.port === undefined ? 0 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`invalid --port: ${String(args.port)}`);
  const check = args['fc-role-check'] ?? 'update';
  if (check !== 'update' && check !== 'invoke') usage(`invalid --fc-role-check: ${String(check)}`);
  return { port, fcRoleCheck: check, json: Boolean(args.json) };
}

function describe(emu: Emulator): string {
  const lines = [
    `fc3-role emulator listening on ${emu.endpoint}`,
    `  @alicloud clients: endpoint '${emu.host}', protocol 'http'   ali-oss: endpoint '${emu.endpoint}'`,
    '  FC endpoints, one per region (FC clients that take only a URL: fc3-role and fc3 need the region\'s):',
    `    export FC3_ROLE_FC_ENDPOINTS='${fcEndpointsSetting(emu.fcEndpoints)}'`,
    `    e.g. cn-hangzhou ${emu.fcEndpoints['cn-hangzhou']}   cn-shanghai ${emu.fcEndpoints['cn-shanghai']}`,
    '  Seeded keys (throwaway emulator credentials, valid only against this emulator):',
  ];
  for (const account of emu.accounts) {
    lines.push(`  account ${account.id} (alias ${account.alias})`);
    lines.push(`    root  AccessKeyId=${account.accessKeyId}  AccessKeySecret=${account.accessKeySecret}`);
    for (const user of account.users) {
      lines.push(`    user ${user.name}  AccessKeyId=${user.accessKeyId}  AccessKeySecret=${user.accessKeySecret}`);
    }
  }
  lines.push('  Ctrl-C to stop.');
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const emu = await startEmulator({ port: options.port, fcRoleCheck: options.fcRoleCheck });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ endpoint: emu.endpoint, host: emu.host, fcEndpoints: emu.fcEndpoints, accounts: emu.accounts })}\n`);
  } else {
    process.stdout.write(describe(emu));
  }
  const stop = (): void => {
    emu.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
