/** RAM users of one account: enough for seeds, CreateUser/GetUser/DeleteUser, AccessKeys and policy attachment. */
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

/**
 * UserName: "The name must be 1 to 64 characters in length, and can contain letters, digits, periods (.),
 * hyphens (-), and underscores (_)." (RAM CreateUser/DeleteUser reference); the RAM error list
 * (https://www.alibabacloud.com/help/doc-detail/28754.htm) gives InvalidParameter.UserName.InvalidChars / .Length.
 */
export function checkUserName(name: string, param = 'UserName'): void {
  if (name.length < 1 || name.length > 64) throw ramErrors.beyondLength(param);
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw ramErrors.invalidChars(param);
}

/** DisplayName and Comments: "1 to 128 characters" (CreateUser reference); errors as in the RAM error list. */
function checkUserText(input: CreateUserInput): void {
  if (input.displayName !== undefined && (input.displayName.length < 1 || input.displayName.length > 128)) {
    throw ramErrors.beyondLength('DisplayName');
  }
  if (input.comments !== undefined && input.comments.length > 128) {
    throw ramErrors.beyondLength('Comments');
  }
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
    checkUserName(input.userName);
    checkUserText(input);
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

  /** Throws 404 EntityNotExist.User for an unknown user. */
  delete(name: string): void {
    const user = this.get(name);
    this.byLowerName.delete(user.userName.toLowerCase());
  }
}
