/**
 * Custom policies of one account and their versions, plus a uniform view over system policies
 * (the catalog in iam/catalog.ts). Version ids are v1, v2, … in creation order and never reused.
 */
import { findSystemPolicy, SYSTEM_POLICY_DATE, SYSTEM_POLICY_VERSION } from '../iam/catalog';
import type { PolicyRef } from '../core/types';
import { isoSeconds } from './dates';
import { ramErrors } from './errors';
import { LIMITS, parseVersionId, validateDescription, validateDocument, validatePolicyName } from './validate';

export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  createDate: string;
}

export interface CustomPolicyRecord {
  policyName: string;
  description: string;
  createDate: string;
  updateDate: string;
  defaultVersion: string;
  /** Oldest first. */
  versions: PolicyVersionRecord[];
  /** Number of the next version id. */
  nextVersion: number;
}

/** A system or custom policy as RAM describes it. */
export interface PolicyView extends Omit<CustomPolicyRecord, 'nextVersion'> {
  policyType: PolicyRef['type'];
}

export type RotateStrategy = 'None' | 'DeleteOldestNonDefaultVersionWhenLimitExceeded';

export class PolicyStore {
  private readonly byLowerName = new Map<string, CustomPolicyRecord>();

  // Choice: custom policy names are unique and looked up case-insensitively, like role names.
  findCustom(name: string): CustomPolicyRecord | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  // Choice: actions that address custom policies only (DeletePolicy, *PolicyVersion without PolicyType, tags) answer 404 EntityNotExist.Policy for a system policy name.
  getCustom(name: string): CustomPolicyRecord {
    const policy = this.findCustom(name);
    if (!policy) throw ramErrors.policyNotFound(name);
    return policy;
  }

  /** A system (case-insensitive, catalog casing) or custom policy. */
  find(ref: PolicyRef): PolicyView | undefined {
    if (ref.type === 'System') {
      const system = findSystemPolicy(ref.name);
      if (!system) return undefined;
      return {
        policyType: 'System',
        policyName: system.name,
        description: system.description,
        createDate: SYSTEM_POLICY_DATE,
        updateDate: SYSTEM_POLICY_DATE,
        defaultVersion: SYSTEM_POLICY_VERSION,
        versions: [{ versionId: SYSTEM_POLICY_VERSION, document: system.document, createDate: SYSTEM_POLICY_DATE }],
      };
    }
    const custom = this.findCustom(ref.name);
    return custom && { policyType: 'Custom', ...custom };
  }

  get(ref: PolicyRef): PolicyView {
    const policy = this.find(ref);
    if (!policy) throw ramErrors.policyNotFound(ref.name);
    return policy;
  }

  create(name: string, document: string, description: string | undefined, now: number): CustomPolicyRecord {
    validatePolicyName(name);
    validateDocument(document, 'identity', 'PolicyDocument');
    if (description !== undefined) validateDescription(description, 'Description');
    // Choice: a custom policy may not take a system policy's name (409 EntityAlreadyExists.Policy).
    if (this.findCustom(name) || findSystemPolicy(name)) throw ramErrors.policyExists(name);
    const date = isoSeconds(now);
    const policy: CustomPolicyRecord = {
      policyName: name,
      description: description ?? '',
      createDate: date,
      updateDate: date,
      defaultVersion: 'v1',
      versions: [{ versionId: 'v1', document, createDate: date }],
      nextVersion: 2,
    };
    this.byLowerName.set(name.toLowerCase(), policy);
    return policy;
  }

  createVersion(name: string, document: string, setAsDefault: boolean, rotate: RotateStrategy, now: number): PolicyVersionRecord {
    const policy = this.getCustom(name);
    validateDocument(document, 'identity', 'PolicyDocument');
    if (policy.versions.length >= LIMITS.versionsPerPolicy) {
      const oldest = policy.versions.find((v) => v.versionId !== policy.defaultVersion);
      if (rotate === 'None' || !oldest) throw ramErrors.versionLimit(policy.policyName);
      policy.versions = policy.versions.filter((v) => v !== oldest);
    }
    const version = { versionId: `v${policy.nextVersion++}`, document, createDate: isoSeconds(now) };
    policy.versions.push(version);
    if (setAsDefault) policy.defaultVersion = version.versionId;
    policy.updateDate = version.createDate;
    return version;
  }

  /** UpdatePolicyDescription: custom policies only (a system name is 404 EntityNotExist.Policy). */
  updateDescription(name: string, description: string, now: number): CustomPolicyRecord {
    const policy = this.getCustom(name);
    validateDescription(description, 'NewDescription');
    policy.description = description;
    policy.updateDate = isoSeconds(now);
    return policy;
  }

  /** `policyType` is for the read actions that take one; a System policy has only v1. */
  getVersion(ref: PolicyRef, versionId: string): PolicyVersionRecord {
    parseVersionId(versionId);
    const policy = this.get(ref);
    const version = policy.versions.find((v) => v.versionId === versionId);
    if (!version) throw ramErrors.policyVersionNotFound(policy.policyName, versionId);
    return version;
  }

  deleteVersion(name: string, versionId: string): void {
    const version = this.getVersion({ type: 'Custom', name }, versionId);
    const policy = this.getCustom(name);
    if (policy.defaultVersion === versionId) throw ramErrors.defaultVersion(versionId);
    policy.versions = policy.versions.filter((v) => v !== version);
  }

  setDefaultVersion(name: string, versionId: string, now: number): void {
    this.getVersion({ type: 'Custom', name }, versionId);
    const policy = this.getCustom(name);
    policy.defaultVersion = versionId;
    policy.updateDate = isoSeconds(now);
  }

  /** Attachment conflicts are checked by the caller (RamState), which knows the attachments. */
  delete(name: string, cascading: boolean): void {
    const policy = this.getCustom(name);
    if (!cascading && policy.versions.length > 1) throw ramErrors.policyHasVersions(policy.policyName);
    this.byLowerName.delete(policy.policyName.toLowerCase());
  }

  listCustom(): CustomPolicyRecord[] {
    return [...this.byLowerName.values()];
  }

  /** Default version document (JSON text). */
  findDocument(ref: PolicyRef): string | undefined {
    const policy = this.find(ref);
    return policy?.versions.find((v) => v.versionId === policy.defaultVersion)?.document;
  }
}
