/**
 * Temporary (STS-style) keys registered straight into the emulator's credential store, for tests of
 * how services treat security tokens (STS itself is tested in sts.test.ts).
 */
import type { Emulator } from '../../emulator';

export interface TemporaryKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
}

export interface TemporaryKeyOwner {
  accountId: string;
  expiresAt: number;
  /** The assumed role and session the key stands for; without it the key acts as the account's root. */
  role?: { name: string; session: string };
}

/** Registers `key` for `owner` and returns it. */
export function registerTemporaryKey(emu: Emulator, key: TemporaryKey, owner: TemporaryKeyOwner): TemporaryKey {
  const { accountId, role } = owner;
  const caller = role
    ? {
        accountId,
        kind: 'assumed-role' as const,
        arn: `acs:ram::${accountId}:assumed-role/${role.name}/${role.session}`,
        accessKeyId: key.accessKeyId,
        roleName: role.name,
        roleId: '300000000000000001',
        sessionName: role.session,
      }
    : { accountId, kind: 'root' as const, arn: `acs:ram::${accountId}:root`, accessKeyId: key.accessKeyId };
  emu.state.credentials.register({ ...key, expiresAt: owner.expiresAt, caller });
  return key;
}
