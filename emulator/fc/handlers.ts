/** FC 3.0 function CRUD handlers: parse -> check -> state -> serialize. */
import { randomUUID } from 'crypto';
import { ApiError, type RestContext, type RestResult } from '../core/types';
import type { Account } from '../core/world';
import { canFcAssumeRole, functionArn, parseRoleArn, requireFcPermission, requirePassRole, roleNotAssumable } from './access';
import { loadCode } from './code';
import { resolveFcRegion } from './region';
import { fcTimestamp, functionToJson } from './serialize';
import type { FunctionCode, FunctionConfig, FunctionRecord } from './state';
import {
  defaultCpu, invalidArgument, parseCreateInput, parseJsonObject, parseUpdateInput, validateCpu, type FunctionInput,
} from './validate';

interface FcRequest {
  region: string;
  account: Account;
}

function fcRequest(ctx: RestContext): FcRequest {
  return { region: resolveFcRegion(ctx.headers, ctx.endpointRegion), account: ctx.world.getAccount(ctx.caller.accountId) };
}

/** The function name from the path (the core decodes path parameters). */
export function pathFunctionName(ctx: RestContext): string {
  return ctx.pathParams.functionName ?? '';
}

/** A request about the function named in the path, once the caller may do `fc:<action>` on it. */
export function openFunctionRequest(ctx: RestContext, action: string): FcRequest & { name: string } {
  const { region, account } = fcRequest(ctx);
  const name = pathFunctionName(ctx);
  requireFcPermission(ctx.world, account, ctx.caller, action, functionArn(region, account.id, name));
  return { region, account, name };
}

// Choice: versions and aliases are not emulated: any qualifier other than LATEST is 404 VersionNotFound.
export function requireLatestQualifier(ctx: RestContext): void {
  const qualifier = ctx.query.qualifier;
  if (qualifier === undefined || qualifier === '' || qualifier === 'LATEST') return;
  throw new ApiError(404, 'VersionNotFound', `version '${qualifier}' of function '${pathFunctionName(ctx)}' does not exist`);
}

/** ram:PassRole plus (per world.options.fcRoleCheck) FC's own assume-role check. */
function checkRole(ctx: RestContext, account: Account, role: string | undefined): void {
  if (role === undefined || role === '') return;
  parseRoleArn(role);
  requirePassRole(ctx.world, account, ctx.caller, role);
  if (ctx.world.options.fcRoleCheck === 'update' && !canFcAssumeRole(ctx.world, account.id, role)) throw roleNotAssumable(role);
}

function resolveCpu(config: Pick<FunctionConfig, 'memorySize'>, cpu: number | undefined, previous?: number): number {
  if (cpu !== undefined) {
    validateCpu(cpu, config.memorySize);
    return cpu;
  }
  if (previous !== undefined) {
    try {
      validateCpu(previous, config.memorySize);
      return previous;
    } catch {
      return defaultCpu(config.memorySize);
    }
  }
  return defaultCpu(config.memorySize);
}

function ok(body: object): RestResult {
  return { status: 200, body };
}

export function createFunction(ctx: RestContext): RestResult {
  const { region, account } = fcRequest(ctx);
  const input = parseCreateInput(parseJsonObject(ctx.body));
  requireFcPermission(ctx.world, account, ctx.caller, 'CreateFunction', functionArn(region, account.id, input.functionName));
  checkRole(ctx, account, input.config.role);
  const record = newFunctionRecord(region, input, loadCode(input.code, account, ctx.world), fcTimestamp(ctx.world.now()));
  account.fc.addFunction(record);
  return ok(functionToJson(record, account.id));
}

/** A new function's record: CreateFunction's defaults for what the input leaves out (also used to seed functions). */
export function newFunctionRecord(region: string, input: FunctionInput & { functionName: string }, code: FunctionCode, now: string): FunctionRecord {
  const memorySize = input.config.memorySize ?? 128;
  return {
    region,
    functionName: input.functionName,
    functionId: randomUUID(),
    runtime: input.config.runtime ?? '',
    handler: input.config.handler ?? '',
    // Choice: the role ARN is stored and echoed exactly as sent (no lower-casing).
    role: input.config.role ?? '',
    description: input.config.description ?? '',
    timeout: input.config.timeout ?? 3,
    memorySize,
    cpu: resolveCpu({ memorySize }, input.config.cpu),
    diskSize: input.config.diskSize ?? 512,
    instanceConcurrency: input.config.instanceConcurrency ?? 1,
    internetAccess: input.config.internetAccess ?? true,
    environmentVariables: input.config.environmentVariables ?? {},
    extra: input.config.extra ?? {},
    code,
    createdTime: now,
    lastModifiedTime: now,
  };
}

export function getFunction(ctx: RestContext): RestResult {
  const { region, account, name } = openFunctionRequest(ctx, 'GetFunction');
  requireLatestQualifier(ctx);
  return ok(functionToJson(account.fc.getFunction(region, name), account.id));
}

export function updateFunction(ctx: RestContext): RestResult {
  const { region, account, name } = openFunctionRequest(ctx, 'UpdateFunction');
  const current = account.fc.getFunction(region, name);
  const input = parseUpdateInput(parseJsonObject(ctx.body));
  checkRole(ctx, account, input.config.role);
  const memorySize = input.config.memorySize ?? current.memorySize;
  const updated: FunctionRecord = {
    ...current,
    ...input.config,
    memorySize,
    cpu: resolveCpu({ memorySize }, input.config.cpu, current.cpu),
    extra: { ...current.extra, ...input.config.extra },
    code: input.code ? loadCode(input.code, account, ctx.world) : current.code,
    lastModifiedTime: fcTimestamp(ctx.world.now()),
  };
  account.fc.replaceFunction(updated);
  return ok(functionToJson(updated, account.id));
}

export function deleteFunction(ctx: RestContext): RestResult {
  const { region, account, name } = openFunctionRequest(ctx, 'DeleteFunction');
  account.fc.deleteFunction(region, name);
  return { status: 204 };
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 20;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidArgument(`limit must be an integer between 1 and 100, got ${raw}`);
  return limit;
}

// Choice: ListFunctions pages by name order; nextToken is the name of the first function of the next page.
export function listFunctions(ctx: RestContext): RestResult {
  const { region, account } = fcRequest(ctx);
  requireFcPermission(ctx.world, account, ctx.caller, 'ListFunctions', functionArn(region, account.id, '*'));
  const limit = parseLimit(ctx.query.limit);
  const prefix = ctx.query.prefix ?? '';
  const start = ctx.query.nextToken ?? '';
  const matching = account.fc.listFunctions(region)
    .filter((fn) => fn.functionName.startsWith(prefix) && fn.functionName >= start);
  const page = matching.slice(0, limit);
  const body: Record<string, unknown> = { functions: page.map((fn) => functionToJson(fn, account.id)) };
  if (matching.length > limit) body.nextToken = matching[limit].functionName;
  return ok(body);
}
