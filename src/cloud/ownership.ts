/**
 * Ownership marks: how the cloud itself records what this component made.
 * - A role or custom policy it created carries tag `fc3-role:created` = `true`.
 * - Each attachment it made is a tag on the role: key `fc3-role:att:<8 hex>`, where the hex is the
 *   first 8 characters of sha1(`<System|Custom>:<lower-cased name>@<account | rg id>`), and value
 *   `<Type>:<Name>@<scope>`. RAM tag values may be 256 characters (TagResources reference), and every
 *   valid value fits: 7 (`System:`) + 128 (a policy name) + 1 + 120 (the longest resource group id the
 *   props schema accepts, MAX_RESOURCE_GROUP_ID_LENGTH), so every mark decodes back to its attachment.
 * - When s.yaml drops a custom policy fc3-role created, deploy detaches it but keeps its mark: the
 *   mark is how `s remove` (even with no policies in props) finds that policy and deletes it.
 */
import { createHash } from 'crypto';
import type { Scope } from '../model';

export const CREATED_TAG_KEY = 'fc3-role:created';
export const CREATED_TAG_VALUE = 'true';
export const ATTACHMENT_TAG_PREFIX = 'fc3-role:att:';
/** RAM's limit on a tag value. */
export const MAX_TAG_VALUE = 256;

export const createdTag = (): Record<string, string> => ({ [CREATED_TAG_KEY]: CREATED_TAG_VALUE });

export function isCreatedByUs(tags: Record<string, string>): boolean {
  return tags[CREATED_TAG_KEY] === CREATED_TAG_VALUE;
}

export interface AttachmentRef {
  policyType: 'System' | 'Custom';
  policyName: string;
  scope: Scope;
}

/** `account` or the resource group id. */
// Choice: account scope is written as the literal `account` (not the account id) in mark keys and values, so marks do not depend on how the account id was resolved.
export function scopeLabel(scope: Scope): string {
  return scope.kind === 'account' ? 'account' : scope.resourceGroupId;
}

export function attachmentTagKey(att: AttachmentRef): string {
  const identity = `${att.policyType}:${att.policyName.toLowerCase()}@${scopeLabel(att.scope)}`;
  return ATTACHMENT_TAG_PREFIX + createHash('sha1').update(identity).digest('hex').slice(0, 8);
}

export function attachmentTagValue(att: AttachmentRef): string {
  const value = `${att.policyType}:${att.policyName}@${scopeLabel(att.scope)}`;
  // Validated props never get here (policy names <= 128, resource group ids <= 120 characters).
  if (value.length > MAX_TAG_VALUE) throw new Error(`internal: ownership mark value over ${MAX_TAG_VALUE} characters: ${value}`);
  return value;
}

export function attachmentTag(att: AttachmentRef): Record<string, string> {
  return { [attachmentTagKey(att)]: attachmentTagValue(att) };
}

/**
 * The attachments recorded in a role's tags. A value cut at 128 characters (by versions before tag
 * values of 256 were used) still yields its type and scope; the name is then a prefix, so callers match
 * marks by KEY (attachmentTagKey), not by value.
 */
export function parseAttachmentMarks(tags: Record<string, string>): Array<AttachmentRef & { tagKey: string }> {
  const out: Array<AttachmentRef & { tagKey: string }> = [];
  for (const [key, value] of Object.entries(tags)) {
    if (!key.startsWith(ATTACHMENT_TAG_PREFIX)) continue;
    const match = /^(System|Custom):(.+)@([^@]+)$/.exec(value);
    if (!match) continue;
    const scope: Scope = match[3] === 'account' ? { kind: 'account' } : { kind: 'resourceGroup', resourceGroupId: match[3] };
    out.push({ policyType: match[1] === 'System' ? 'System' : 'Custom', policyName: match[2], scope, tagKey: key });
  }
  return out;
}
