/**
 * What the deploying identity needs, per command: one table of the RAM/FC/Resource Manager/STS
 * actions the component calls. PermissionDenied hints print the policy built from it.
 */
import type { PolicyDocument } from '../model';

export type DeployerCommand = 'deploy' | 'plan' | 'info' | 'remove' | 'invoke' | 'simulate';

/** Everything `observe` reads (plan and info do nothing else). */
const READ_ACTIONS = [
  'sts:GetCallerIdentity',
  'ram:GetRole',
  'ram:GetPolicy',
  'ram:ListPolicyVersions',
  'ram:ListPoliciesForRole',
  'ram:ListTagResources',
  'ram:GetAccountAlias',
  'resourcemanager:ListPolicyAttachments',
  // Every resource group s.yaml names is checked to exist before any write.
  'resourcemanager:GetResourceGroup',
  'fc:GetFunction',
];

/** Only when s.yaml names a system policy RAM does not know: RAM's list of system policies, for "did you mean". */
const POLICY_NAME_HINTS = 'ram:ListPolicies';

export const DEPLOYER_ACTIONS: Readonly<Record<DeployerCommand, readonly string[]>> = {
  plan: [...READ_ACTIONS, POLICY_NAME_HINTS],
  info: READ_ACTIONS,
  deploy: [
    ...READ_ACTIONS,
    POLICY_NAME_HINTS,
    'ram:CreateRole',
    'ram:UpdateRole',
    'ram:CreatePolicy',
    'ram:CreatePolicyVersion',
    'ram:DeletePolicyVersion',
    // Only when concurrent runs of one s.yaml each created the same new version: all but one are dropped.
    'ram:SetDefaultPolicyVersion',
    'ram:UpdatePolicyDescription',
    'ram:AttachPolicyToRole',
    'ram:DetachPolicyFromRole',
    'ram:TagResources',
    'ram:UntagResources',
    // UpdateFunction with a role needs PassRole on that role.
    'ram:PassRole',
    'resourcemanager:AttachPolicy',
    'resourcemanager:DetachPolicy',
    // Creating a service-linked role is authorized as ram:CreateServiceLinkedRole (with the condition key ram:ServiceName), whichever API is called.
    'ram:CreateServiceLinkedRole',
    'fc:UpdateFunction',
  ],
  remove: [
    ...READ_ACTIONS,
    'fc:ListFunctions',
    'fc:UpdateFunction',
    'ram:ListEntitiesForPolicy',
    'ram:DetachPolicyFromRole',
    'ram:UntagResources',
    'ram:DeletePolicyVersion',
    'ram:DeletePolicy',
    'ram:DeleteRole',
    'resourcemanager:DetachPolicy',
  ],
  invoke: [
    'sts:GetCallerIdentity',
    'fc:GetFunction',
    'fc:InvokeFunction',
    // Only when the function was denied something: the role's policies, read to explain why. Without them
    // invoke still fails with the function's error, and says it could not check the policies.
    'ram:GetRole',
    'ram:ListPoliciesForRole',
    'ram:GetAccountAlias',
    'ram:GetPolicy',
    'resourcemanager:ListPolicyAttachments',
  ],
  simulate: READ_ACTIONS,
};

/** The smallest RAM policy (account-wide resources) that lets an identity run `command`. */
export function requiredDeployerPolicy(command: DeployerCommand): PolicyDocument {
  return {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: [...DEPLOYER_ACTIONS[command]].sort(), Resource: ['*'] }],
  };
}
