/**
 * fcRoleCheck 'invoke': FC accepts a role it cannot assume at create/update and fails at invoke
 * with a platform error instead.
 */
import * as $Fc from '@alicloud/fc20230330';
import * as $Ram from '@alicloud/ram20150501';
import { useEmulator } from '../helpers/emulator';
import { fcClient, ramClient } from '../helpers/clients';
import { zipFixture } from '../fixtures/handlers/zip';
import { ECS_TRUST, FC_TRUST } from '../helpers/ram-documents';

const ACCOUNT = '1234567890123456';

const emu = useEmulator({ fcRoleCheck: 'invoke', accounts: [{ id: ACCOUNT }] });

test('an untrusting role is accepted by CreateFunction and refused at InvokeFunction', async () => {
  const role = await ramClient(emu.current).createRole(new $Ram.CreateRoleRequest({ roleName: 'ecs-role', assumeRolePolicyDocument: ECS_TRUST }));
  const roleArn = role.body?.role?.arn ?? '';
  const fc = fcClient(emu.current);
  const created = await fc.createFunction(new $Fc.CreateFunctionRequest({
    body: new $Fc.CreateFunctionInput({
      functionName: 'late-check',
      runtime: 'nodejs20',
      handler: 'index.echo',
      role: roleArn,
      code: new $Fc.InputCodeLocation({ zipFile: zipFixture('node-basic') }),
    }),
  }));
  expect(created.body?.role).toBe(roleArn);
  await expect(fc.invokeFunction('late-check', new $Fc.InvokeFunctionRequest({}))).rejects.toMatchObject({
    code: 'InvalidArgument',
    statusCode: 400,
    message: expect.stringContaining(`failed to assume role '${roleArn}': You are not authorized to do this action.`),
  });
  expect(emu.current.state.getAccount(ACCOUNT).fc.listInvocations()).toEqual([]);
});

test('a role deleted after the update fails the same way at invoke', async () => {
  const ram = ramClient(emu.current);
  const role = await ram.createRole(new $Ram.CreateRoleRequest({ roleName: 'short-lived', assumeRolePolicyDocument: FC_TRUST }));
  const roleArn = role.body?.role?.arn ?? '';
  await ram.attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ roleName: 'short-lived', policyType: 'System', policyName: 'AliyunOSSReadOnlyAccess' }));
  const fc = fcClient(emu.current);
  await fc.createFunction(new $Fc.CreateFunctionRequest({
    body: new $Fc.CreateFunctionInput({
      functionName: 'ghost-role',
      runtime: 'python3.9',
      handler: 'index.handler',
      timeout: 60,
      code: new $Fc.InputCodeLocation({ zipFile: zipFixture('python-echo') }),
    }),
  }));
  await fc.updateFunction('ghost-role', new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput({ role: roleArn }) }));
  // While the role exists, the function runs with its credentials.
  const before = await fc.invokeFunction('ghost-role', new $Fc.InvokeFunctionRequest({}));
  expect(before.headers?.['x-fc-error-type']).toBeUndefined();

  await ram.detachPolicyFromRole(new $Ram.DetachPolicyFromRoleRequest({ roleName: 'short-lived', policyType: 'System', policyName: 'AliyunOSSReadOnlyAccess' }));
  await ram.deleteRole(new $Ram.DeleteRoleRequest({ roleName: 'short-lived' }));
  expect(emu.current.state.getAccount(ACCOUNT).fc.getFunction('cn-hangzhou', 'ghost-role').role).toBe(roleArn);
  await expect(fc.invokeFunction('ghost-role', new $Fc.InvokeFunctionRequest({}))).rejects.toMatchObject({
    code: 'InvalidArgument',
    statusCode: 400,
    message: expect.stringContaining(`failed to assume role '${roleArn}'`),
  });
  expect(emu.current.state.getAccount(ACCOUNT).fc.listInvocations()).toHaveLength(1);
});
