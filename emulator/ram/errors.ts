/**
 * Every RAM wire error, as a factory returning an ApiError with the real HTTP status and code.
 * Serialized by core/errors.ts; nothing here formats a body.
 */
import { ApiError } from '../core/types';

const bad = (code: string, message: string): ApiError => new ApiError(400, code, message);
const notFound = (code: string, message: string): ApiError => new ApiError(404, code, message);
const conflict = (code: string, message: string): ApiError => new ApiError(409, code, message);

export const ramErrors = {
  missingParam: (param: string) => bad(`Missing${param}`, `${param} is mandatory for this action.`),
  invalidParam: (param: string, detail: string) => bad(`InvalidParameter.${param}`, `The parameter ${param} is invalid: ${detail}`),

  /** The RAM error list's wording for user parameters, e.g. InvalidParameter.UserName.InvalidChars / .Length. */
  invalidChars: (param: string) => bad(`InvalidParameter.${param}.InvalidChars`, `The parameter - "${param}" contains invalid chars.`),
  beyondLength: (param: string) => bad(`InvalidParameter.${param}.Length`, `The parameter - "${param}" beyond the length limit.`),
  roleNameChars: (name: string) =>
    bad('InvalidParameter.RoleName.InvalidChars', `The parameter RoleName contains invalid characters: ${name}`),
  roleNameLength: () => bad('InvalidParameter.RoleName.Length', 'The length of the parameter RoleName must be 1 to 64 characters.'),
  policyNameChars: (name: string) =>
    bad('InvalidParameter.PolicyName.InvalidChars', `The parameter PolicyName contains invalid characters: ${name}`),
  policyNameLength: () => bad('InvalidParameter.PolicyName.Length', 'The length of the parameter PolicyName must be 1 to 128 characters.'),
  policyType: (value: string) => bad('InvalidParameter.PolicyType', `The parameter PolicyType must be System or Custom, got: ${value}`),
  /** `param` is e.g. AssumeRolePolicyDocument, NewAssumeRolePolicyDocument, PolicyDocument, Description, NewDescription. */
  length: (param: string, max: number) =>
    bad(`InvalidParameter.${param}.Length`, `The length of the parameter ${param} exceeds the limit of ${max}.`),
  descriptionLength: (param: string) =>
    bad(`InvalidParameter.${param}.Length`, `The parameter - "${param}" must be 1 to 1,024 characters in length.`),
  maxSessionDuration: (param: string) =>
    bad(`InvalidParameter.${param}`, `The parameter ${param} must be an integer from 3600 to 43200.`),
  versionIdFormat: (versionId: string) =>
    bad('InvalidParameter.VersionId.Format', `The parameter VersionId is not in the format v<N>: ${versionId}`),
  malformedPolicyDocument: (detail: string) => bad('MalformedPolicyDocument', `The policy document is malformed: ${detail}`),

  roleNotFound: (name: string) => notFound('EntityNotExist.Role', `The role does not exist: ${name}.`),
  policyNotFound: (name: string) => notFound('EntityNotExist.Policy', `The policy does not exist: ${name}.`),
  policyVersionNotFound: (name: string, versionId: string) =>
    notFound('EntityNotExist.Policy.Version', `The policy version does not exist: ${name} ${versionId}.`),
  rolePolicyNotFound: (role: string, policy: string) =>
    notFound('EntityNotExist.Role.Policy', `The role has not been attached this policy: ${role} ${policy}.`),
  userNotFound: (name: string) => notFound('EntityNotExist.User', `The user does not exist: ${name}.`),
  accessKeyNotFound: (accessKeyId: string) => notFound('EntityNotExist.User.AccessKey', `The user access key does not exist: ${accessKeyId}.`),
  userPolicyNotFound: (user: string, policy: string) =>
    notFound('EntityNotExist.User.Policy', `The user has not been attached this policy: ${user} ${policy}.`),

  roleExists: (name: string) => conflict('EntityAlreadyExists.Role', `The role already exists: ${name}.`),
  policyExists: (name: string) => conflict('EntityAlreadyExists.Policy', `The policy already exists: ${name}.`),
  rolePolicyExists: () => conflict('EntityAlreadyExists.Role.Policy', 'The role has already been attached this policy.'),
  userExists: (name: string) => conflict('EntityAlreadyExists.User', `The user already exists: ${name}.`),
  userPolicyExists: () => conflict('EntityAlreadyExists.User.Policy', 'The user has already been attached this policy.'),

  userHasAccessKeys: (name: string) =>
    conflict('DeleteConflict.User.AccessKey', `The user CAN NOT has any access key while deleting the user: ${name}.`),
  userHasPolicies: (name: string) =>
    conflict('DeleteConflict.User.Policy', `The user CAN NOT has any attached policy while deleting the user: ${name}.`),
  accessKeyLimit: () => conflict('LimitExceeded.User.AccessKey', 'The access key count of the user access keys beyond the current limits.'),

  roleHasPolicies: (name: string) =>
    conflict('DeleteConflict.Role.Policy', `The role still has policies attached, detach them first: ${name}.`),
  policyHasVersions: (name: string) =>
    conflict('DeleteConflict.Policy.Version', `The policy still has non-default versions, delete them first: ${name}.`),
  defaultVersion: (versionId: string) =>
    conflict('DeleteConflict.Policy.Version.Default', `The default version of a policy cannot be deleted: ${versionId}.`),
  policyAttachedToRole: (name: string) =>
    conflict('DeleteConflict.Policy.Role', `The policy is still attached to one or more roles: ${name}.`),
  policyAttachedToUser: (name: string) =>
    conflict('DeleteConflict.Policy.User', `The policy is still attached to one or more users: ${name}.`),
  policyAttachedToGroup: (name: string) =>
    conflict('DeleteConflict.Policy.Group', `The policy is still attached to one or more groups: ${name}.`),
  versionLimit: (name: string) =>
    conflict('LimitExceeded.Policy.Version', `The policy already has the maximum of 5 versions: ${name}.`),

  // Choice: tag errors are 400 InvalidParameter.Tag[.Key|.Value] and 409 LimitExceeded.Tag (RAM does not publish these codes).
  tag: (detail: string) => bad('InvalidParameter.Tag', `The parameter Tag is invalid: ${detail}`),
  tagKey: (key: string) =>
    bad('InvalidParameter.Tag.Key', `A tag key must be 1 to 128 characters and must not start with aliyun or acs: (got "${key}").`),
  tagValue: (key: string) => bad('InvalidParameter.Tag.Value', `A tag value must be at most 256 characters (key "${key}").`),
  tagLimit: (resource: string) => conflict('LimitExceeded.Tag', `A resource can have at most 20 tags: ${resource}.`),
};
