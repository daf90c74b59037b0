/**
 * The AccessKey pairs of a RAM user, as RAM lists them: id and creation date per user. The secret and
 * the status live with the key in the world's CredentialStore (core/credentials.ts), which signs
 * requests: one record, so a key RAM disables is refused at once.
 */
import { ramErrors } from './errors';

export interface UserAccessKeyRecord {
  accessKeyId: string;
  createDate: string;
}

/** RAM limits: "The number of AccessKey pairs that a RAM user can create | 2" (https://www.alibabacloud.com/help/doc-detail/28753.htm). */
export const MAX_ACCESS_KEYS_PER_USER = 2;

export class AccessKeyStore {
  private readonly byUser = new Map<string, UserAccessKeyRecord[]>();

  /** The user's keys in creation order (empty for a user without keys). */
  listFor(userName: string): UserAccessKeyRecord[] {
    return [...(this.byUser.get(userName.toLowerCase()) ?? [])];
  }

  /** Throws 409 LimitExceeded.User.AccessKey when the user already has the maximum. */
  checkRoom(userName: string): void {
    if (this.listFor(userName).length >= MAX_ACCESS_KEYS_PER_USER) throw ramErrors.accessKeyLimit();
  }

  add(userName: string, key: UserAccessKeyRecord): void {
    this.byUser.set(userName.toLowerCase(), [...this.listFor(userName), key]);
  }

  /** Throws 404 EntityNotExist.User.AccessKey unless the user has the key. */
  get(userName: string, accessKeyId: string): UserAccessKeyRecord {
    const key = this.listFor(userName).find((k) => k.accessKeyId === accessKeyId);
    if (!key) throw ramErrors.accessKeyNotFound(accessKeyId);
    return key;
  }

  remove(userName: string, accessKeyId: string): void {
    this.get(userName, accessKeyId);
    this.byUser.set(
      userName.toLowerCase(),
      this.listFor(userName).filter((k) => k.accessKeyId !== accessKeyId),
    );
  }

  /** Forgets a deleted user's (already empty) list. */
  forget(userName: string): void {
    this.byUser.delete(userName.toLowerCase());
  }
}
