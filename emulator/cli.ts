/**
 * Command line: `node build/emulator/cli.js [--port 9000] [--seed FILE] [--fc-role-check update|invoke] [--json]`
 * (`npm run emulator -- …`). Starts the emulator, prints its endpoint, the seeded (throwaway) keys, the
 * resource groups, buckets and functions, and how to use it with `s`; runs until SIGINT/SIGTERM.
 * --seed reads an account from a JSON file (emulator/core/seed-file.ts). With --json it prints exactly
 * one line `{"endpoint":…,"host":…,"accounts":[…]}` for scripts.
 */
import minimist from 'minimist';
import { startEmulator, type Emulator } from './index';
import { readSeedFile } from './core/seed-file';
import type { AccountSeed } from './core/world';

const USAGE = 'usage: cli.js [--port N] [--seed FILE] [--fc-role-check update|invoke] [--json]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

interface CliOptions {
  port: number;
  fcRoleCheck: 'update' | 'invoke';
  json: boolean;
  seed?: AccountSeed;
}

function parseArgs(argv: string[]): CliOptions {
  const args = minimist(argv, { string: ['port', 'fc-role-check', 'seed'], boolean: ['json', 'help'] });
  if (args.help) usage('fc3-role local cloud emulator');
  const port = args.port === undefined ? 0 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`invalid --port: ${String(args.port)}`);
  const check = args['fc-role-check'] ?? 'update';
  if (check !== 'update' && check !== 'invoke') usage(`invalid --fc-role-check: ${String(check)}`);
  let seed: AccountSeed | undefined;
  if (args.seed !== undefined) {
    try {
      seed = readSeedFile(String(args.seed));
    } catch (e) {
      usage(`invalid --seed: ${(e as Error).message}`);
    }
  }
  return { port, fcRoleCheck: check, json: Boolean(args.json), ...(seed ? { seed } : {}) };
}

function describe(emu: Emulator): string {
  const lines = [
    `fc3-role emulator listening on ${emu.endpoint}`,
    `  @alicloud clients: endpoint '${emu.host}', protocol 'http'   ali-oss: endpoint '${emu.endpoint}'`,
    '  Seeded keys (throwaway emulator credentials, valid only against this emulator):',
  ];
  for (const account of emu.accounts) {
    lines.push(`  account ${account.id} (alias ${account.alias})`);
    lines.push(`    root  AccessKeyId=${account.accessKeyId}  AccessKeySecret=${account.accessKeySecret}`);
    for (const user of account.users) {
      lines.push(`    user ${user.name}  AccessKeyId=${user.accessKeyId}  AccessKeySecret=${user.accessKeySecret}`);
    }
    lines.push(`    resource groups: ${account.resourceGroups.map((g) => `${g.id} (${g.name})`).join(', ')}`);
    if (account.buckets.length > 0) lines.push(`    buckets: ${account.buckets.map((b) => `${b.name} (${b.region})`).join(', ')}`);
    if (account.functions.length > 0) lines.push(`    functions: ${account.functions.map((f) => `${f.region}/${f.name} (${f.runtime})`).join(', ')}`);
  }
  const first = emu.accounts[0];
  if (first) {
    // A RAM user of the seed deploys as users do; without one, the account's root key.
    const key = first.users[0] ?? first;
    lines.push(
      '  Use it with s (another terminal, in your project):',
      `    export FC3_ROLE_ENDPOINT=${emu.endpoint}`,
      `    npx s config add --AccessKeyID ${key.accessKeyId} --AccessKeySecret ${key.accessKeySecret} --AccountID ${first.id} -a default -f`,
    );
  }
  lines.push('  Ctrl-C to stop.');
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const emu = await startEmulator({ port: options.port, fcRoleCheck: options.fcRoleCheck, ...(options.seed ? { accounts: [options.seed] } : {}) });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ endpoint: emu.endpoint, host: emu.host, accounts: emu.accounts })}\n`);
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
