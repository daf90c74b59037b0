/**
 * A RAM user made the way a real account admin makes one, through the real RAM client as the
 * account's root: CreateUser, then its policies (system policies by name, custom ones created from a
 * document), then CreateAccessKey. The returned key signs requests as that RAM user.
 */
import * as $Ram from '@alicloud/ram20150501';
import type { Emulator } from '../../emulator';
import { ramClient, rootCredentials, type TestCredentials } from './clients';

export interface RamUserSpec {
  name: string;
  /** System policy names, or custom policies as a name and a document. Attached at account scope. */
  policies?: Array<string | { name: string; document: object }>;
}

export async function createRamUser(emu: Emulator, spec: RamUserSpec, admin: TestCredentials = rootCredentials(emu)): Promise<TestCredentials> {
  const ram = ramClient(emu, admin);
  await ram.createUser(new $Ram.CreateUserRequest({ userName: spec.name }));
  for (const policy of spec.policies ?? []) {
    if (typeof policy === 'string') {
      await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'System', policyName: policy, userName: spec.name }));
    } else {
      await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: policy.name, policyDocument: JSON.stringify(policy.document) }));
      await ram.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: policy.name, userName: spec.name }));
    }
  }
  const res = await ram.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName: spec.name }));
  const key = res.body?.accessKey;
  if (!key?.accessKeyId || !key.accessKeySecret) throw new Error(`CreateAccessKey returned no key for ${spec.name}`);
  return { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
}
