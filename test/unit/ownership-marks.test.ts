/** Ownership marks decode back to their attachment for every valid name (RAM tag values: up to 256 characters). */
import { attachmentTag, attachmentTagKey, attachmentTagValue, MAX_TAG_VALUE, parseAttachmentMarks, type AttachmentRef } from '../../src/cloud/ownership';
import { validateProps } from '../../src/config';
import { MAX_RESOURCE_GROUP_ID_LENGTH } from '../../src/config/patterns';

const longestName = `p${'x'.repeat(126)}z`;
const longestGroup = `rg-${'a'.repeat(MAX_RESOURCE_GROUP_ID_LENGTH - 3)}`;

describe('ownership marks', () => {
  it.each<[string, AttachmentRef]>([
    ['a 128-character custom policy in the longest resource group id', { policyType: 'Custom', policyName: longestName, scope: { kind: 'resourceGroup', resourceGroupId: longestGroup } }],
    ['a 128-character system policy name at account scope', { policyType: 'System', policyName: longestName, scope: { kind: 'account' } }],
    ['a short one', { policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'resourceGroup', resourceGroupId: 'rg-acfmxyz123' } }],
  ])('%s decodes back, key and all', (_label, ref) => {
    expect(attachmentTagValue(ref).length).toBeLessThanOrEqual(MAX_TAG_VALUE);
    const [mark] = parseAttachmentMarks(attachmentTag(ref));
    expect(mark).toEqual({ ...ref, tagKey: attachmentTagKey(ref) });
    expect(attachmentTagKey(mark)).toBe(mark.tagKey);
  });

  it('the props schema refuses a resource group id whose mark could not fit', () => {
    const props = (id: string) => ({ region: 'cn-hangzhou', role: { name: 'r' }, policies: [{ name: 'AliyunOSSFullAccess', resourceGroupId: id }] });
    expect(validateProps(props(longestGroup), { baseDir: '.' }).problems).toEqual([]);
    expect(validateProps(props(`${longestGroup}b`), { baseDir: '.' }).problems.map((p) => p.path)).toEqual(['props.policies[0].resourceGroupId']);
  });
});
