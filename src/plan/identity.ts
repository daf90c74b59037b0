/** How the planners recognise the same role, policy attachment and scope across desired and observed. */
import type { DesiredPolicy, ObservedAttachment, Scope } from '../model';

export type PolicyType = 'System' | 'Custom';

/** `account`, or the resource group id. */
export function scopeId(scope: Scope): string {
  return scope.kind === 'account' ? 'account' : scope.resourceGroupId;
}

/** For people: `account scope` or `resource group rg-...`. */
export function scopeLabel(scope: Scope): string {
  return scope.kind === 'account' ? 'account scope' : `resource group ${scope.resourceGroupId}`;
}

export function sameScope(a: Scope, b: Scope): boolean {
  return scopeId(a) === scopeId(b);
}

/** Same type, same name ignoring case (RAM matches system names case-insensitively), same scope. */
export function attachmentKey(type: PolicyType, name: string, scope: Scope): string {
  return `${type}:${name.toLowerCase()}@${scopeId(scope)}`;
}

export function desiredKey(p: DesiredPolicy): string {
  return attachmentKey(p.type, p.name, p.scope);
}

export function observedKey(a: Pick<ObservedAttachment, 'type' | 'name' | 'scope'>): string {
  return attachmentKey(a.type, a.name, a.scope);
}

/** The ARN RAM gives a role: the role name lower-cased. */
export function roleArnFor(accountId: string, roleName: string): string {
  return `acs:ram::${accountId}:role/${roleName.toLowerCase()}`;
}

/** Role ARNs compare case-insensitively (RAM lower-cases the name; users may not). */
export function arnsEqual(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

