/**
 * Account-scope policy attachments (RAM AttachPolicyTo*). Principals are keyed case-insensitively;
 * policy refs are stored with their canonical (catalog or stored) casing.
 */
import type { PolicyRef } from '../core/types';

export type PrincipalKind = 'role' | 'user';

export interface AttachmentRecord {
  kind: PrincipalKind;
  /** The principal's name as given at attach time. */
  principal: string;
  ref: PolicyRef;
  attachDate: string;
}

function principalKey(kind: PrincipalKind, principal: string): string {
  return `${kind}:${principal.toLowerCase()}`;
}

function sameRef(a: PolicyRef, b: PolicyRef): boolean {
  return a.type === b.type && a.name.toLowerCase() === b.name.toLowerCase();
}

export class AttachmentStore {
  private readonly byPrincipal = new Map<string, AttachmentRecord[]>();

  listFor(kind: PrincipalKind, principal: string): AttachmentRecord[] {
    return [...(this.byPrincipal.get(principalKey(kind, principal)) ?? [])];
  }

  isAttached(kind: PrincipalKind, principal: string, ref: PolicyRef): boolean {
    return this.listFor(kind, principal).some((a) => sameRef(a.ref, ref));
  }

  /** Returns false when it was already attached (the caller picks the error). */
  attach(kind: PrincipalKind, principal: string, ref: PolicyRef, attachDate: string): boolean {
    if (this.isAttached(kind, principal, ref)) return false;
    const key = principalKey(kind, principal);
    this.byPrincipal.set(key, [...(this.byPrincipal.get(key) ?? []), { kind, principal, ref, attachDate }]);
    return true;
  }

  /** Returns false when it was not attached. */
  detach(kind: PrincipalKind, principal: string, ref: PolicyRef): boolean {
    const key = principalKey(kind, principal);
    const current = this.byPrincipal.get(key) ?? [];
    const remaining = current.filter((a) => !sameRef(a.ref, ref));
    if (remaining.length === current.length) return false;
    this.byPrincipal.set(key, remaining);
    return true;
  }

  /** Every attachment, principal by principal in first-attach order, each principal's in attach order. */
  list(): AttachmentRecord[] {
    return [...this.byPrincipal.values()].flat();
  }

  /** Every attachment of one policy, to roles and users. */
  entitiesFor(ref: PolicyRef): AttachmentRecord[] {
    return [...this.byPrincipal.values()].flat().filter((a) => sameRef(a.ref, ref));
  }
}
