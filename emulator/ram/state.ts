/**
 * RAM state of one account: roles, custom policies and versions, account-scope attachments, tags, users.
 * Rules that span two stores (delete conflicts, attach checks) live here; single-store rules live in the stores.
 * Time comes from the caller (`now`, epoch ms) or from the injected clock; this class never reads the wall clock.
 */
import type { PolicyRef } from '../core/types';
import { isoSeconds } from './dates';
import { ramErrors } from './errors';
import { AccessKeyStore } from './state-access-keys';
import { AttachmentStore, type PrincipalKind } from './state-attachments';
import { PolicyStore, type PolicyView } from './state-policies';
import { RoleStore, type CreateRoleInput, type RoleRecord } from './state-roles';
import { TagStore, type TaggableType } from './state-tags';
import { UserStore, type UserRecord } from './state-users';
import type { Tag } from './validate';

export type { RoleRecord, CreateRoleInput } from './state-roles';
export type { UserRecord } from './state-users';
export type { PolicyView } from './state-policies';

/** One attached policy, as ListPoliciesForRole/User describe it. */
export interface AttachedPolicyView {
  policy: PolicyView;
  attachDate: string;
}

export interface PolicyEntities {
  roles: Array<{ role: RoleRecord; attachDate: string }>;
  users: Array<{ user: UserRecord; attachDate: string }>;
}

/** How many grants of a policy other stores hold, per principal kind. */
export interface OtherScopeGrants {
  roles: number;
  users: number;
  groups: number;
}

const NO_OTHER_GRANTS: OtherScopeGrants = { roles: 0, users: 0, groups: 0 };

export class RamState {
  readonly roles: RoleStore;
  readonly policies = new PolicyStore();
  readonly attachments = new AttachmentStore();
  readonly tags = new TagStore();
  readonly users: UserStore;
  readonly accessKeys = new AccessKeyStore();

  /** `clock` dates entities created without an explicit `now` (seeds); handlers pass the world's time. */
  constructor(readonly accountId: string, private clock: () => number = () => 0) {
    this.roles = new RoleStore(accountId);
    this.users = new UserStore(accountId);
  }

  /** Lets the owner of the world wire its clock in after construction. */
  setClock(clock: () => number): void {
    this.clock = clock;
  }

  // ---- contract used by STS, RM, FC and the seeding code ----

  /** Case-insensitive. */
  findRole(name: string): RoleRecord | undefined {
    return this.roles.find(name);
  }

  /** Account-scope attachments of a role or user (empty when the principal is unknown). */
  listAttachedPolicies(kind: PrincipalKind, name: string): PolicyRef[] {
    return this.attachments.listFor(kind, name).map((a) => a.ref);
  }

  /** The default version's document (JSON text) of a system or custom policy; case-insensitive names. */
  findPolicyDocument(ref: PolicyRef): string | undefined {
    return this.policies.findDocument(ref);
  }

  createUser(name: string, now: number = this.clock()): { userId: string } {
    return { userId: this.users.create({ userName: name }, now).userId };
  }

  createPolicy(name: string, document: string, description?: string, now: number = this.clock(), tags: Tag[] = []): void {
    this.tags.checkRoom('policy', name, tags);
    const policy = this.policies.create(name, document, description, now);
    this.tags.set('policy', policy.policyName, tags);
  }

  /** Throws 404 for an unknown principal or policy, 409 when already attached. */
  // Choice: Attach/Detach check the principal (EntityNotExist.Role/.User) before the policy (EntityNotExist.Policy).
  attachPolicy(kind: PrincipalKind, principal: string, ref: PolicyRef, now: number = this.clock()): void {
    const principalName = this.getPrincipalName(kind, principal);
    const policy = this.policies.get(ref);
    const canonical: PolicyRef = { type: policy.policyType, name: policy.policyName };
    if (!this.attachments.attach(kind, principalName, canonical, isoSeconds(now))) {
      throw kind === 'role' ? ramErrors.rolePolicyExists() : ramErrors.userPolicyExists();
    }
  }

  /** Throws 409 EntityAlreadyExists.Role when the name is taken (case-insensitively). */
  createRole(input: CreateRoleInput, now: number = this.clock(), tags: Tag[] = []): RoleRecord {
    const role = this.roles.create(input, now);
    this.tags.set('role', role.roleName, tags);
    return role;
  }

  // ---- operations spanning stores, for the handlers ----

  /** `otherScopeAttachments`: grants made elsewhere (Resource Manager) that also block deletion. */
  deleteRole(name: string, otherScopeAttachments = 0): void {
    const role = this.roles.get(name);
    if (this.attachments.listFor('role', role.roleName).length > 0 || otherScopeAttachments > 0) {
      throw ramErrors.roleHasPolicies(role.roleName);
    }
    this.roles.delete(role.roleName);
    this.tags.remove('role', role.roleName, 'all');
  }

  /**
   * DeleteUser: "Before you delete a RAM user, make sure that no policies are attached to the RAM user"
   * (RAM DeleteUser reference); AccessKeys block it too (DeleteConflict.User.AccessKey in the RAM error list).
   * `otherScopeGrants`: Resource Manager grants to the user, which block it like RAM's own.
   */
  // Choice: DeleteUser checks AccessKeys (DeleteConflict.User.AccessKey) before policies (DeleteConflict.User.Policy), the order of the RAM error list.
  deleteUser(name: string, otherScopeGrants = 0): void {
    const user = this.users.get(name);
    if (this.accessKeys.listFor(user.userName).length > 0) throw ramErrors.userHasAccessKeys(user.userName);
    if (this.attachments.listFor('user', user.userName).length > 0 || otherScopeGrants > 0) throw ramErrors.userHasPolicies(user.userName);
    this.users.delete(user.userName);
    this.accessKeys.forget(user.userName);
  }

  /** `otherScopeGrants`: grants of the policy made elsewhere (Resource Manager, resource-group scope) that also block deletion. */
  // Choice: DeletePolicy checks attachments (DeleteConflict.Policy.Role, then .User, then .Group) before versions (DeleteConflict.Policy.Version).
  deletePolicy(name: string, cascading: boolean, otherScopeGrants: OtherScopeGrants = NO_OTHER_GRANTS): void {
    const policy = this.policies.getCustom(name);
    const entities = this.attachments.entitiesFor({ type: 'Custom', name: policy.policyName });
    if (entities.some((e) => e.kind === 'role') || otherScopeGrants.roles > 0) throw ramErrors.policyAttachedToRole(policy.policyName);
    if (entities.some((e) => e.kind === 'user') || otherScopeGrants.users > 0) throw ramErrors.policyAttachedToUser(policy.policyName);
    if (otherScopeGrants.groups > 0) throw ramErrors.policyAttachedToGroup(policy.policyName);
    this.policies.delete(policy.policyName, cascading);
    this.tags.remove('policy', policy.policyName, 'all');
  }

  detachPolicy(kind: PrincipalKind, principal: string, ref: PolicyRef): void {
    const principalName = this.getPrincipalName(kind, principal);
    const policy = this.policies.get(ref);
    if (!this.attachments.detach(kind, principalName, { type: policy.policyType, name: policy.policyName })) {
      throw kind === 'role'
        ? ramErrors.rolePolicyNotFound(principalName, policy.policyName)
        : ramErrors.userPolicyNotFound(principalName, policy.policyName);
    }
  }

  /** Throws 404 for an unknown principal. */
  listPoliciesFor(kind: PrincipalKind, principal: string): AttachedPolicyView[] {
    const principalName = this.getPrincipalName(kind, principal);
    return this.attachments.listFor(kind, principalName).flatMap((a) => {
      const policy = this.policies.find(a.ref);
      return policy ? [{ policy, attachDate: a.attachDate }] : [];
    });
  }

  entitiesForPolicy(ref: PolicyRef): PolicyEntities {
    const policy = this.policies.get(ref);
    const entities: PolicyEntities = { roles: [], users: [] };
    for (const a of this.attachments.entitiesFor({ type: policy.policyType, name: policy.policyName })) {
      const role = a.kind === 'role' ? this.roles.find(a.principal) : undefined;
      const user = a.kind === 'user' ? this.users.find(a.principal) : undefined;
      if (role) entities.roles.push({ role, attachDate: a.attachDate });
      if (user) entities.users.push({ user, attachDate: a.attachDate });
    }
    return entities;
  }

  attachmentCount(ref: PolicyRef): number {
    return this.attachments.entitiesFor(ref).length;
  }

  /** The stored casing of a role or custom policy; 404 when it does not exist. */
  getTaggableName(type: TaggableType, name: string): string {
    return type === 'role' ? this.roles.get(name).roleName : this.policies.getCustom(name).policyName;
  }

  private getPrincipalName(kind: PrincipalKind, principal: string): string {
    return kind === 'role' ? this.roles.get(principal).roleName : this.users.get(principal).userName;
  }
}
