/**
 * ensurePolicyDocument against the emulator through the real RAM client: the default document is
 * re-read before any CreatePolicyVersion, rotation is one explicit DeletePolicyVersion, and duplicate
 * new versions (concurrent runs below the limit) converge on one.
 */
import * as $Ram from '@alicloud/ram20150501';
import { ensurePolicyDocument, keepOneNewVersion } from '../../src/apply/policy-version';
import { listPolicyVersions } from '../../src/cloud/ram-policy';
import type { PolicyDocument } from '../../src/model';
import { ramClient } from '../helpers/clients';
import { useEmulator } from '../helpers/emulator';
import { testContext } from './cloud-fixtures';

const emu = useEmulator();

const doc = (bucket: string): PolicyDocument => ({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: [`acs:oss:*:*:${bucket}/*`] }] });

async function createPolicy(...buckets: string[]): Promise<void> {
  const ram = ramClient(emu.current);
  await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'p', policyDocument: JSON.stringify(doc(buckets[0])) }));
  for (const bucket of buckets.slice(1)) {
    await ram.createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: 'p', policyDocument: JSON.stringify(doc(bucket)), setAsDefault: true }));
  }
}

async function versions(): Promise<string[]> {
  return (await listPolicyVersions(testContext(emu.current), 'Custom', 'p')).map((v) => `${v.versionId}${v.isDefault ? '*' : ''}`).sort();
}

describe('ensurePolicyDocument', () => {
  test('creates nothing when the default document already is the wanted one (read first)', async () => {
    await createPolicy('a');
    emu.current.requests.clear();
    expect(await ensurePolicyDocument(testContext(emu.current), 'p', doc('a'))).toEqual({ created: false });
    expect(emu.current.requests.writes()).toEqual([]);
  });

  test('at 5 versions deletes the oldest non-default one, then creates the new default', async () => {
    await createPolicy('a', 'b', 'c', 'd', 'e');
    const result = await ensurePolicyDocument(testContext(emu.current), 'p', doc('f'));
    expect(result).toEqual({ created: true, rotatedOut: 'v1' });
    expect(await versions()).toEqual(['v2', 'v3', 'v4', 'v5', 'v6*']);
  });

  test('two runs that each created the same new version converge on the first, as the default', async () => {
    // What two concurrent runs leave below the limit: each created "b" (v2, then v3, the default).
    await createPolicy('a', 'b', 'b');
    const ctx = testContext(emu.current);
    const listed = await listPolicyVersions(ctx, 'Custom', 'p');
    await keepOneNewVersion(ctx, 'p', listed, doc('b'), 1);
    expect(await versions()).toEqual(['v1', 'v2*']);
    // The other run does the same with what it listed earlier: nothing left to do, no failure.
    await keepOneNewVersion(ctx, 'p', listed, doc('b'), 1);
    expect(await versions()).toEqual(['v1', 'v2*']);
  });
});
