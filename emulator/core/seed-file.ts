/**
 * The emulator's seed file (`cli.js --seed <file>`): one account as JSON, so that "a function that
 * already exists", a bucket and a deploying RAM user with its AccessKey are one command away.
 *
 *   {
 *     "buckets":   [{ "name": "my-bucket", "region": "cn-hangzhou" }],
 *     "functions": [{ "name": "my-function", "region": "cn-hangzhou", "runtime": "nodejs18",
 *                     "handler": "index.handler", "code": "./code", "timeout": 30 }],
 *     "users":     [{ "name": "deployer", "policies": ["AliyunRAMFullAccess", { "name": "p", "document": { … } }] }]
 *   }
 *
 * `code` is a folder (zipped as the function's code package) relative to the seed file; `id`, `alias`,
 * `resourceGroups` are also accepted (see AccountSeed). Every problem is reported at once.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { dirname, isAbsolute, resolve } from 'path';
import AdmZip from 'adm-zip';
import type { AccountSeed, FunctionSeed, UserSeed } from './world';

const ACCOUNT_KEYS = ['$comment', 'id', 'alias', 'users', 'resourceGroups', 'buckets', 'functions'];
const FUNCTION_KEYS = ['name', 'region', 'runtime', 'handler', 'code', 'timeout', 'memorySize', 'description', 'environmentVariables'];
const REGION_ID = /^[a-z]{2}(?:-[a-z0-9]+)+$/;

type Json = Record<string, unknown>;
type SeedPolicy = NonNullable<UserSeed['policies']>[number];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
  unknownKeys(value: Json, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.add(`${path}.${key}`, `is not a seed field (allowed: ${allowed.join(', ')})`);
  }
}

function list(value: unknown, path: string, problems: Problems): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  problems.add(path, 'must be a list');
  return [];
}

function zipFolder(folder: string, path: string, problems: Problems): Buffer | undefined {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    problems.add(path, `folder ${folder} does not exist`);
    return undefined;
  }
  const zip = new AdmZip();
  zip.addLocalFolder(folder);
  return zip.toBuffer();
}

function readFunction(raw: unknown, path: string, baseDir: string, problems: Problems): FunctionSeed | undefined {
  if (!isObject(raw)) {
    problems.add(path, 'must be an object { name, runtime, handler, code }');
    return undefined;
  }
  problems.unknownKeys(raw, FUNCTION_KEYS, path);
  for (const key of ['name', 'runtime', 'handler', 'code']) {
    if (typeof raw[key] !== 'string' || raw[key] === '') problems.add(`${path}.${key}`, 'is required (a string)');
  }
  if (raw.region !== undefined && (typeof raw.region !== 'string' || !REGION_ID.test(raw.region))) problems.add(`${path}.region`, 'must be a region id, e.g. cn-hangzhou');
  for (const key of ['timeout', 'memorySize']) {
    if (raw[key] !== undefined && (typeof raw[key] !== 'number' || !Number.isInteger(raw[key]))) problems.add(`${path}.${key}`, 'must be a whole number');
  }
  if (typeof raw.code !== 'string' || raw.code === '') return undefined;
  const zip = zipFolder(isAbsolute(raw.code) ? raw.code : resolve(baseDir, raw.code), `${path}.code`, problems);
  if (!zip || typeof raw.name !== 'string' || typeof raw.runtime !== 'string' || typeof raw.handler !== 'string') return undefined;
  return {
    name: raw.name,
    runtime: raw.runtime,
    handler: raw.handler,
    zip,
    ...(typeof raw.region === 'string' ? { region: raw.region } : {}),
    ...(typeof raw.timeout === 'number' ? { timeout: raw.timeout } : {}),
    ...(typeof raw.memorySize === 'number' ? { memorySize: raw.memorySize } : {}),
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    ...(isObject(raw.environmentVariables) ? { environmentVariables: raw.environmentVariables as Record<string, string> } : {}),
  };
}

function readUser(raw: unknown, path: string, problems: Problems): UserSeed | undefined {
  if (!isObject(raw) || typeof raw.name !== 'string' || raw.name === '') {
    problems.add(path, 'must be an object with a name, e.g. { "name": "deployer", "policies": ["AliyunRAMFullAccess"] }');
    return undefined;
  }
  problems.unknownKeys(raw, ['name', 'policies'], path);
  const policies = list(raw.policies, `${path}.policies`, problems).filter((p, i): p is SeedPolicy => {
    const ok = typeof p === 'string' || (isObject(p) && typeof p.name === 'string' && isObject(p.document));
    if (!ok) problems.add(`${path}.policies[${i}]`, 'must be a system policy name or { "name": …, "document": { "Version": "1", "Statement": […] } }');
    return ok;
  });
  return { name: raw.name, policies };
}

/** Parses the seed file's text; `baseDir` is where relative code folders are. Throws listing every problem. */
export function parseSeed(text: string, baseDir: string, source = 'seed'): AccountSeed {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${source}: not valid JSON: ${(e as Error).message}`);
  }
  const problems = new Problems();
  if (!isObject(raw)) throw new Error(`${source}: must be a JSON object with buckets, functions and users`);
  problems.unknownKeys(raw, ACCOUNT_KEYS, 'seed');
  const seed: AccountSeed = {};
  if (typeof raw.id === 'string') seed.id = raw.id;
  if (typeof raw.alias === 'string') seed.alias = raw.alias;
  if (Array.isArray(raw.resourceGroups)) seed.resourceGroups = raw.resourceGroups as AccountSeed['resourceGroups'];
  seed.buckets = list(raw.buckets, 'seed.buckets', problems).flatMap((b, i) => {
    if (isObject(b) && typeof b.name === 'string') return [{ name: b.name, ...(typeof b.region === 'string' ? { region: b.region } : {}) }];
    problems.add(`seed.buckets[${i}]`, 'must be { "name": …, "region": … }');
    return [];
  });
  seed.functions = list(raw.functions, 'seed.functions', problems).flatMap((f, i) => readFunction(f, `seed.functions[${i}]`, baseDir, problems) ?? []);
  seed.users = list(raw.users, 'seed.users', problems).flatMap((u, i) => readUser(u, `seed.users[${i}]`, problems) ?? []);
  if (problems.list.length > 0) throw new Error(`${source}: ${problems.list.length} problem(s):\n  ${problems.list.join('\n  ')}`);
  return seed;
}

/** Reads a seed file (code folders relative to it). */
export function readSeedFile(file: string): AccountSeed {
  const absolute = resolve(file);
  if (!existsSync(absolute)) throw new Error(`seed file ${absolute} does not exist`);
  return parseSeed(readFileSync(absolute, 'utf8'), dirname(absolute), absolute);
}
