/**
 * RAM users' AccessKey pairs across the two places that hold them: the account's RAM state (which
 * user has which key, for ListAccessKeys, the limit and DeleteUser) and the world's CredentialStore
 * (the secret and status that sign requests as the user).
 */
import type { Account, World } from '../core/world';
import { randomAlnum } from '../core/ids';
import { isoSeconds } from './dates';
import type { UserRecord } from './state';

export interface IssuedAccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  status: 'Active' | 'Inactive';
  createDate: string;
}

/** Real AccessKey ids start with LTAI (24 characters); secrets are 30 characters. */
function newAccessKeyId(world: World): string {
  for (;;) {
    const id = `LTAI5t${randomAlnum(18)}`;
    if (!world.credentials.find(id)) return id;
  }
}

/**
 * Creates an Active key for `user` (throws 409 LimitExceeded.User.AccessKey past the limit) and
 * registers it, so that it signs requests as the RAM user. `fixed` gives the seeds their stable keys.
 */
export function issueUserAccessKey(
  world: World,
  account: Account,
  user: UserRecord,
  now: number,
  fixed?: { accessKeyId: string; accessKeySecret: string },
): IssuedAccessKey {
  account.ram.accessKeys.checkRoom(user.userName);
  const accessKeyId = fixed?.accessKeyId ?? newAccessKeyId(world);
  const accessKeySecret = fixed?.accessKeySecret ?? randomAlnum(30);
  const createDate = isoSeconds(now);
  account.ram.accessKeys.add(user.userName, { accessKeyId, createDate });
  world.credentials.register({
    accessKeyId,
    accessKeySecret,
    status: 'Active',
    caller: {
      accountId: account.id,
      kind: 'user',
      arn: `acs:ram::${account.id}:user/${user.userName}`,
      accessKeyId,
      userName: user.userName,
      userId: user.userId,
    },
  });
  return { accessKeyId, accessKeySecret, status: 'Active', createDate };
}

/** The user's keys with their current status, in creation order. */
export function listUserAccessKeys(world: World, account: Account, user: UserRecord): Array<Omit<IssuedAccessKey, 'accessKeySecret'>> {
  return account.ram.accessKeys.listFor(user.userName).map((key) => ({
    accessKeyId: key.accessKeyId,
    createDate: key.createDate,
    status: world.credentials.find(key.accessKeyId)?.status ?? 'Active',
  }));
}

/** Throws 404 EntityNotExist.User.AccessKey unless `user` has the key. */
export function setUserAccessKeyStatus(world: World, account: Account, user: UserRecord, accessKeyId: string, status: 'Active' | 'Inactive'): void {
  account.ram.accessKeys.get(user.userName, accessKeyId);
  const record = world.credentials.find(accessKeyId);
  if (record) record.status = status;
}

/** Throws 404 EntityNotExist.User.AccessKey unless `user` has the key; the key signs nothing afterwards. */
export function deleteUserAccessKey(world: World, account: Account, user: UserRecord, accessKeyId: string): void {
  account.ram.accessKeys.remove(user.userName, accessKeyId);
  world.credentials.remove(accessKeyId);
}
