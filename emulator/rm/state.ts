/**
 * Resource Manager state of one account: its resource groups and the policy attachments made
 * through Resource Manager scoped to a resource group. Account-scope grants to roles and users live in
 * the RAM attachment store (rm/account-scope.ts); only IMSGroup grants at account scope stay here.
 */
import { ApiError, type RgAttachment } from '../core/types';

export interface ResourceGroupRecord {
  id: string;
  name: string;
  displayName: string;
  accountId: string;
  createDate: string;
  status: 'OK';
}

/** The five fields that identify an attachment. */
export type AttachmentKey = Omit<RgAttachment, 'attachDate'>;

export interface AttachmentFilter {
  resourceGroupId?: string;
  policyType?: string;
  policyName?: string;
  principalType?: string;
  principalName?: string;
}

function sameAttachment(a: AttachmentKey, b: AttachmentKey): boolean {
  return (
    a.policyType === b.policyType &&
    a.policyName.toLowerCase() === b.policyName.toLowerCase() &&
    a.principalType === b.principalType &&
    a.principalName.toLowerCase() === b.principalName.toLowerCase() &&
    a.resourceGroupId === b.resourceGroupId
  );
}

/** Exact on the resource group id, case-insensitive on the other fields; an absent field matches anything. */
export function matchesAttachmentFilter(a: RgAttachment, filter: AttachmentFilter): boolean {
  const eq = (want: string | undefined, have: string): boolean => want === undefined || want.toLowerCase() === have.toLowerCase();
  return (
    (filter.resourceGroupId === undefined || a.resourceGroupId === filter.resourceGroupId) &&
    eq(filter.policyType, a.policyType) &&
    eq(filter.policyName, a.policyName) &&
    eq(filter.principalType, a.principalType) &&
    eq(filter.principalName, a.principalName)
  );
}

export class RmState {
  private readonly groups = new Map<string, ResourceGroupRecord>();
  private attachments: RgAttachment[] = [];

  constructor(readonly accountId: string) {}

  addResourceGroup(group: Omit<ResourceGroupRecord, 'accountId' | 'status'>): ResourceGroupRecord {
    const record: ResourceGroupRecord = { ...group, accountId: this.accountId, status: 'OK' };
    this.groups.set(record.id, record);
    return record;
  }

  findResourceGroup(id: string): ResourceGroupRecord | undefined {
    return this.groups.get(id);
  }

  listResourceGroups(): ResourceGroupRecord[] {
    return [...this.groups.values()];
  }

  /** True for a known resource group id, or the account id (account scope). */
  isScope(resourceGroupId: string): boolean {
    return resourceGroupId === this.accountId || this.groups.has(resourceGroupId);
  }

  /**
   * Case-insensitive on the principal name. A bare name (no '@') also matches the part before '@'
   * (so `attachmentsFor('ServiceRole', 'MyRole')` finds `MyRole@role.<alias>.onaliyunservice.com`).
   */
  attachmentsFor(principalType: RgAttachment['principalType'], principalName: string): RgAttachment[] {
    const wanted = principalName.toLowerCase();
    const bare = !wanted.includes('@');
    return this.attachments.filter((a) => {
      if (a.principalType !== principalType) return false;
      const name = a.principalName.toLowerCase();
      return name === wanted || (bare && name.split('@')[0] === wanted);
    });
  }

  findAttachment(key: AttachmentKey): RgAttachment | undefined {
    return this.attachments.find((a) => sameAttachment(a, key));
  }

  /** Throws 409 EntityAlreadyExists.PolicyAttachment when the same attachment exists. */
  attach(key: AttachmentKey, attachDate: string): RgAttachment {
    if (this.findAttachment(key)) {
      throw new ApiError(409, 'EntityAlreadyExists.PolicyAttachment', 'The policy attachment already exists.');
    }
    const record: RgAttachment = { ...key, attachDate };
    this.attachments.push(record);
    return record;
  }

  /** Throws 404 EntityNotExist.PolicyAttachment when there is no such attachment. */
  detach(key: AttachmentKey): void {
    const before = this.attachments.length;
    this.attachments = this.attachments.filter((a) => !sameAttachment(a, key));
    if (this.attachments.length === before) {
      throw new ApiError(404, 'EntityNotExist.PolicyAttachment', 'The policy attachment does not exist.');
    }
  }

  /** Removes every attachment naming the principal (e.g. when a role is deleted). */
  forgetPrincipal(principalType: RgAttachment['principalType'], principalName: string): void {
    const drop = new Set(this.attachmentsFor(principalType, principalName));
    this.attachments = this.attachments.filter((a) => !drop.has(a));
  }

  /** The attachments made through Resource Manager and kept here (resource-group scope, and IMSGroup at account scope). */
  listAttachments(filter: AttachmentFilter = {}): RgAttachment[] {
    return this.attachments.filter((a) => matchesAttachmentFilter(a, filter));
  }
}
