/**
 * RAM attachment actions: Attach/DetachPolicyToRole|FromRole, Attach/DetachPolicyToUser|FromUser,
 * ListPoliciesForRole, ListPoliciesForUser, ListEntitiesForPolicy. Account scope only.
 */
import type { RpcContext } from '../core/types';
import { openRam, ramResource, requirePermission, type RamCall } from './handlers-common';
import { ramErrors } from './errors';
import { policyRefParams, requireParam } from './params';
import { policySummaryWire } from './serialize';
import type { PrincipalKind } from './state-attachments';

type Result = Record<string, unknown>;

const PRINCIPAL = {
  role: { param: 'RoleName', resource: ramResource.role },
  user: { param: 'UserName', resource: ramResource.user },
} as const;

// Choice: a ResourceGroupId other than the account id is refused (400 InvalidParameter.ResourceGroupId); resource-group grants go through Resource Manager AttachPolicy.
function checkAccountScope(ctx: RpcContext, call: RamCall): void {
  const group = ctx.params.ResourceGroupId;
  if (group !== undefined && group !== '' && group !== call.account.id) {
    throw ramErrors.invalidParam('ResourceGroupId', 'RAM attaches at account scope only; use Resource Manager AttachPolicy for a resource group');
  }
}

// Choice: Attach/Detach and ListPoliciesFor* are authorized on the principal's resource (role/<name> or user/<name>), not on the policy.
/** Attach or detach (the same checks, then one state call). */
function changeAttachment(kind: PrincipalKind, action: string, op: 'attach' | 'detach') {
  return (ctx: RpcContext): Result => {
    const call = openRam(ctx);
    const ref = policyRefParams(ctx.params);
    const principal = requireParam(ctx.params, PRINCIPAL[kind].param);
    requirePermission(ctx, call, action, PRINCIPAL[kind].resource(call.account.id, principal));
    checkAccountScope(ctx, call);
    if (op === 'attach') call.ram.attachPolicy(kind, principal, ref, call.now);
    else call.ram.detachPolicy(kind, principal, ref);
    return { RequestId: ctx.requestId };
  };
}

function listFor(kind: PrincipalKind, action: string) {
  return (ctx: RpcContext): Result => {
    const call = openRam(ctx);
    const principal = requireParam(ctx.params, PRINCIPAL[kind].param);
    requirePermission(ctx, call, action, PRINCIPAL[kind].resource(call.account.id, principal));
    const attached = call.ram.listPoliciesFor(kind, principal);
    return {
      RequestId: ctx.requestId,
      Policies: { Policy: attached.map((a) => ({ ...policySummaryWire(a.policy), AttachDate: a.attachDate })) },
    };
  };
}

export const attachPolicyToRole = changeAttachment('role', 'AttachPolicyToRole', 'attach');
export const detachPolicyFromRole = changeAttachment('role', 'DetachPolicyFromRole', 'detach');
export const listPoliciesForRole = listFor('role', 'ListPoliciesForRole');
export const attachPolicyToUser = changeAttachment('user', 'AttachPolicyToUser', 'attach');
export const detachPolicyFromUser = changeAttachment('user', 'DetachPolicyFromUser', 'detach');
export const listPoliciesForUser = listFor('user', 'ListPoliciesForUser');

export function listEntitiesForPolicy(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const ref = policyRefParams(ctx.params);
  requirePermission(ctx, call, 'ListEntitiesForPolicy', ramResource.policy(call.account.id, ref.name));
  const entities = call.ram.entitiesForPolicy(ref);
  return {
    RequestId: ctx.requestId,
    // Choice: the emulator has no RAM groups, so Groups is always an empty list.
    Groups: { Group: [] },
    Roles: {
      Role: entities.roles.map(({ role, attachDate }) => ({
        Arn: role.arn,
        AttachDate: attachDate,
        Description: role.description,
        RoleId: role.roleId,
        RoleName: role.roleName,
      })),
    },
    Users: {
      User: entities.users.map(({ user, attachDate }) => ({
        AttachDate: attachDate,
        DisplayName: user.displayName,
        UserId: user.userId,
        UserName: user.userName,
      })),
    },
  };
}
