/** RAM users of one account (minimal: enough for seeds, CreateUser/GetUser and policy attachment). */
import { isoSeconds } from './dates';
import { ramErrors } from './errors';
import { numericId } from './state-roles';

export interface UserRecord {
  userName: string;
  userId: string;
  displayName: string;
  comments: string;
  email: string;
  mobilePhone: string;
  createDate: string;
  updateDate: string;
}

export interface CreateUserInput {
  userName: string;
  displayName?: string;
  comments?: string;
  email?: string;
  mobilePhone?: string;
}

export class UserStore {
  private readonly byLowerName = new Map<string, UserRecord>();
  private seq = 0;

  constructor(private readonly accountId: string) {}

  /** Case-insensitive. */
  find(name: string): UserRecord | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  get(name: string): UserRecord {
    const user = this.find(name);
    if (!user) throw ramErrors.userNotFound(name);
    return user;
  }

  create(input: CreateUserInput, now: number): UserRecord {
    // Choice: UserName follows the RoleName rule (1-64 of [A-Za-z0-9.@-_]) and reports InvalidParameter.UserName.
    if (!/^[A-Za-z0-9.@_-]{1,64}$/.test(input.userName)) {
      throw ramErrors.invalidParam('UserName', 'must be 1 to 64 characters of letters, digits, . @ - _');
    }
    if (this.find(input.userName)) throw ramErrors.userExists(input.userName);
    const date = isoSeconds(now);
    const user: UserRecord = {
      userName: input.userName,
      userId: numericId('2', this.accountId, ++this.seq),
      displayName: input.displayName ?? input.userName,
      comments: input.comments ?? '',
      email: input.email ?? '',
      mobilePhone: input.mobilePhone ?? '',
      createDate: date,
      updateDate: date,
    };
    this.byLowerName.set(input.userName.toLowerCase(), user);
    return user;
  }
}
