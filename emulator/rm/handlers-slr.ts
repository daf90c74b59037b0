/** Resource Manager: CreateServiceLinkedRole, CheckServiceLinkedRoleExistence (FC's service-linked role only). */
import { ApiError, type RpcContext } from '../core/types';
import { callerAccount, checkPermission, requiredParam } from './access';

interface LinkedRoleSpec {
  roleName: string;
  policyName: string;
  description: string;
}

const LINKED_ROLES: Record<string, LinkedRoleSpec> = {
  'fc.aliyuncs.com': {
    roleName: 'AliyunServiceRoleForFC',
    policyName: 'AliyunServiceRolePolicyForFC',
    description: 'Function Compute (FC) will use this role to access your resources in other services.',
  },
};

function specFor(serviceName: string): LinkedRoleSpec {
  const spec = LINKED_ROLES[serviceName.toLowerCase()];
  // Choice: only fc.aliyuncs.com has a service-linked role here; any other ServiceName answers 400 InvalidParameter.ServiceName.
  if (!spec) throw new ApiError(400, 'InvalidParameter.ServiceName', `The ServiceName is not supported: ${serviceName}.`);
  return spec;
}

function trustPolicy(serviceName: string): string {
  return JSON.stringify({
    Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: [serviceName] } }],
    Version: '1',
  });
}

export function createServiceLinkedRole(ctx: RpcContext): Record<string, unknown> {
  const serviceName = requiredParam(ctx, 'ServiceName').toLowerCase();
  const spec = specFor(serviceName);
  if (ctx.params.CustomSuffix !== undefined && ctx.params.CustomSuffix !== '') {
    // Choice: FC's service-linked role takes no CustomSuffix; one is refused with 400 InvalidParameter.CustomSuffix.
    throw new ApiError(400, 'InvalidParameter.CustomSuffix', 'The service does not support a custom suffix.');
  }
  const account = callerAccount(ctx);
  // Choice: a RAM user or role needs ram:CreateServiceLinkedRole on acs:ram:*:<uid>:role/* to create one, with the condition key ram:ServiceName = the service.
  checkPermission(ctx, 'ram:CreateServiceLinkedRole', `acs:ram:*:${account.id}:role/*`, undefined, { 'ram:ServiceName': serviceName });
  const role = account.ram.createRole({
    roleName: spec.roleName,
    assumeRolePolicyDocument: trustPolicy(serviceName),
    description: ctx.params.Description || spec.description,
  });
  account.ram.attachPolicy('role', role.roleName, { type: 'System', name: spec.policyName });
  return {
    Role: {
      Arn: role.arn,
      AssumeRolePolicyDocument: role.assumeRolePolicyDocument,
      CreateDate: role.createDate,
      Description: role.description,
      IsServiceLinkedRole: true,
      RoleId: role.roleId,
      RoleName: role.roleName,
      RolePrincipalName: `${role.roleName}@role.${account.alias}.onaliyunservice.com`,
    },
  };
}

/**
 * A real Resource Manager 2020-03-31 API, although the generated SDK (2.6.1) has no method for it:
 * Serverless Devs' fc3 component calls it through a hand-written callApi (initSlrRole, see
 * /work/shared/docs/prior-art.md §2.2-2.3), Alibaba's AgentRun permission guide lists
 * "CheckServiceLinkedRoleExistence | ResourceManager" among the APIs its console calls, and real-world
 * RAM policies grant the action `ram:CheckServiceLinkedRoleExistence` (next to ram:CreateServiceLinkedRole).
 */
export function checkServiceLinkedRoleExistence(ctx: RpcContext): Record<string, unknown> {
  const serviceName = requiredParam(ctx, 'ServiceName').toLowerCase();
  const spec = specFor(serviceName);
  const account = callerAccount(ctx);
  // Choice: CheckServiceLinkedRoleExistence needs ram:CheckServiceLinkedRoleExistence on the linked role (condition key ram:ServiceName) for RAM users and roles.
  const resource = `acs:ram:*:${account.id}:role/${spec.roleName.toLowerCase()}`;
  checkPermission(ctx, 'ram:CheckServiceLinkedRoleExistence', resource, undefined, { 'ram:ServiceName': serviceName });
  const role = account.ram.findRole(spec.roleName);
  // Choice: a service-linked role inside the propagation delay does not exist yet for Resource Manager.
  return { Exists: role !== undefined && ctx.world.isVisibleToServices(role.createdAt) };
}
