/**
 * startEmulator(): the local Alibaba Cloud (RAM, STS, Resource Manager, FC 3.0, OSS) on one
 * plain-http port of 127.0.0.1, seeded with accounts and keys, with reset() back to the seed.
 */
import { World, type AccountSeed, type EmulatorOptions } from './core/world';
import { seedWorld, type SeededAccount } from './core/seed';
import { startServer, type ServiceRegistry } from './core/server';
import { services } from './services';
import type { RequestLog } from './core/requests';
import type { Faults } from './core/faults';

export type { AccountSeed, EmulatorOptions } from './core/world';
export type { SeededAccount, SeededUser } from './core/seed';
export type { RequestRecord, RequestFilter, RequestLog } from './core/requests';
export type { FaultRule, FaultError, Faults, LostAnswer, RateLimitRule } from './core/faults';
export { World } from './core/world';
export type { ServiceRegistry } from './core/server';

export interface StartOptions extends EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Replaces the service registry (the emulator's own tests use it to exercise the core with stand-in services). */
  services?: ServiceRegistry;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`, for ali-oss `endpoint`. */
  endpoint: string;
  /** `127.0.0.1:PORT`, for @alicloud Config `endpoint` (with protocol 'http'). */
  host: string;
  port: number;
  /** The seeded accounts and their (throwaway) keys; identical after reset(). */
  accounts: SeededAccount[];
  /** The whole emulated cloud; the same object across resets. */
  state: World;
  requests: RequestLog;
  faults: Faults;
  /** Back to the seed: running handlers killed, held (unanswered) connections closed, accounts rebuilt, temporary keys forgotten, faults cleared, log cleared. */
  reset(): void;
  /** Stops the server and this emulator's running handlers (not those of other emulators in the process). */
  close(): Promise<void>;
}

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  const world = new World(options);
  const seeds: AccountSeed[] | undefined = options.accounts;
  const accounts = seedWorld(world, seeds);
  const server = await startServer(world, options.services ?? services, options.port ?? 0);
  const host = `127.0.0.1:${server.port}`;
  return {
    endpoint: `http://${host}`,
    host,
    port: server.port,
    accounts,
    state: world,
    requests: world.requests,
    faults: world.faults,
    reset() {
      server.releaseHeld();
      world.reset();
      seedWorld(world, seeds);
    },
    close: async () => {
      world.fcRuntime.dispose();
      await server.close();
    },
  };
}
