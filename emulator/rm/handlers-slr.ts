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
  // Choice: a RAM user or role needs ram:CreateServiceLinkedRole on acs:ram:*:<uid>:role/* to create one.
  checkPermission(ctx, 'ram:CreateServiceLinkedRole', `acs:ram:*:${account.id}:role/*`);
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

export function checkServiceLinkedRoleExistence(ctx: RpcContext): Record<string, unknown> {
  const spec = specFor(requiredParam(ctx, 'ServiceName'));
  const account = callerAccount(ctx);
  // Choice: CheckServiceLinkedRoleExistence needs ram:GetRole on the linked role for RAM users and roles.
  checkPermission(ctx, 'ram:GetRole', `acs:ram:*:${account.id}:role/${spec.roleName.toLowerCase()}`);
  const role = account.ram.findRole(spec.roleName);
  // Choice: a service-linked role inside the propagation delay does not exist yet for Resource Manager.
  return { Exists: role !== undefined && ctx.world.isVisibleToServices(role.createdAt) };
}
