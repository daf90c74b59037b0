/**
 * AccessKeys the emulator accepts: root keys, RAM users' keys, and temporary STS keys
 * (which also carry a security token and an expiry).
 */
import type { Caller } from './types';

export interface CredentialRecord {
  accessKeyId: string;
  accessKeySecret: string;
  /** Only for temporary (STS) credentials. */
  securityToken?: string;
  /** Epoch ms; only for temporary credentials. */
  expiresAt?: number;
  /** RAM users' keys: RAM UpdateAccessKey switches it; an Inactive key is refused (default Active). */
  status?: 'Active' | 'Inactive';
  caller: Caller;
}

export class CredentialStore {
  private readonly byId = new Map<string, CredentialRecord>();

  register(record: CredentialRecord): void {
    this.byId.set(record.accessKeyId, record);
  }

  find(accessKeyId: string): CredentialRecord | undefined {
    return this.byId.get(accessKeyId);
  }

  /** Forgets one key (RAM DeleteAccessKey): it no longer signs anything. */
  remove(accessKeyId: string): void {
    this.byId.delete(accessKeyId);
  }

  /** Forget every temporary key (used by reset). */
  clear(): void {
    this.byId.clear();
  }
}
