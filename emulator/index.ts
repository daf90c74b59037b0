/**
 * startEmulator(): the local Alibaba Cloud (RAM, STS, Resource Manager, FC 3.0, OSS) on one
 * plain-http port of 127.0.0.1, seeded with accounts and keys, with reset() back to the seed.
 */
import { World, type AccountSeed, type EmulatorOptions } from './core/world';
import { seedWorld, type SeededAccount } from './core/seed';
import { startServer, type ServiceRegistry } from './core/server';
import { services } from './services';
import { FC_REGIONS } from './fc/region';
import type { RequestLog } from './core/requests';
import type { Faults } from './core/faults';

export type { AccountSeed, EmulatorOptions } from './core/world';
export type { SeededAccount, SeededUser } from './core/seed';
export type { RequestRecord, RequestFilter, RequestLog } from './core/requests';
export type { FaultRule, FaultError, Faults, LostAnswer, RateLimitRule } from './core/faults';
export { World } from './core/world';
export type { ServiceRegistry } from './core/server';

export interface StartOptions extends EmulatorOptions {
  /** 0 (default) picks free ports. Given, the FC region endpoints take the next 21 ports, in FC_REGIONS order (emulator/fc/region.ts). */
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
  /**
   * The FC endpoint of each region, `http://127.0.0.1:PORT` (one port per region, as each region has its own
   * `<account>.<region>.fc.aliyuncs.com`): for FC clients that take only an endpoint URL (fc3's custom endpoint,
   * fc3-role's FC3_ROLE_FC_ENDPOINTS). The shared `endpoint` serves no FC region.
   */
  fcEndpoints: Record<string, string>;
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

/** `region=url,region=url,…`: the FC endpoints as one setting (fc3-role's env FC3_ROLE_FC_ENDPOINTS). */
export function fcEndpointsSetting(fcEndpoints: Record<string, string>): string {
  return Object.entries(fcEndpoints).map(([region, url]) => `${region}=${url}`).join(',');
}

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  const world = new World(options);
  const seeds: AccountSeed[] | undefined = options.accounts;
  const accounts = seedWorld(world, seeds);
  const server = await startServer(world, options.services ?? services, options.port ?? 0, FC_REGIONS);
  const host = `127.0.0.1:${server.port}`;
  // Handlers reach Alibaba Cloud hosts (http://oss-cn-hangzhou.aliyuncs.com, ...) on this emulator, as in FC.
  world.fcRuntime.routeCloudHostsTo(server.port);
  const fcEndpoints: Record<string, string> = {};
  for (const [region, port] of Object.entries(server.fcPorts)) fcEndpoints[region] = `http://127.0.0.1:${port}`;
  return {
    endpoint: `http://${host}`,
    host,
    port: server.port,
    fcEndpoints,
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
