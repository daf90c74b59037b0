/**
 * The explanation `s invoke` gives for a denied function, against the emulator through the real SDKs: the
 * function's role and its current policies (account and resource-group grants) evaluated on the denied resource.
 */
import * as $Ram from '@alicloud/ram20150501';
import * as $Rm from '@alicloud/resourcemanager20200331';
import { explainDenial } from '../../src/invoke/explain-denial';
import type { InvocationPlan } from '../../src/invoke/types';
import { ramClient, rmClient } from '../helpers/clients';
import { useEmulator } from '../helpers/emulator';
import { createFunction, FC_TRUST, resourceGroupId, testContext, userContext } from './cloud-fixtures';

const emu = useEmulator({ accounts: [{ users: [{ name: 'invoker', policies: ['AliyunFCFullAccess'] }] }] });

const PLAN: InvocationPlan = { functionName: 'writer', region: 'cn-hangzhou', qualifier: 'LATEST', invocationType: 'Sync' };
const DENIED = { errorType: 'AccessDeniedError', errorMessage: 'PutObject oss://my-bucket/a.txt failed: AccessDenied: You have no right to access this object because of bucket acl.', stackTrace: [] };

async function roleWith(policies: Array<{ name: string; resourceGroupId?: string }>): Promise<string> {
  const ram = ramClient(emu.current);
  const role = await ram.createRole(new $Ram.CreateRoleRequest({ roleName: 'writer-role', assumeRolePolicyDocument: JSON.stringify(FC_TRUST) }));
  for (const p of policies) {
    if (p.resourceGroupId) {
      const principalName = `writer-role@role.${emu.current.accounts[0].id}.onaliyunservice.com`;
      await rmClient(emu.current).attachPolicy(
        new $Rm.AttachPolicyRequest({ policyType: 'System', policyName: p.name, principalType: 'ServiceRole', principalName, resourceGroupId: p.resourceGroupId }),
      );
    } else {
      await ram.attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ roleName: 'writer-role', policyType: 'System', policyName: p.name }));
    }
  }
  return role.body?.role?.arn ?? '';
}

test('no policy allows it: says so and how to declare the need', async () => {
  await createFunction(emu.current, 'writer', 'cn-hangzhou', await roleWith([{ name: 'AliyunOSSReadOnlyAccess' }]));
  const lines = await explainDenial(testContext(emu.current), PLAN, DENIED);
  const resource = `acs:oss:*:${emu.current.accounts[0].id}:my-bucket/a.txt`;
  expect(lines).toEqual([
    `The function was denied oss:PutObject on ${resource} (AccessDenied, error type AccessDeniedError; the action and resource were read from the error text).`,
    expect.stringContaining('No policy of role writer-role allows it (no policy allows it). Add one that does, e.g. expect "oss:PutObject on'),
  ]);
});

test('the role holds the policy only in a resource group', async () => {
  const rg = resourceGroupId(emu.current);
  await createFunction(emu.current, 'writer', 'cn-hangzhou', await roleWith([{ name: 'AliyunOSSFullAccess', resourceGroupId: rg }]));
  const [, meaning] = await explainDenial(testContext(emu.current), PLAN, DENIED);
  expect(meaning).toBe(
    `Role writer-role holds AliyunOSSFullAccess (System, resource group ${rg}) only in resource group ${rg}; OSS grants it only for resources in that group, and this one is evidently not in it. ` +
      `Move the resource into ${rg}, or attach the policy at account scope (props.policies without resourceGroupId).`,
  );
});

test('the role allows it: the denial comes from elsewhere', async () => {
  await createFunction(emu.current, 'writer', 'cn-hangzhou', await roleWith([{ name: 'AliyunOSSFullAccess' }]));
  const [, meaning] = await explainDenial(testContext(emu.current), PLAN, DENIED);
  expect(meaning).toContain("Role writer-role's policies allow it (AliyunOSSFullAccess statement 1 (System, account scope)), so the denial comes from elsewhere");
});

test('a function without a role; an error that names no action; a caller that may not read RAM', async () => {
  await createFunction(emu.current, 'writer');
  expect((await explainDenial(testContext(emu.current), PLAN, DENIED))[1]).toContain('Function writer has no role');
  const vague = await explainDenial(testContext(emu.current), PLAN, { errorType: 'AccessDenied', errorMessage: 'forbidden', stackTrace: [] });
  expect(vague).toEqual([
    "The function was denied access (AccessDenied, error type AccessDenied), but its error does not name the action and resource.",
    'Check them with: s simulate --current --action <service:Action> --resource <arn>',
  ]);
  expect(await explainDenial(testContext(emu.current), PLAN, { errorType: 'TypeError', errorMessage: 'boom', stackTrace: [] })).toEqual([]);

  await ramClient(emu.current).createRole(new $Ram.CreateRoleRequest({ roleName: 'other', assumeRolePolicyDocument: JSON.stringify(FC_TRUST) }));
  await createFunction(emu.current, 'with-role', 'cn-hangzhou', `acs:ram::${emu.current.accounts[0].id}:role/other`);
  const refused = await explainDenial(userContext(emu.current, 'invoker'), { ...PLAN, functionName: 'with-role' }, DENIED);
  expect(refused[1]).toBe("Could not check the role's policies: PermissionDenied (NoPermission).");
});
