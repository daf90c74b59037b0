// STUB: replaced by the RAM state owner. The methods below are the contract other folders use.
import type { PolicyRef } from '../core/types';

export interface RoleRecord {
  roleName: string;
  roleId: string;
  /** acs:ram::<acct>:role/<lower-cased name> */
  arn: string;
  assumeRolePolicyDocument: string;
  description: string;
  maxSessionDuration: number;
  createDate: string;
  updateDate: string;
  /** Epoch ms of creation, for the propagation-delay fault. */
  createdAt: number;
}

export class RamState {
  constructor(readonly accountId: string) {}
  /** Case-insensitive. */
  findRole(_name: string): RoleRecord | undefined { return undefined; }
  /** Account-scope attachments of a role or user. */
  listAttachedPolicies(_kind: 'role' | 'user', _name: string): PolicyRef[] { return []; }
  /** The default version's document (JSON text) of a system or custom policy; case-insensitive for system names. */
  findPolicyDocument(_ref: PolicyRef): string | undefined { return undefined; }
  createUser(_name: string): { userId: string } { throw new Error('not implemented'); }
  createPolicy(_name: string, _document: string, _description?: string): void { throw new Error('not implemented'); }
  attachPolicy(_kind: 'role' | 'user', _principal: string, _ref: PolicyRef): void { throw new Error('not implemented'); }
}
