/**
 * The configurations around a function that Serverless Devs' fc3 reads on every deploy and remove
 * (src/subCommands/deploy/impl/*, src/subCommands/remove/index.ts): asynchronous invocation, VPC
 * bindings, scaling, concurrency, provisioning, aliases, versions, triggers and instances. The emulator
 * keeps none of them, so for an existing function each list is empty and each single configuration is
 * "not set", answered the way FC answers it. A function that does not exist is 404 FunctionNotFound.
 *
 * Request paths and response fields: FC 3.0 API reference (https://help.aliyun.com/zh/functioncompute/fc/developer-reference/
 * api-fc-2023-03-30-<action>), e.g. "GET /2023-03-30/functions/{functionName}/async-invoke-config", and the
 * @alicloud/fc20230330 4.7.6 models (ListTriggersOutput `triggers`, ListVpcBindingsOutput `vpcIds`, ...).
 */
import { ApiError, type RestContext, type RestResult, type RestRoute } from '../core/types';
import { functionArn, requireFcPermission } from './access';
import { openFunctionRequest } from './handlers';
import { resolveFcRegion } from './region';

/** The function named in the path must exist (404 FunctionNotFound); returns its ARN. */
function existingFunction(ctx: RestContext, ramAction: string): string {
  const { region, account, name } = openFunctionRequest(ctx, ramAction);
  account.fc.getFunction(region, name);
  return functionArn(region, account.id, name);
}

function ok(body: object): RestResult {
  return { status: 200, body };
}

/** A per-function list that is always empty here. */
function emptyList(ramAction: string, body: object): (ctx: RestContext) => RestResult {
  return (ctx) => {
    existingFunction(ctx, ramAction);
    return ok(body);
  };
}

/** A list across functions (filtered by ?functionName=), always empty here. */
function emptyRegionList(ramAction: string, body: object): (ctx: RestContext) => RestResult {
  return (ctx) => {
    const region = resolveFcRegion(ctx.headers, ctx.endpointRegion);
    const account = ctx.world.getAccount(ctx.caller.accountId);
    requireFcPermission(ctx.world, account, ctx.caller, ramAction, functionArn(region, account.id, '*'));
    return ok(body);
  };
}

/** A single configuration that is never set here: 404 with the code FC answers. */
function notSet(ramAction: string, status: number, code: string, what: string): (ctx: RestContext) => RestResult {
  return (ctx) => {
    const arn = existingFunction(ctx, ramAction);
    throw new ApiError(status, code, `${what} of '${arn}' does not exist`);
  };
}

/** A named child (trigger, alias) that never exists here. */
function namedNotFound(ramAction: string, param: string, code: string, what: string): (ctx: RestContext) => RestResult {
  return (ctx) => {
    existingFunction(ctx, ramAction);
    throw new ApiError(404, code, `${what} '${ctx.pathParams[param] ?? ''}' does not exist`);
  };
}

const FN = '/2023-03-30/functions/:functionName';

function read(pattern: string, action: string, handler: (ctx: RestContext) => RestResult): RestRoute {
  return { method: 'GET', pattern, action, write: false, handler };
}

export const subresourceRoutes: RestRoute[] = [
  // Source: fc:GetFunctionAsyncInvokeConfig is the RAM action in the GetAsyncInvokeConfig reference's authorization table.
  // Not set: 404 AsyncConfigNotExists, observed with Terraform provider alicloud (service_alicloud_fcv3_v2.go,
  // DescribeFcv3AsyncInvokeConfig treats AsyncConfigNotExists as "not found").
  read(`${FN}/async-invoke-config`, 'GetAsyncInvokeConfig', notSet('GetFunctionAsyncInvokeConfig', 404, 'AsyncConfigNotExists', 'the async invoke config')),
  // Not set: 404 OnDemandConfigNotFound, observed with Terraform provider alicloud (DescribeFcv3ConcurrencyConfig).
  read(`${FN}/concurrency`, 'GetConcurrencyConfig', notSet('GetConcurrencyConfig', 404, 'OnDemandConfigNotFound', 'the concurrency config')),
  // Not set: 200 with target 0 and no functionArn, observed with Terraform provider alicloud (DescribeFcv3ProvisionConfig:
  // target "0" means not found) and with devsapp/fc3 (getFunctionProvisionConfig: an empty functionArn means not set).
  read(`${FN}/provision-config`, 'GetProvisionConfig', (ctx) => {
    existingFunction(ctx, 'GetProvisionConfig');
    return ok({ target: 0, current: 0 });
  }),
  // Choice: GetScalingConfig of a function without one answers 200 with an empty ScalingConfigStatus (no functionArn), as GetProvisionConfig does; fc3's getFunctionScalingConfig reads an empty functionArn as "not set".
  read(`${FN}/scaling-config`, 'GetScalingConfig', (ctx) => {
    existingFunction(ctx, 'GetScalingConfig');
    return ok({});
  }),
  read(`${FN}/vpc-bindings`, 'ListVpcBindings', emptyList('ListVpcBindings', { vpcIds: [] })),
  read(`${FN}/aliases`, 'ListAliases', emptyList('ListAliases', { aliases: [] })),
  read(`${FN}/versions`, 'ListFunctionVersions', emptyList('ListFunctionVersions', { versions: [], direction: 'BACKWARD' })),
  read(`${FN}/triggers`, 'ListTriggers', emptyList('ListTriggers', { triggers: [] })),
  read(`${FN}/instances`, 'ListInstances', emptyList('ListInstances', { instances: [] })),
  // Source: TriggerNotFound / AliasNotFound, devsapp/fc3 src/resources/fc/error-code.ts and Terraform provider alicloud.
  read(`${FN}/triggers/:triggerName`, 'GetTrigger', namedNotFound('GetTrigger', 'triggerName', 'TriggerNotFound', 'trigger')),
  read(`${FN}/aliases/:aliasName`, 'GetAlias', namedNotFound('GetAlias', 'aliasName', 'AliasNotFound', 'alias')),
  read('/2023-03-30/async-invoke-configs', 'ListAsyncInvokeConfigs', emptyRegionList('ListAsyncInvokeConfigs', { configs: [] })),
  read('/2023-03-30/scaling-configs', 'ListScalingConfigs', emptyRegionList('ListScalingConfigs', { scalingConfigs: [] })),
  read('/2023-03-30/provision-configs', 'ListProvisionConfigs', emptyRegionList('ListProvisionConfigs', { provisionConfigs: [] })),
  read('/2023-03-30/concurrency-configs', 'ListConcurrencyConfigs', emptyRegionList('ListConcurrencyConfigs', { configs: [] })),
];
