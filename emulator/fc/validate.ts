/**
 * Parses and validates CreateFunctionInput / UpdateFunctionInput bodies (untrusted JSON) into
 * typed partial configurations. Every problem is a 400 InvalidArgument with a realistic message.
 */
import { ApiError } from '../core/types';
import type { FunctionConfig } from './state';

export type CodeSource =
  | { kind: 'zip'; zip: Buffer }
  | { kind: 'oss'; bucket: string; object: string };

export interface FunctionInput {
  functionName?: string;
  code?: CodeSource;
  /** Only the fields present in the body. `extra` holds the other echoed Function fields. */
  config: Partial<FunctionConfig>;
}

export const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

const RUNTIMES = new Set([
  'nodejs8', 'nodejs10', 'nodejs12', 'nodejs14', 'nodejs16', 'nodejs18', 'nodejs20',
  'python2.7', 'python3', 'python3.9', 'python3.10', 'python3.12',
  'java8', 'java11', 'php7.2', 'dotnetcore3.1', 'go1',
  'custom', 'custom.debian10', 'custom.debian11', 'custom.debian12', 'custom-container',
]);

/** Function fields echoed back verbatim when sent (the emulator gives them no behaviour). */
const ECHOED_FIELDS = [
  'customContainerConfig', 'customDNS', 'customRuntimeConfig', 'disableInjectCredentials', 'disableOndemand',
  'enableLongLiving', 'gpuConfig', 'idleTimeout', 'instanceIsolationMode', 'instanceLifecycleConfig',
  'juiceFsConfig', 'layers', 'logConfig', 'nasConfig', 'ossMountConfig', 'polarFsConfig', 'resourceGroupId',
  'sessionAffinity', 'sessionAffinityConfig', 'tags', 'tracingConfig', 'vpcConfig',
];

export function invalidArgument(message: string): ApiError {
  return new ApiError(400, 'InvalidArgument', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the raw request body as a JSON object. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalidArgument('failed to parse request body: invalid JSON');
  }
  if (!isRecord(parsed)) throw invalidArgument('request body must be a JSON object');
  return parsed;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`${key} must be a string`);
  return value;
}

function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidArgument(`${key} must be a number`);
  return value;
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidArgument(`${key} must be a boolean`);
  return value;
}

function parseEnvironment(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalidArgument('environmentVariables must be a map of string to string');
  const env: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw invalidArgument(`environment variable '${key}' must be a string`);
    env[key] = item;
  }
  return env;
}

function parseCode(value: unknown): CodeSource | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalidArgument('code must be an object');
  const zipFile = value.zipFile;
  if (typeof zipFile === 'string' && zipFile !== '') {
    const zip = Buffer.from(zipFile, 'base64');
    if (zip.length < 4 || zip.readUInt32LE(0) !== 0x04034b50) {
      throw invalidArgument('code.zipFile is not a valid base64-encoded zip file');
    }
    return { kind: 'zip', zip };
  }
  const bucket = value.ossBucketName;
  const object = value.ossObjectName;
  if (typeof bucket === 'string' && bucket !== '' && typeof object === 'string' && object !== '') {
    return { kind: 'oss', bucket, object };
  }
  throw invalidArgument('Either ossBucketName/ossObjectName or zipFile must be set');
}

export function validateTimeout(timeout: number): void {
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 86400) {
    throw invalidArgument(`timeout must be an integer between 1 and 86400 seconds, got ${timeout}`);
  }
}

export function validateMemorySize(memorySize: number): void {
  if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 32768 || memorySize % 64 !== 0) {
    throw invalidArgument(`memorySize must be a multiple of 64 MB between 128 and 32768, got ${memorySize}`);
  }
}

/** The cpu/memory rule: cpu a multiple of 0.05 vCPU, and memory (GB) between 1x and 4x the cpu. */
export function validateCpu(cpu: number, memorySize: number): void {
  const steps = cpu / 0.05;
  if (cpu <= 0 || Math.abs(steps - Math.round(steps)) > 1e-9) {
    throw invalidArgument(`cpu must be a multiple of 0.05 vCPU, got ${cpu}`);
  }
  const ratio = memorySize / 1024 / cpu;
  if (ratio < 1 - 1e-9 || ratio > 4 + 1e-9) {
    throw invalidArgument(`the ratio of cpu to memory (GB) must be between 1:1 and 1:4, got cpu ${cpu} and memorySize ${memorySize}`);
  }
}

// Choice: an omitted cpu is the smallest valid one for the memory size (0.05 vCPU for 128 MB).
export function defaultCpu(memorySize: number): number {
  const minimum = memorySize / 1024 / 4;
  return Math.max(0.05, Math.round(Math.ceil(minimum / 0.05 - 1e-9) * 0.05 * 100) / 100);
}

function parseConfig(body: Record<string, unknown>): Partial<FunctionConfig> {
  const config: Partial<FunctionConfig> = {};
  const runtime = optionalString(body, 'runtime');
  if (runtime !== undefined) {
    if (!RUNTIMES.has(runtime)) throw invalidArgument(`runtime '${runtime}' is not supported`);
    config.runtime = runtime;
  }
  const handler = optionalString(body, 'handler');
  if (handler !== undefined) {
    if (handler === '' || handler.length > 128) throw invalidArgument('Handler is required but not provided');
    config.handler = handler;
  }
  const role = optionalString(body, 'role');
  if (role !== undefined) config.role = role;
  const description = optionalString(body, 'description');
  if (description !== undefined) {
    if (description.length > 256) throw invalidArgument('description must be at most 256 characters');
    config.description = description;
  }
  const timeout = optionalNumber(body, 'timeout');
  if (timeout !== undefined) {
    validateTimeout(timeout);
    config.timeout = timeout;
  }
  const memorySize = optionalNumber(body, 'memorySize');
  if (memorySize !== undefined) {
    validateMemorySize(memorySize);
    config.memorySize = memorySize;
  }
  const cpu = optionalNumber(body, 'cpu');
  if (cpu !== undefined) config.cpu = cpu;
  const diskSize = optionalNumber(body, 'diskSize');
  if (diskSize !== undefined) {
    if (diskSize !== 512 && diskSize !== 10240) throw invalidArgument(`diskSize must be 512 or 10240, got ${diskSize}`);
    config.diskSize = diskSize;
  }
  const instanceConcurrency = optionalNumber(body, 'instanceConcurrency');
  if (instanceConcurrency !== undefined) {
    if (!Number.isInteger(instanceConcurrency) || instanceConcurrency < 1 || instanceConcurrency > 200) {
      throw invalidArgument(`instanceConcurrency must be an integer between 1 and 200, got ${instanceConcurrency}`);
    }
    config.instanceConcurrency = instanceConcurrency;
  }
  const internetAccess = optionalBoolean(body, 'internetAccess');
  if (internetAccess !== undefined) config.internetAccess = internetAccess;
  const environmentVariables = parseEnvironment(body.environmentVariables);
  if (environmentVariables !== undefined) config.environmentVariables = environmentVariables;
  const extra: Record<string, unknown> = {};
  for (const key of ECHOED_FIELDS) if (body[key] !== undefined && body[key] !== null) extra[key] = body[key];
  if (Object.keys(extra).length > 0) config.extra = extra;
  return config;
}

/** CreateFunctionInput: name, runtime, handler and code are required. */
export function parseCreateInput(body: Record<string, unknown>): Required<Pick<FunctionInput, 'functionName' | 'code'>> & FunctionInput {
  const functionName = optionalString(body, 'functionName');
  if (functionName === undefined || functionName === '') throw invalidArgument('FunctionName is required but not provided');
  if (!FUNCTION_NAME.test(functionName)) {
    throw invalidArgument(`invalid function name '${functionName}': it must be 1 to 64 characters of letters, digits, '_' and '-', and must not start with a digit or '-'`);
  }
  const config = parseConfig(body);
  if (config.runtime === undefined) throw invalidArgument('Runtime is required but not provided');
  if (config.handler === undefined) throw invalidArgument('Handler is required but not provided');
  const code = parseCode(body.code);
  if (!code) throw invalidArgument('Either ossBucketName/ossObjectName or zipFile must be set');
  return { functionName, code, config };
}

/** UpdateFunctionInput: any subset. */
export function parseUpdateInput(body: Record<string, unknown>): FunctionInput {
  return { code: parseCode(body.code), config: parseConfig(body) };
}
