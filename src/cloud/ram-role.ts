/**
 * RAM roles and their account-scope policy attachments: thin typed wrappers over @alicloud/ram20150501.
 * `find*` returns undefined when RAM says the entity does not exist; `get*` throws.
 */
import { Fc3RoleError } from '../errors';
import { DEFAULT_MAX_SESSION_DURATION, type PolicyDocument } from '../model';
import { serializePolicyDocument } from '../policy';
import { callCloud, ensureWrite, findOrUndefined } from './call';
import { ramClient, type CloudContext } from './clients';
import { ramSdk } from './sdk';

export interface RamRole {
  name: string;
  /** As RAM returns it (role name lower-cased). */
  arn: string;
  roleId: string;
  description: string;
  /** The trust policy as RAM's JSON text. */
  trustPolicyText: string;
  maxSessionDuration: number;
}

export interface RoleAttachment {
  policyType: 'System' | 'Custom';
  /** Catalog casing. */
  policyName: string;
}

export interface NewRole {
  name: string;
  /** Default: none. */
  description?: string;
  trustPolicy: PolicyDocument;
  /** Default: DEFAULT_MAX_SESSION_DURATION (3600). */
  maxSessionDuration?: number;
}

export interface RoleUpdate {
  trustPolicy?: PolicyDocument;
  description?: string;
  maxSessionDuration?: number;
}

export const ROLE_NOT_FOUND = ['EntityNotExist.Role'] as const;

interface RoleShape {
  roleName?: string;
  arn?: string;
  roleId?: string;
  description?: string;
  assumeRolePolicyDocument?: string;
  maxSessionDuration?: number;
}

function toRamRole(role: RoleShape | undefined, fallbackName: string): RamRole {
  return {
    name: role?.roleName ?? fallbackName,
    arn: role?.arn ?? '',
    roleId: role?.roleId ?? '',
    description: role?.description ?? '',
    trustPolicyText: role?.assumeRolePolicyDocument ?? '',
    maxSessionDuration: role?.maxSessionDuration ?? 3600,
  };
}

function policyType(value: string | undefined): 'System' | 'Custom' {
  return value === 'System' ? 'System' : 'Custom';
}

export async function findRole(ctx: CloudContext, name: string): Promise<RamRole | undefined> {
  const sdk = ramSdk();
  const res = await findOrUndefined(ctx, 'GetRole', `role ${name}`, ROLE_NOT_FOUND, () =>
    ramClient(ctx).getRole(new sdk.GetRoleRequest({ roleName: name })),
  );
  return res ? toRamRole(res.body?.role, name) : undefined;
}

export async function getRole(ctx: CloudContext, name: string): Promise<RamRole> {
  const role = await findRole(ctx, name);
  if (!role) throw new Fc3RoleError('NotFound', `GetRole failed for role ${name}: the role does not exist`);
  return role;
}

/** CreateRole with the given tags (the component's ownership mark). */
export async function createRole(ctx: CloudContext, role: NewRole, tags: Record<string, string> = {}): Promise<RamRole> {
  const sdk = ramSdk();
  const request = new sdk.CreateRoleRequest({
    roleName: role.name,
    assumeRolePolicyDocument: serializePolicyDocument(role.trustPolicy),
    maxSessionDuration: role.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
    ...(role.description ? { description: role.description } : {}),
    tag: Object.entries(tags).map(([key, value]) => new sdk.CreateRoleRequestTag({ key, value })),
  });
  const res = await callCloud(ctx, 'CreateRole', `role ${role.name}`, () => ramClient(ctx).createRole(request));
  return toRamRole(res.body?.role, role.name);
}

/** UpdateRole sending only the fields that are set; an empty description is refused before the call (RAM takes 1 to 1,024 characters). */
export async function updateRole(ctx: CloudContext, name: string, update: RoleUpdate): Promise<RamRole> {
  if (update.description === '') {
    throw new Fc3RoleError('InvalidArgument', `UpdateRole failed for role ${name}: the new description is empty`, {
      hint: 'RAM keeps a role description of 1 to 1,024 characters and cannot clear one: leave description out of s.yaml to keep the current one.',
    });
  }
  const sdk = ramSdk();
  const request = new sdk.UpdateRoleRequest({
    roleName: name,
    ...(update.trustPolicy ? { newAssumeRolePolicyDocument: serializePolicyDocument(update.trustPolicy) } : {}),
    ...(update.description !== undefined ? { newDescription: update.description } : {}),
    ...(update.maxSessionDuration !== undefined ? { newMaxSessionDuration: update.maxSessionDuration } : {}),
  });
  const res = await callCloud(ctx, 'UpdateRole', `role ${name}`, () => ramClient(ctx).updateRole(request));
  return toRamRole(res.body?.role, name);
}

/** DeleteRole; a role already gone (another run, or our lost answer) is done. */
export async function deleteRole(ctx: CloudContext, name: string): Promise<void> {
  const sdk = ramSdk();
  await ensureWrite(ctx, 'DeleteRole', `role ${name}`, ROLE_NOT_FOUND, () => ramClient(ctx).deleteRole(new sdk.DeleteRoleRequest({ roleName: name })));
}

/** Account-scope attachments of a role (RAM does not list resource-group ones). */
export async function listPoliciesForRole(ctx: CloudContext, roleName: string): Promise<RoleAttachment[]> {
  const sdk = ramSdk();
  const res = await callCloud(ctx, 'ListPoliciesForRole', `role ${roleName}`, () =>
    ramClient(ctx).listPoliciesForRole(new sdk.ListPoliciesForRoleRequest({ roleName })),
  );
  return (res.body?.policies?.policy ?? []).map((p) => ({
    policyType: policyType(p.policyType),
    policyName: p.policyName ?? '',
  }));
}

/** AttachPolicyToRole; already attached (another run, or our lost answer) is done. */
export async function attachPolicyToRole(ctx: CloudContext, roleName: string, att: RoleAttachment): Promise<void> {
  const sdk = ramSdk();
  const request = new sdk.AttachPolicyToRoleRequest({ roleName, policyType: att.policyType, policyName: att.policyName });
  await ensureWrite(ctx, 'AttachPolicyToRole', `role ${roleName} (policy ${att.policyType}:${att.policyName})`, ['EntityAlreadyExists.Role.Policy'], () =>
    ramClient(ctx).attachPolicyToRole(request),
  );
}

/** DetachPolicyFromRole; not attached, or no such role or policy any more (another run removed it), is done. */
export async function detachPolicyFromRole(ctx: CloudContext, roleName: string, att: RoleAttachment): Promise<void> {
  const sdk = ramSdk();
  const request = new sdk.DetachPolicyFromRoleRequest({ roleName, policyType: att.policyType, policyName: att.policyName });
  await ensureWrite(ctx, 'DetachPolicyFromRole', `role ${roleName} (policy ${att.policyType}:${att.policyName})`, ['EntityNotExist.Role.Policy', ...ROLE_NOT_FOUND, 'EntityNotExist.Policy'], () =>
    ramClient(ctx).detachPolicyFromRole(request),
  );
}

/** The account alias (RAM GetAccountAlias); the account id when none is set. */
export async function getAccountAlias(ctx: CloudContext): Promise<string> {
  const res = await callCloud(ctx, 'GetAccountAlias', `account ${ctx.accountId}`, () => ramClient(ctx).getAccountAlias());
  const alias = res.body?.accountAlias;
  return alias && alias.trim() !== '' ? alias : ctx.accountId;
}
