/** RAM records in wire shape: PascalCase keys as the SDK *ResponseBody models name them, lists wrapped. */
import type { RoleRecord, UserRecord, PolicyView } from './state';
import type { PolicyVersionRecord } from './state-policies';
import type { Tag } from './validate';

export function roleWire(role: RoleRecord): Record<string, unknown> {
  return {
    Arn: role.arn,
    AssumeRolePolicyDocument: role.assumeRolePolicyDocument,
    CreateDate: role.createDate,
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    RoleId: role.roleId,
    RoleName: role.roleName,
    UpdateDate: role.updateDate,
  };
}

export function tagsWire(tags: Tag[]): Record<string, unknown> {
  return { Tag: tags.map((t) => ({ TagKey: t.key, TagValue: t.value })) };
}

/** ListRoles items: no trust document, with tags. */
export function roleListItemWire(role: RoleRecord, tags: Tag[]): Record<string, unknown> {
  const { AssumeRolePolicyDocument: _omitted, ...item } = roleWire(role);
  return { ...item, Tags: tagsWire(tags) };
}

export function versionWire(version: PolicyVersionRecord, defaultVersion: string): Record<string, unknown> {
  return {
    CreateDate: version.createDate,
    IsDefaultVersion: version.versionId === defaultVersion,
    PolicyDocument: version.document,
    VersionId: version.versionId,
  };
}

export function defaultDocument(policy: PolicyView): string {
  return policy.versions.find((v) => v.versionId === policy.defaultVersion)?.document ?? '';
}

/** The common policy fields (ListPolicies / ListPoliciesFor* add theirs). */
export function policySummaryWire(policy: PolicyView): Record<string, unknown> {
  return {
    DefaultVersion: policy.defaultVersion,
    Description: policy.description,
    PolicyName: policy.policyName,
    PolicyType: policy.policyType,
  };
}

export function userWire(user: UserRecord): Record<string, unknown> {
  return {
    Comments: user.comments,
    CreateDate: user.createDate,
    DisplayName: user.displayName,
    Email: user.email,
    MobilePhone: user.mobilePhone,
    UpdateDate: user.updateDate,
    UserId: user.userId,
    UserName: user.userName,
  };
}
