/**
 * Command line: `node build/emulator/cli.js [--port 9000] [--seed FILE] [--fc-role-check update|invoke] [--json]`
 * (`npm run emulator -- …`). Starts the emulator, prints its endpoint, its FC endpoint per region, the seeded
 * (throwaway) keys, the resource groups, buckets and functions, and how to use it with `s`; runs until SIGINT/SIGTERM.
 * --seed reads an account from a JSON file (emulator/core/seed-file.ts). With --json it prints exactly
 * one line `{"endpoint":…,"host":…,"fcEndpoints":{…},"accounts":[…]}` for scripts.
 */
import minimist from 'minimist';
import { startEmulator } from './index';
import { describeEmulator } from './cli-text';
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

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const emu = await startEmulator({ port: options.port, fcRoleCheck: options.fcRoleCheck, ...(options.seed ? { accounts: [options.seed] } : {}) });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ endpoint: emu.endpoint, host: emu.host, fcEndpoints: emu.fcEndpoints, accounts: emu.accounts })}\n`);
  } else {
    process.stdout.write(describeEmulator(emu));
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
