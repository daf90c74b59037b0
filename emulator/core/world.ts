/**
 * The whole emulated cloud: accounts (each with its RAM, Resource Manager, FC and OSS state),
 * the AccessKey store, the request log, the fault switches, and the FC runtime's processes (the only
 * part with I/O: fc/runtime/fc-runtime.ts).
 */
import { CredentialStore } from './credentials';
import { RequestLog } from './requests';
import { Faults } from './faults';
import { RamState } from '../ram/state';
import { RmState } from '../rm/state';
import { FcState } from '../fc/state';
import { OssState } from '../oss/state';
import { FcRuntime } from '../fc/runtime/fc-runtime';

export interface UserSeed {
  name: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  /** System policy names, or custom policies given as a name and a document. Attached at account scope. */
  policies?: Array<string | { name: string; document: object }>;
}

export interface AccountSeed {
  /** Default '1234567890123456' for the first account. */
  id?: string;
  /** Default: the account id. Used in RAM principal names (<role>@role.<alias>.onaliyunservice.com). */
  alias?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  users?: UserSeed[];
  /** Default: one default group and one named 'test'. */
  resourceGroups?: Array<{ id: string; name: string; displayName?: string }>;
  /** `cnames`: custom domains bound to the bucket (ali-oss `cname: true` addresses the bucket by its domain alone). */
  buckets?: Array<{ name: string; region?: string; cnames?: string[] }>;
  /** Functions that exist from the start (as if created with CreateFunction, without a role). */
  functions?: FunctionSeed[];
}

/** A function of the seed: the fields of CreateFunctionInput a seed needs, and its code zipped. */
export interface FunctionSeed {
  name: string;
  /** Default 'cn-hangzhou'. */
  region?: string;
  runtime: string;
  handler: string;
  /** The code package (a zip). */
  zip: Buffer;
  /** Seconds; default as CreateFunction (3). */
  timeout?: number;
  /** MB; default as CreateFunction (128). */
  memorySize?: number;
  description?: string;
  environmentVariables?: Record<string, string>;
}

export interface EmulatorOptions {
  /** Where FC refuses a role it cannot assume: at Create/UpdateFunction (default) or at InvokeFunction. */
  fcRoleCheck?: 'update' | 'invoke';
  /** Default: one account with the default seed. */
  accounts?: AccountSeed[];
  /** Clock in milliseconds; default Date.now. */
  clock?: () => number;
}

export class Account {
  readonly ram: RamState;
  readonly rm: RmState;
  readonly fc: FcState;
  readonly oss: OssState;
  constructor(readonly id: string, readonly alias: string) {
    this.ram = new RamState(id);
    this.rm = new RmState(id);
    this.fc = new FcState(id);
    this.oss = new OssState(id);
  }
}

export class World {
  readonly accounts = new Map<string, Account>();
  readonly credentials = new CredentialStore();
  readonly requests = new RequestLog();
  readonly faults = new Faults();
  /** This emulator's running handlers, extracted code and handler node_modules. */
  readonly fcRuntime = new FcRuntime();
  readonly options: Required<Pick<EmulatorOptions, 'fcRoleCheck'>>;
  private readonly clock: () => number;

  constructor(options: EmulatorOptions = {}) {
    this.options = { fcRoleCheck: options.fcRoleCheck ?? 'update' };
    this.clock = options.clock ?? Date.now;
  }

  now(): number {
    return this.clock();
  }

  /** Throws when the account is unknown: callers resolve accounts from verified credentials only. */
  getAccount(id: string): Account {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`emulator: unknown account ${id}`);
    return account;
  }

  /** Back to empty: no running handlers, no accounts or keys, an empty request log, no faults (the caller re-seeds). */
  reset(): void {
    this.fcRuntime.killRunning();
    this.accounts.clear();
    this.credentials.clear();
    this.requests.clear();
    this.faults.clear();
  }

  /** A role created less than the propagation delay ago is not yet seen by FC, STS and Resource Manager. */
  isVisibleToServices(createdAtMs: number): boolean {
    return this.now() - createdAtMs >= this.faults.propagationDelayMs;
  }
}
