/**
 * The component's domain model: what the user declares (desired), what the cloud holds (observed),
 * and the changes that take one to the other. Planning is a pure function of the first two.
 */

/** A RAM policy document as a value: `Version` "1" and a list of statements (see src/policy). */
export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  /** Only in trust policies: who may assume the role. */
  Principal?: Record<string, string[]>;
  Condition?: Record<string, Record<string, string[]>>;
}

/** Where a policy is attached: the whole account (RAM), or one resource group (Resource Manager). */
export type Scope = { kind: 'account' } | { kind: 'resourceGroup'; resourceGroupId: string };

export interface DesiredRole {
  name: string;
  /**
   * As declared in s.yaml (1 to 1,024 characters: RAM cannot clear a description). Undefined = not
   * declared: not managed (an existing role keeps its own); a new role is created with DEFAULT_ROLE_DESCRIPTION.
   */
  description?: string;
  /** Built from `services` (default fc.aliyuncs.com) or given whole. */
  trustPolicy: PolicyDocument;
  /**
   * Seconds, as declared in s.yaml. Undefined = not declared: not managed (an existing role keeps its
   * own); a new role is created with DEFAULT_MAX_SESSION_DURATION.
   */
  maxSessionDuration?: number;
}

/** What CreateRole uses for a role field s.yaml does not declare. */
export const DEFAULT_ROLE_DESCRIPTION = '';
export const DEFAULT_MAX_SESSION_DURATION = 3600;

export interface DesiredPolicy {
  type: 'System' | 'Custom';
  /** As the user wrote it; system names are matched case-insensitively. */
  name: string;
  scope: Scope;
  /** Only for custom policies this component manages (created and versioned from s.yaml). */
  document?: PolicyDocument;
  /**
   * Only for managed custom policies: 1 to 1,024 characters. Undeclared, the policy keeps whatever
   * description it has (RAM's UpdatePolicyDescription cannot set an empty one).
   */
  description?: string;
}

export interface DesiredFunction {
  name: string;
  region: string;
}

export interface DesiredState {
  role: DesiredRole;
  policies: DesiredPolicy[];
  functions: DesiredFunction[];
  /** Ensure AliyunServiceRoleForFC exists. Default false. */
  serviceLinkedRole: boolean;
}

export interface ObservedRole {
  name: string;
  /** As RAM returns it (role name lower-cased). */
  arn: string;
  roleId: string;
  description: string;
  /** Parsed; undefined if RAM's text did not parse (then it always differs). */
  trustPolicy?: PolicyDocument;
  maxSessionDuration: number;
  /** Tags on the role, including this component's ownership marks. */
  tags: Record<string, string>;
}

export interface ObservedAttachment {
  type: 'System' | 'Custom';
  /** As the cloud returns it (catalog casing). */
  name: string;
  scope: Scope;
  /** True when this component's ownership tag on the role records it. */
  attachedByUs: boolean;
}

export interface ObservedPolicyVersion {
  versionId: string;
  isDefault: boolean;
  createDate: string;
}

export interface ObservedCustomPolicy {
  name: string;
  defaultVersion: string;
  /** The default version's document, parsed; undefined if it did not parse. */
  document?: PolicyDocument;
  versions: ObservedPolicyVersion[];
  description: string;
  createdByUs: boolean;
}

export interface ObservedFunction {
  name: string;
  region: string;
  /** The function's role ARN, or '' when it has none. */
  role: string;
}

export interface ObservedState {
  accountId: string;
  role?: ObservedRole;
  attachments: ObservedAttachment[];
  /**
   * Custom policies named in s.yaml, plus those named by this component's ownership marks on the role
   * (so ones it created and s.yaml no longer declares), by name; absent key = does not exist.
   */
  customPolicies: Record<string, ObservedCustomPolicy>;
  /** System policy names from s.yaml (lower-cased) to their catalog names; absent key = unknown. */
  systemPolicies: Record<string, string>;
  /** Declared functions that exist; a declared function missing here does not exist. */
  functions: ObservedFunction[];
  /** Undefined when not asked for. */
  serviceLinkedRoleExists?: boolean;
  /** For remove: every function of every FC 3.0 region whose role is this role (undefined when not read). */
  functionsUsingRole?: ObservedFunction[];
  /** For remove: FC regions whose functions could not be listed, with the reason (absent = all were). */
  uncheckedRegions?: Array<{ region: string; reason: string }>;
  /**
   * Resource groups that do not exist: declared in s.yaml (a blocker) or named by an ownership mark whose
   * attachment is gone (the mark is dropped, with a note). Absent = none.
   */
  missingResourceGroups?: string[];
  /**
   * Ownership marks (role tags `fc3-role:att:*`) whose attachment no longer exists, decoded from the
   * tag value `<Type>:<Name>@<scope>`. Absent = none (or not read).
   */
  ownershipMarksWithoutAttachment?: Array<{ policyType: 'System' | 'Custom'; policyName: string; scope: Scope }>;
}

export type Change =
  | { kind: 'createRole'; role: DesiredRole }
  | {
      kind: 'updateRole';
      roleName: string;
      /** Only the fields that differ are set. */
      trustPolicy?: PolicyDocument;
      description?: string;
      maxSessionDuration?: number;
    }
  | { kind: 'createPolicy'; name: string; document: PolicyDocument; description?: string }
  | {
      kind: 'createPolicyVersion';
      name: string;
      document: PolicyDocument;
      /** Set when 5 versions exist: the oldest non-default version that RAM rotates out. */
      rotatesOut?: string;
    }
  | { kind: 'attachPolicy'; policyType: 'System' | 'Custom'; policyName: string; scope: Scope }
  /** `description` is never empty (RAM: NewDescription is 1 to 1,024 characters). */
  | { kind: 'updatePolicyDescription'; name: string; description: string }
  | {
      kind: 'detachPolicy';
      policyType: 'System' | 'Custom';
      policyName: string;
      scope: Scope;
      /**
       * Keep the ownership mark: set for a custom policy fc3-role created that s.yaml no longer declares,
       * so that `s remove` can still find (and delete) it.
       */
      keepMark?: boolean;
    }
  /** Drop an ownership mark whose attachment no longer exists. */
  | { kind: 'forgetAttachment'; policyType: 'System' | 'Custom'; policyName: string; scope: Scope }
  | { kind: 'setFunctionRole'; functionName: string; region: string; from: string; to: string }
  /**
   * The role's record of the functions that use it (role tag `fc3-role:functions`, see
   * src/cloud/function-record.ts), written after their roles are set. `value` undefined drops it.
   */
  | { kind: 'recordFunctions'; value?: string; functions: number }
  | { kind: 'createServiceLinkedRole' }
  | { kind: 'deletePolicy'; name: string }
  | { kind: 'deleteRole'; roleName: string };
