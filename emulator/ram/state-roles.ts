/** RAM roles of one account. Names are unique case-insensitively; each record keeps the name as created. */
import { isoSeconds } from './dates';
import { ramErrors } from './errors';
import { validateDescription, validateDocument, validateMaxSessionDuration, validateRoleName } from './validate';

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

export interface CreateRoleInput {
  roleName: string;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration?: number;
}

export interface UpdateRoleInput {
  newAssumeRolePolicyDocument?: string;
  newDescription?: string;
  newMaxSessionDuration?: number;
}

// Choice: RoleId/UserId are deterministic 18-digit strings: prefix (3 role, 2 user) + last 5 digits of the account + a 12-digit sequence.
export function numericId(prefix: string, accountId: string, seq: number): string {
  return `${prefix}${accountId.slice(-5).padStart(5, '0')}${String(seq).padStart(12, '0')}`;
}

export class RoleStore {
  private readonly byLowerName = new Map<string, RoleRecord>();
  private seq = 0;

  constructor(private readonly accountId: string) {}

  /** Case-insensitive. */
  find(name: string): RoleRecord | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  get(name: string): RoleRecord {
    const role = this.find(name);
    if (!role) throw ramErrors.roleNotFound(name);
    return role;
  }

  create(input: CreateRoleInput, now: number): RoleRecord {
    validateRoleName(input.roleName);
    validateDocument(input.assumeRolePolicyDocument, 'trust', 'AssumeRolePolicyDocument');
    if (input.description !== undefined) validateDescription(input.description, 'Description');
    if (input.maxSessionDuration !== undefined) validateMaxSessionDuration(input.maxSessionDuration, 'MaxSessionDuration');
    if (this.find(input.roleName)) throw ramErrors.roleExists(input.roleName);
    const date = isoSeconds(now);
    const role: RoleRecord = {
      roleName: input.roleName,
      roleId: numericId('3', this.accountId, ++this.seq),
      arn: `acs:ram::${this.accountId}:role/${input.roleName.toLowerCase()}`,
      // Choice: documents are stored and returned exactly as given (no re-serialization).
      assumeRolePolicyDocument: input.assumeRolePolicyDocument,
      description: input.description ?? '',
      maxSessionDuration: input.maxSessionDuration ?? 3600,
      createDate: date,
      updateDate: date,
      createdAt: now,
    };
    this.byLowerName.set(input.roleName.toLowerCase(), role);
    return role;
  }

  /** Validates every change before applying any. */
  update(name: string, input: UpdateRoleInput, now: number): RoleRecord {
    const role = this.get(name);
    if (input.newAssumeRolePolicyDocument !== undefined) {
      validateDocument(input.newAssumeRolePolicyDocument, 'trust', 'NewAssumeRolePolicyDocument');
    }
    // Choice: UpdateRole reports InvalidParameter.NewDescription.Length / InvalidParameter.NewMaxSessionDuration (the New* parameter names).
    if (input.newDescription !== undefined) validateDescription(input.newDescription, 'NewDescription');
    if (input.newMaxSessionDuration !== undefined) validateMaxSessionDuration(input.newMaxSessionDuration, 'NewMaxSessionDuration');
    if (input.newAssumeRolePolicyDocument !== undefined) role.assumeRolePolicyDocument = input.newAssumeRolePolicyDocument;
    if (input.newDescription !== undefined) role.description = input.newDescription;
    if (input.newMaxSessionDuration !== undefined) role.maxSessionDuration = input.newMaxSessionDuration;
    role.updateDate = isoSeconds(now);
    return role;
  }

  delete(name: string): void {
    this.byLowerName.delete(this.get(name).roleName.toLowerCase());
  }

  // Choice: ListRoles orders roles by lower-cased name (stable under deletes; markers are names).
  list(): RoleRecord[] {
    return [...this.byLowerName.values()].sort((a, b) => compareLower(a.roleName, b.roleName));
  }
}

export function compareLower(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
