/**
 * Builds the accounts of a World from seeds: root key, RAM users (with their keys and policies),
 * resource groups, buckets and functions. Deterministic: the same seeds give the same ids and keys.
 */
import { createHash } from 'crypto';
import { Account, type AccountSeed, type FunctionSeed, type UserSeed, type World } from './world';
import { issueUserAccessKey } from '../ram/access-keys';
import { loadCode } from '../fc/code';
import { newFunctionRecord } from '../fc/handlers';
import { parseCreateInput } from '../fc/validate';

export const DEFAULT_ACCOUNT_ID = '1234567890123456';
export const DEFAULT_REGION = 'cn-hangzhou';

export interface SeededUser {
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface SeededAccount {
  id: string;
  alias: string;
  accessKeyId: string;
  accessKeySecret: string;
  users: SeededUser[];
  /** Resource groups (ids for `policies[].resourceGroupId`). */
  resourceGroups: Array<{ id: string; name: string }>;
  buckets: Array<{ name: string; region: string }>;
  functions: Array<{ name: string; region: string; runtime: string }>;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A deterministic lowercase alphanumeric string derived from `text`. */
function digest(text: string, length: number): string {
  return BigInt(`0x${createHash('sha256').update(text).digest('hex')}`).toString(36).slice(0, length);
}

/** The default resource group id of an account: `rg-acfm` plus 11 stable characters. */
export function defaultResourceGroupId(accountId: string, name = 'default'): string {
  return `rg-acfm${digest(`${accountId}/${name}`, 11)}`;
}

function accountIdOf(seed: AccountSeed, index: number): string {
  if (seed.id) return seed.id;
  // Later accounts without an id get 1234567890123457, …58, …
  return (BigInt(DEFAULT_ACCOUNT_ID) + BigInt(index)).toString();
}

function seedUser(world: World, account: Account, user: UserSeed, accountIndex: number, userIndex: number): SeededUser {
  account.ram.createUser(user.name);
  for (const policy of user.policies ?? []) {
    if (typeof policy === 'string') {
      account.ram.attachPolicy('user', user.name, { type: 'System', name: policy });
    } else {
      account.ram.createPolicy(policy.name, JSON.stringify(policy.document));
      account.ram.attachPolicy('user', user.name, { type: 'Custom', name: policy.name });
    }
  }
  const accessKeyId = user.accessKeyId ?? `LTAIEmulatorUser${two(accountIndex + 1)}${two(userIndex + 1)}`;
  const accessKeySecret = user.accessKeySecret ?? `EmulatorUserSecret${digest(`${account.id}/${user.name}`, 14)}`;
  // The seeded key is one of the user's AccessKey pairs, as RAM ListAccessKeys shows it.
  issueUserAccessKey(world, account, account.ram.users.get(user.name), world.now(), { accessKeyId, accessKeySecret });
  return { name: user.name, accessKeyId, accessKeySecret };
}

function seedAccount(world: World, seed: AccountSeed, index: number): SeededAccount {
  const id = accountIdOf(seed, index);
  const alias = seed.alias ?? id;
  const account = new Account(id, alias);
  account.ram.setClock(() => world.now());
  world.accounts.set(id, account);

  const accessKeyId = seed.accessKeyId ?? `LTAIEmulatorRootKey${two(index + 1)}`;
  const accessKeySecret = seed.accessKeySecret ?? `EmulatorRootSecret${digest(`${id}/root`, 14)}`;
  world.credentials.register({
    accessKeyId,
    accessKeySecret,
    caller: { accountId: id, kind: 'root', arn: `acs:ram::${id}:root`, accessKeyId },
  });

  const groups = seed.resourceGroups ?? [
    { id: defaultResourceGroupId(id), name: 'default', displayName: 'default resource group' },
    { id: defaultResourceGroupId(id, 'test'), name: 'test', displayName: 'test' },
  ];
  const created = new Date(world.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const group of groups) {
    account.rm.addResourceGroup({ id: group.id, name: group.name, displayName: group.displayName ?? group.name, createDate: created });
  }

  const users = (seed.users ?? []).map((user, userIndex) => seedUser(world, account, user, index, userIndex));
  const buckets = (seed.buckets ?? []).map((b) => ({ name: b.name, region: b.region ?? DEFAULT_REGION }));
  for (const bucket of seed.buckets ?? []) {
    const record = account.oss.createBucket(bucket.name, bucket.region ?? DEFAULT_REGION);
    record.cnames.push(...(bucket.cnames ?? []).map((domain) => domain.toLowerCase()));
  }
  const functions = (seed.functions ?? []).map((fn) => seedFunction(world, account, fn, created));
  return { id, alias, accessKeyId, accessKeySecret, users, resourceGroups: groups.map((g) => ({ id: g.id, name: g.name })), buckets, functions };
}

/** Creates a function as CreateFunction would (same checks, defaults and code loading); throws the API's error for a bad seed. */
function seedFunction(world: World, account: Account, fn: FunctionSeed, created: string): SeededAccount['functions'][number] {
  const region = fn.region ?? DEFAULT_REGION;
  const input = parseCreateInput({
    functionName: fn.name,
    runtime: fn.runtime,
    handler: fn.handler,
    code: { zipFile: fn.zip.toString('base64') },
    ...(fn.timeout !== undefined ? { timeout: fn.timeout } : {}),
    ...(fn.memorySize !== undefined ? { memorySize: fn.memorySize } : {}),
    ...(fn.description !== undefined ? { description: fn.description } : {}),
    ...(fn.environmentVariables !== undefined ? { environmentVariables: fn.environmentVariables } : {}),
  });
  account.fc.addFunction(newFunctionRecord(region, input, loadCode(input.code, account, world), created));
  return { name: fn.name, region, runtime: fn.runtime };
}

/** Adds the seeded accounts to an empty world (default: one account with the default seed). */
export function seedWorld(world: World, seeds: AccountSeed[] = [{}]): SeededAccount[] {
  return (seeds.length > 0 ? seeds : [{}]).map((seed, index) => seedAccount(world, seed, index));
}
