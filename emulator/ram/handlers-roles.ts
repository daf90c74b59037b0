/** RAM role actions: CreateRole, GetRole, UpdateRole, DeleteRole, ListRoles. */
import type { RpcContext } from '../core/types';
import { rolePrincipalName } from '../iam/authorize';
import { openRam, paginate, ramResource, requirePermission } from './handlers-common';
import { intParam, maxItemsParam, optionalParam, requireParam, tagFilterParam } from './params';
import { roleListItemWire, roleWire } from './serialize';
import { parseTags } from './validate';

type Result = Record<string, unknown>;

export function createRole(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const roleName = requireParam(ctx.params, 'RoleName');
  const assumeRolePolicyDocument = requireParam(ctx.params, 'AssumeRolePolicyDocument');
  requirePermission(ctx, call, 'CreateRole', ramResource.role(call.account.id, roleName));
  const tags = ctx.params.Tag ? parseTags(ctx.params.Tag) : [];
  const role = call.ram.createRole(
    {
      roleName,
      assumeRolePolicyDocument,
      description: optionalParam(ctx.params, 'Description'),
      maxSessionDuration: intParam(ctx.params, 'MaxSessionDuration'),
    },
    call.now,
    tags,
  );
  const { UpdateDate: _omitted, ...created } = roleWire(role);
  return { RequestId: ctx.requestId, Role: created };
}

export function getRole(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const roleName = requireParam(ctx.params, 'RoleName');
  requirePermission(ctx, call, 'GetRole', ramResource.role(call.account.id, roleName));
  const role = call.ram.roles.get(roleName);
  // RolePrincipalName is dropped by the RAM SDK model but shown by RAM's docs; harmless to send.
  return { RequestId: ctx.requestId, Role: { ...roleWire(role), RolePrincipalName: rolePrincipalName(call.account, role.roleName) } };
}

export function updateRole(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const roleName = requireParam(ctx.params, 'RoleName');
  requirePermission(ctx, call, 'UpdateRole', ramResource.role(call.account.id, roleName));
  const role = call.ram.roles.update(
    roleName,
    {
      newAssumeRolePolicyDocument: optionalParam(ctx.params, 'NewAssumeRolePolicyDocument'),
      newDescription: optionalParam(ctx.params, 'NewDescription'),
      newMaxSessionDuration: intParam(ctx.params, 'NewMaxSessionDuration'),
    },
    call.now,
  );
  return { RequestId: ctx.requestId, Role: roleWire(role) };
}

export function deleteRole(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const roleName = requireParam(ctx.params, 'RoleName');
  requirePermission(ctx, call, 'DeleteRole', ramResource.role(call.account.id, roleName));
  const role = call.ram.roles.get(roleName);
  // Choice: Resource Manager grants to the role (any scope, incl. resource groups) block DeleteRole with DeleteConflict.Role.Policy too.
  const rmGrants = call.account.rm.attachmentsFor('ServiceRole', rolePrincipalName(call.account, role.roleName)).length;
  call.ram.deleteRole(role.roleName, rmGrants);
  return { RequestId: ctx.requestId };
}

export function listRoles(ctx: RpcContext): Result {
  const call = openRam(ctx);
  requirePermission(ctx, call, 'ListRoles', ramResource.allRoles(call.account.id));
  const filter = tagFilterParam(ctx.params);
  const size = maxItemsParam(ctx.params);
  const roles = call.ram.roles.list().filter((role) => call.ram.tags.matches('role', role.roleName, filter));
  const page = paginate(roles, (role) => role.roleName.toLowerCase(), optionalParam(ctx.params, 'Marker'), size);
  return {
    RequestId: ctx.requestId,
    IsTruncated: page.isTruncated,
    Marker: page.next,
    Roles: { Role: page.items.map((role) => roleListItemWire(role, call.ram.tags.list('role', role.roleName))) },
  };
}
