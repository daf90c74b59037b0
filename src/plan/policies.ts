/** Planning for custom policy documents and attachments (parts of planDeploy). */
import type { Change, DesiredPolicy, DesiredState, ObservedCustomPolicy, ObservedPolicyVersion, ObservedState } from '../model';
import { policyDocumentsEqual } from '../policy';
import { desiredKey, observedKey } from './identity';

/** Observed custom policy by name: exact key first, then ignoring case. */
export function findObservedPolicy(observed: ObservedState, name: string): ObservedCustomPolicy | undefined {
  if (observed.customPolicies[name]) return observed.customPolicies[name];
  const lower = name.toLowerCase();
  const key = Object.keys(observed.customPolicies).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : observed.customPolicies[key];
}

/** Catalog name of a system policy, if RAM knows it. */
export function findSystemPolicyName(observed: ObservedState, name: string): string | undefined {
  return observed.systemPolicies[name.toLowerCase()] ?? observed.systemPolicies[name];
}

/** Declared policies with a document: the ones this component creates and versions (once per name). */
export function managedPolicies(desired: DesiredState): DesiredPolicy[] {
  const seen = new Set<string>();
  return desired.policies.filter((p) => {
    if (p.type !== 'Custom' || !p.document || seen.has(p.name.toLowerCase())) return false;
    seen.add(p.name.toLowerCase());
    return true;
  });
}

function versionNumber(v: ObservedPolicyVersion): number {
  return Number(/\d+/.exec(v.versionId)?.[0] ?? 0);
}

/** The oldest non-default version (by createDate, then version number): what RAM rotates out at 5. */
export function oldestNonDefaultVersion(versions: readonly ObservedPolicyVersion[]): string | undefined {
  const candidates = versions.filter((v) => !v.isDefault);
  candidates.sort((a, b) => (a.createDate < b.createDate ? -1 : a.createDate > b.createDate ? 1 : versionNumber(a) - versionNumber(b)));
  return candidates[0]?.versionId;
}

export const MAX_POLICY_VERSIONS = 5;

export function planPolicyDocuments(desired: DesiredState, observed: ObservedState): Change[] {
  const changes: Change[] = [];
  for (const policy of managedPolicies(desired)) {
    const document = policy.document;
    if (!document) continue;
    const current = findObservedPolicy(observed, policy.name);
    if (!current) {
      changes.push({ kind: 'createPolicy', name: policy.name, document, ...(policy.description ? { description: policy.description } : {}) });
    } else {
      if (!current.document || !policyDocumentsEqual(current.document, document)) {
        const change: Change = { kind: 'createPolicyVersion', name: current.name, document };
        if (current.versions.length >= MAX_POLICY_VERSIONS) change.rotatesOut = oldestNonDefaultVersion(current.versions);
        changes.push(change);
      }
      // Only a declared description, only of a policy fc3-role created (one it did not create is a blocker anyway).
      // An undeclared one is left as it is, like the role's: RAM cannot clear it.
      const description = policy.description;
      if (description && current.createdByUs && current.description !== description) {
        changes.push({ kind: 'updatePolicyDescription', name: current.name, description });
      }
    }
  }
  return changes;
}

/** Whether s.yaml names this custom policy at all (managed or `type: Custom`, in whichever scope). */
function isDeclaredCustom(desired: DesiredState, name: string): boolean {
  const lower = name.toLowerCase();
  return desired.policies.some((p) => p.type === 'Custom' && p.name.toLowerCase() === lower);
}

/**
 * Custom policies fc3-role created that s.yaml no longer declares (found through the role's marks):
 * deploy leaves them detached but existing, and keeps their marks so that `s remove` deletes them.
 */
export function retainedPolicies(desired: DesiredState, observed: ObservedState): ObservedCustomPolicy[] {
  const seen = new Set<string>();
  return Object.values(observed.customPolicies).filter((p) => {
    const lower = p.name.toLowerCase();
    if (!p.createdByUs || seen.has(lower) || isDeclaredCustom(desired, p.name)) return false;
    seen.add(lower);
    return true;
  });
}

function isRetained(desired: DesiredState, observed: ObservedState, type: 'System' | 'Custom', name: string): boolean {
  return type === 'Custom' && findObservedPolicy(observed, name)?.createdByUs === true && !isDeclaredCustom(desired, name);
}

/** The name to attach: the catalog name for system policies, the observed (else declared) name for custom ones. */
function attachName(policy: DesiredPolicy, observed: ObservedState): string | undefined {
  if (policy.type === 'System') return findSystemPolicyName(observed, policy.name);
  return findObservedPolicy(observed, policy.name)?.name ?? policy.name;
}

/**
 * Detaches and forgotten marks first, then attaches: a role's tags (ownership marks) are limited to 20,
 * so swapping policies frees marks before it adds new ones.
 */
export function planAttachments(desired: DesiredState, observed: ObservedState): Change[] {
  const attaches: Change[] = [];
  const removals: Change[] = [];
  const attached = new Set(observed.attachments.map(observedKey));
  const declared = new Set<string>();
  for (const policy of desired.policies) {
    const key = desiredKey(policy);
    if (declared.has(key)) continue;
    declared.add(key);
    const name = attachName(policy, observed);
    // Unknown system policies are blockers (findDeployBlockers), not changes.
    if (name === undefined || attached.has(key)) continue;
    attaches.push({ kind: 'attachPolicy', policyType: policy.type, policyName: name, scope: policy.scope });
  }
  for (const a of observed.attachments) {
    if (a.attachedByUs && !declared.has(observedKey(a))) {
      const detach: Change = { kind: 'detachPolicy', policyType: a.type, policyName: a.name, scope: a.scope };
      if (isRetained(desired, observed, a.type, a.name)) detach.keepMark = true;
      removals.push(detach);
    }
  }
  for (const mark of observed.ownershipMarksWithoutAttachment ?? []) {
    const key = observedKey({ type: mark.policyType, name: mark.policyName, scope: mark.scope });
    // A retained policy's mark stays: it is how `s remove` finds the policy.
    if (!declared.has(key) && !isRetained(desired, observed, mark.policyType, mark.policyName)) removals.push({ kind: 'forgetAttachment', ...mark });
  }
  return [...removals, ...attaches];
}

/** One note per ownership mark whose resource group no longer exists: the mark is dropped (never fatal). */
export function marksOfMissingGroupsNotes(observed: ObservedState): string[] {
  const missing = new Set(observed.missingResourceGroups ?? []);
  return (observed.ownershipMarksWithoutAttachment ?? [])
    .filter((m) => m.scope.kind === 'resourceGroup' && missing.has(m.scope.resourceGroupId))
    .map(
      (m) =>
        `The ownership mark for ${m.policyType} policy ${m.policyName} in resource group ${m.scope.kind === 'resourceGroup' ? m.scope.resourceGroupId : ''} ` +
        'names a resource group that does not exist (any more): there is nothing to detach there, and the mark is dropped.',
    );
}
