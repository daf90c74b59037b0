/** RAM policies and policy versions through the real @alicloud/ram20150501 client against the emulator. */
import * as $Ram from '@alicloud/ram20150501';
import { useEmulator } from '../helpers/emulator';
import { expectApiError, RPC_REQUEST_ID } from '../helpers/errors';
import { ramClient, userCredentials } from '../helpers/clients';
import { FC_TRUST, allowDocument as doc } from '../helpers/ram-documents';

const emu = useEmulator({ clock: () => Date.UTC(2026, 10, 30, 1, 23, 16) });

const ram = () => ramClient(emu.current);
const createPolicy = (policyName: string, policyDocument = doc('log:*'), extra: Partial<$Ram.CreatePolicyRequest> = {}) =>
  ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName, policyDocument, ...extra }));
const createVersion = (policyName: string, action: string, extra: Partial<$Ram.CreatePolicyVersionRequest> = {}) =>
  ram().createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName, policyDocument: doc(action), ...extra }));
const versionIds = async (policyName: string): Promise<string[]> => {
  const listed = await ram().listPolicyVersions(new $Ram.ListPolicyVersionsRequest({ policyName, policyType: 'Custom' }));
  return (listed.body?.policyVersions?.policyVersion ?? []).map((v) => `${v.versionId}${v.isDefaultVersion ? '*' : ''}`);
};

describe('CreatePolicy / GetPolicy', () => {
  test('creates v1 as default and returns the document as given', async () => {
    const created = await createPolicy('Logs-1', doc('log:Get*'), { description: 'read logs' });
    expect(created.body?.policy).toEqual({
      policyName: 'Logs-1',
      policyType: 'Custom',
      defaultVersion: 'v1',
      description: 'read logs',
      createDate: '2026-11-30T01:23:16Z',
    });
    const got = await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'Logs-1', policyType: 'Custom' }));
    expect(got.body?.policy).toMatchObject({ policyDocument: doc('log:Get*'), attachmentCount: 0, defaultVersion: 'v1' });
    expect(got.body?.defaultPolicyVersion).toMatchObject({ versionId: 'v1', isDefaultVersion: true, policyDocument: doc('log:Get*') });
  });

  test('system policies resolve case-insensitively with catalog casing', async () => {
    const got = await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'aliyunossfullaccess', policyType: 'System' }));
    expect(got.body?.policy).toMatchObject({ policyName: 'AliyunOSSFullAccess', policyType: 'System', defaultVersion: 'v1' });
    expect(JSON.parse(got.body?.policy?.policyDocument ?? '{}')).toMatchObject({ Version: '1', Statement: [{ Action: 'oss:*' }] });
    const fc = await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'AliyunServiceRolePolicyForFC', policyType: 'System' }));
    expect(fc.body?.policy?.policyName).toBe('AliyunServiceRolePolicyForFC');
  });

  test.each([
    [{ policyName: undefined }, 'MissingPolicyName', 400],
    [{ policyDocument: undefined }, 'MissingPolicyDocument', 400],
    [{ policyName: 'bad.name' }, 'InvalidParameter.PolicyName.InvalidChars', 400],
    [{ policyName: 'p'.repeat(129) }, 'InvalidParameter.PolicyName.Length', 400],
    [{ policyDocument: 'x'.repeat(6145) }, 'InvalidParameter.PolicyDocument.Length', 400],
    [{ policyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*"}]}' }, 'MalformedPolicyDocument', 400],
    [{ description: 'd'.repeat(1025) }, 'InvalidParameter.Description.Length', 400],
    [{ description: '' }, 'InvalidParameter.Description.Length', 400],
    [{ policyName: 'AliyunOSSFullAccess' }, 'EntityAlreadyExists.Policy', 409],
  ])('CreatePolicy refuses %j', async (overrides, code, status) => {
    await expectApiError(ram().createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'P1', policyDocument: doc('a:b'), ...overrides })), code, status);
  });

  test('duplicate names (any case) are 409 EntityAlreadyExists.Policy', async () => {
    await createPolicy('Dup');
    await expectApiError(createPolicy('dup'), 'EntityAlreadyExists.Policy', 409);
  });

  test.each([
    [{ policyType: 'Managed' }, 'InvalidParameter.PolicyType', 400],
    [{ policyType: undefined }, 'MissingPolicyType', 400],
    [{ policyName: 'Nope' }, 'EntityNotExist.Policy', 404],
    [{ policyName: 'AliyunOSSFullAccess', policyType: 'Custom' }, 'EntityNotExist.Policy', 404],
  ])('GetPolicy refuses %j', async (overrides, code, status) => {
    await expectApiError(ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'P1', policyType: 'System', ...overrides })), code, status);
  });
});

describe('policy versions', () => {
  test('versions count up, SetAsDefault switches the default, ids are not reused', async () => {
    await createPolicy('Ver');
    const v2 = await createVersion('Ver', 'a:2');
    expect(v2.body?.policyVersion).toMatchObject({ versionId: 'v2', isDefaultVersion: false, policyDocument: doc('a:2') });
    await createVersion('Ver', 'a:3', { setAsDefault: true });
    expect(await versionIds('Ver')).toEqual(['v1', 'v2', 'v3*']);
    await ram().deletePolicyVersion(new $Ram.DeletePolicyVersionRequest({ policyName: 'Ver', versionId: 'v2' }));
    await createVersion('Ver', 'a:4');
    expect(await versionIds('Ver')).toEqual(['v1', 'v3*', 'v4']);
    await ram().setDefaultPolicyVersion(new $Ram.SetDefaultPolicyVersionRequest({ policyName: 'Ver', versionId: 'v1' }));
    const got = await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'Ver', policyType: 'Custom' }));
    expect(got.body?.policy).toMatchObject({ defaultVersion: 'v1', policyDocument: doc('log:*') });
    const v4 = await ram().getPolicyVersion(new $Ram.GetPolicyVersionRequest({ policyName: 'Ver', policyType: 'Custom', versionId: 'v4' }));
    expect(v4.body?.policyVersion).toMatchObject({ versionId: 'v4', isDefaultVersion: false, policyDocument: doc('a:4') });
  });

  test('five versions at most; rotation drops the oldest non-default', async () => {
    await createPolicy('Five');
    for (const n of [2, 3, 4, 5]) await createVersion('Five', `a:${n}`);
    await expectApiError(createVersion('Five', 'a:6'), 'LimitExceeded.Policy.Version', 409);
    await expectApiError(createVersion('Five', 'a:6', { rotateStrategy: 'None' }), 'LimitExceeded.Policy.Version', 409);
    const rotated = await createVersion('Five', 'a:6', { rotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded', setAsDefault: true });
    expect(rotated.body?.policyVersion?.versionId).toBe('v6');
    expect(await versionIds('Five')).toEqual(['v1', 'v3', 'v4', 'v5', 'v6*']);
  });

  test('system policies have one version', async () => {
    const listed = await ram().listPolicyVersions(new $Ram.ListPolicyVersionsRequest({ policyName: 'AliyunLogFullAccess', policyType: 'System' }));
    expect(listed.body?.policyVersions?.policyVersion?.map((v) => v.versionId)).toEqual(['v1']);
  });

  test.each([
    ['delete default', () => ram().deletePolicyVersion(new $Ram.DeletePolicyVersionRequest({ policyName: 'Errs', versionId: 'v1' })), 'DeleteConflict.Policy.Version.Default', 409],
    ['delete unknown', () => ram().deletePolicyVersion(new $Ram.DeletePolicyVersionRequest({ policyName: 'Errs', versionId: 'v7' })), 'EntityNotExist.Policy.Version', 404],
    ['bad id', () => ram().getPolicyVersion(new $Ram.GetPolicyVersionRequest({ policyName: 'Errs', policyType: 'Custom', versionId: 'latest' })), 'InvalidParameter.VersionId.Format', 400],
    ['get unknown', () => ram().getPolicyVersion(new $Ram.GetPolicyVersionRequest({ policyName: 'Errs', policyType: 'Custom', versionId: 'v2' })), 'EntityNotExist.Policy.Version', 404],
    ['default unknown', () => ram().setDefaultPolicyVersion(new $Ram.SetDefaultPolicyVersionRequest({ policyName: 'Errs', versionId: 'v3' })), 'EntityNotExist.Policy.Version', 404],
    ['version of unknown policy', () => createVersion('Nope', 'a:1'), 'EntityNotExist.Policy', 404],
    ['version of system policy', () => createVersion('AliyunOSSFullAccess', 'a:1'), 'EntityNotExist.Policy', 404],
    ['bad rotate strategy', () => createVersion('Errs', 'a:1', { rotateStrategy: 'Sometimes' }), 'InvalidParameter.RotateStrategy', 400],
    ['malformed version', () => ram().createPolicyVersion(new $Ram.CreatePolicyVersionRequest({ policyName: 'Errs', policyDocument: 'nope' })), 'MalformedPolicyDocument', 400],
    ['missing VersionId', () => ram().setDefaultPolicyVersion(new $Ram.SetDefaultPolicyVersionRequest({ policyName: 'Errs' })), 'MissingVersionId', 400],
  ])('%s', async (_name, call, code, status) => {
    await createPolicy('Errs');
    await expectApiError(call(), code, status);
  });
});

describe('DeletePolicy', () => {
  test('non-default versions block deletion unless cascading', async () => {
    await createPolicy('Del');
    await createVersion('Del', 'a:2');
    await expectApiError(ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'Del' })), 'DeleteConflict.Policy.Version', 409);
    await ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'Del', cascadingDelete: true }));
    await expectApiError(ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'Del' })), 'EntityNotExist.Policy', 404);
  });

  test('attachments block deletion: roles, then users', async () => {
    await createPolicy('Used');
    await ram().createRole(new $Ram.CreateRoleRequest({ roleName: 'r', assumeRolePolicyDocument: FC_TRUST }));
    await ram().createUser(new $Ram.CreateUserRequest({ userName: 'u' }));
    await ram().attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ roleName: 'r', policyName: 'Used', policyType: 'Custom' }));
    await ram().attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ userName: 'u', policyName: 'Used', policyType: 'Custom' }));
    await expectApiError(ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'Used', cascadingDelete: true })), 'DeleteConflict.Policy.Role', 409);
    await ram().detachPolicyFromRole(new $Ram.DetachPolicyFromRoleRequest({ roleName: 'r', policyName: 'Used', policyType: 'Custom' }));
    await expectApiError(ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'Used' })), 'DeleteConflict.Policy.User', 409);
    await ram().detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ userName: 'u', policyName: 'Used', policyType: 'Custom' }));
    await ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'Used' }));
  });

  test('system policies cannot be deleted (404: not a custom policy)', async () => {
    await expectApiError(ram().deletePolicy(new $Ram.DeletePolicyRequest({ policyName: 'AliyunOSSFullAccess' })), 'EntityNotExist.Policy', 404);
  });
});

describe('ListPolicies', () => {
  test('filters by type and pages', async () => {
    await createPolicy('B-Pol');
    await createPolicy('a-pol', doc('oss:*'), { tag: [new $Ram.CreatePolicyRequestTag({ key: 'owner', value: 'me' })] });
    const custom = await ram().listPolicies(new $Ram.ListPoliciesRequest({ policyType: 'Custom', maxItems: 1 }));
    expect(custom.body?.policies?.policy?.map((p) => p.policyName)).toEqual(['a-pol']);
    expect(custom.body?.policies?.policy?.[0]?.tags?.tag).toEqual([expect.objectContaining({ tagKey: 'owner', tagValue: 'me' })]);
    expect(custom.body?.isTruncated).toBe(true);
    const rest = await ram().listPolicies(new $Ram.ListPoliciesRequest({ policyType: 'Custom', marker: custom.body?.marker }));
    expect(rest.body?.policies?.policy?.map((p) => p.policyName)).toEqual(['B-Pol']);
    const system = await ram().listPolicies(new $Ram.ListPoliciesRequest({ policyType: 'System', maxItems: 1000 }));
    expect(system.body?.policies?.policy?.map((p) => p.policyName)).toContain('AliyunServiceRolePolicyForFC');
    const tagged = await ram().listPolicies(new $Ram.ListPoliciesRequest({ tag: [new $Ram.ListPoliciesRequestTag({ key: 'owner', value: 'me' })] }));
    expect(tagged.body?.policies?.policy?.map((p) => p.policyName)).toEqual(['a-pol']);
    await expectApiError(ram().listPolicies(new $Ram.ListPoliciesRequest({ policyType: 'Other' })), 'InvalidParameter.PolicyType', 400);
  });
});

describe('UpdatePolicyDescription', () => {
  const update = (policyName: string | undefined, newDescription?: string, client = ram()) =>
    client.updatePolicyDescription(new $Ram.UpdatePolicyDescriptionRequest({ policyName, newDescription }));

  test('changes only the description and answers the updated policy', async () => {
    await createPolicy('Desc-1', doc('log:Get*'), { description: 'old' });
    const updated = await update('desc-1', 'new words');
    expect(updated.body?.requestId).toMatch(RPC_REQUEST_ID);
    expect(updated.body?.policy).toEqual({
      policyName: 'Desc-1',
      policyType: 'Custom',
      defaultVersion: 'v1',
      description: 'new words',
      createDate: '2026-11-30T01:23:16Z',
      updateDate: '2026-11-30T01:23:16Z',
    });
    const got = await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'Desc-1', policyType: 'Custom' }));
    expect(got.body?.policy).toMatchObject({ description: 'new words', policyDocument: doc('log:Get*'), defaultVersion: 'v1' });
    expect(await versionIds('Desc-1')).toEqual(['v1*']);
  });

  test('NewDescription is 1 to 1,024 characters: an empty or absent one is refused and clears nothing', async () => {
    await createPolicy('Desc-2', doc('log:*'), { description: 'something' });
    await expectApiError(update('Desc-2', ''), 'MissingNewDescription', 400);
    await expectApiError(update('Desc-2'), 'MissingNewDescription', 400);
    let got = await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'Desc-2', policyType: 'Custom' }));
    expect(got.body?.policy?.description).toBe('something');
    await update('Desc-2', 'd'.repeat(1024));
    got = await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'Desc-2', policyType: 'Custom' }));
    expect(got.body?.policy?.description).toBe('d'.repeat(1024));
  });

  test.each([
    ['too long', () => update('Desc-3', 'd'.repeat(1025)), 'InvalidParameter.NewDescription.Length', 400],
    ['missing name', () => update(undefined, 'x'), 'MissingPolicyName', 400],
    ['unknown policy', () => update('Nope', 'x'), 'EntityNotExist.Policy', 404],
    ['system policy', () => update('AliyunOSSFullAccess', 'x'), 'EntityNotExist.Policy', 404],
  ])('refuses: %s', async (_name, call, code, status) => {
    await createPolicy('Desc-3', doc('log:*'), { description: 'kept' });
    await expectApiError(call(), code, status);
    const got = await ram().getPolicy(new $Ram.GetPolicyRequest({ policyName: 'Desc-3', policyType: 'Custom' }));
    expect(got.body?.policy?.description).toBe('kept');
  });

  describe('authorization (ram:UpdatePolicyDescription on the policy)', () => {
    const ONLY_APP_POLICIES = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:UpdatePolicyDescription', Resource: 'acs:ram:*:*:policy/app-*' }] };
    const authEmu = useEmulator({
      accounts: [{ users: [{ name: 'reader', policies: ['AliyunRAMReadOnlyAccess'] }, { name: 'editor', policies: [{ name: 'EditAppPolicies', document: ONLY_APP_POLICIES }] }] }],
    });
    const as = (user: string) => ramClient(authEmu.current, userCredentials(authEmu.current, user));

    test('a user may update what its policies allow, and nothing else', async () => {
      const root = ramClient(authEmu.current);
      for (const policyName of ['app-logs', 'ops-logs']) {
        await root.createPolicy(new $Ram.CreatePolicyRequest({ policyName, policyDocument: doc('log:*'), description: 'old' }));
      }
      await update('app-logs', 'by editor', as('editor'));
      await expectApiError(update('ops-logs', 'by editor', as('editor')), 'NoPermission', 403);
      await expectApiError(update('app-logs', 'by reader', as('reader')), 'NoPermission', 403);
      const described = async (policyName: string) =>
        (await root.getPolicy(new $Ram.GetPolicyRequest({ policyName, policyType: 'Custom' }))).body?.policy?.description;
      expect(await described('app-logs')).toBe('by editor');
      expect(await described('ops-logs')).toBe('old');
    });
  });
});
