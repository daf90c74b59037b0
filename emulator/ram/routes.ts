/**
 * RAM 2015-05-01: the action table. Dispatch is by (version, action) in core; an action missing here
 * is refused loudly by core, never answered with a guess.
 */
import type { RpcAction, RpcContext, RpcService } from '../core/types';
import * as account from './handlers-account';
import * as attachments from './handlers-attachments';
import * as policies from './handlers-policies';
import * as roles from './handlers-roles';
import * as tags from './handlers-tags';
import * as users from './handlers-users';
import * as versions from './handlers-versions';

type Handler = (ctx: RpcContext) => Record<string, unknown>;

const read = (handler: Handler): RpcAction => ({ handler, write: false });
const write = (handler: Handler): RpcAction => ({ handler, write: true });

export const ramService: RpcService = {
  product: 'ram',
  version: '2015-05-01',
  hostId: 'ram.aliyuncs.com',
  actions: {
    CreateRole: write(roles.createRole),
    GetRole: read(roles.getRole),
    UpdateRole: write(roles.updateRole),
    DeleteRole: write(roles.deleteRole),
    ListRoles: read(roles.listRoles),

    CreatePolicy: write(policies.createPolicy),
    GetPolicy: read(policies.getPolicy),
    UpdatePolicyDescription: write(policies.updatePolicyDescription),
    DeletePolicy: write(policies.deletePolicy),
    ListPolicies: read(policies.listPolicies),

    CreatePolicyVersion: write(versions.createPolicyVersion),
    ListPolicyVersions: read(versions.listPolicyVersions),
    GetPolicyVersion: read(versions.getPolicyVersion),
    DeletePolicyVersion: write(versions.deletePolicyVersion),
    SetDefaultPolicyVersion: write(versions.setDefaultPolicyVersion),

    AttachPolicyToRole: write(attachments.attachPolicyToRole),
    DetachPolicyFromRole: write(attachments.detachPolicyFromRole),
    ListPoliciesForRole: read(attachments.listPoliciesForRole),
    AttachPolicyToUser: write(attachments.attachPolicyToUser),
    DetachPolicyFromUser: write(attachments.detachPolicyFromUser),
    ListPoliciesForUser: read(attachments.listPoliciesForUser),
    ListEntitiesForPolicy: read(attachments.listEntitiesForPolicy),

    TagResources: write(tags.tagResources),
    UntagResources: write(tags.untagResources),
    ListTagResources: read(tags.listTagResources),

    CreateUser: write(users.createUser),
    GetUser: read(users.getUser),
    DeleteUser: write(users.deleteUser),
    CreateAccessKey: write(users.createAccessKey),
    ListAccessKeys: read(users.listAccessKeys),
    UpdateAccessKey: write(users.updateAccessKey),
    DeleteAccessKey: write(users.deleteAccessKey),
    GetAccountAlias: read(account.getAccountAlias),
  },
};
