/**
 * FC never uses a role of another account: ram:PassRole on a foreign role is refused (root and RAM
 * users alike), FC's own assume-role check refuses it, and an invocation never assumes it.
 */
import * as $Fc from '@alicloud/fc20230330';
import * as $Ram from '@alicloud/ram20150501';
import { useEmulator } from '../helpers/emulator';
import { fcClient, ramClient, userCredentials } from '../helpers/clients';
import { captureError } from '../helpers/errors';
import { zipFixture } from '../fixtures/handlers/zip';
import { canFcAssumeRole } from '../../emulator/fc/access';
import { FC_TRUST } from '../helpers/ram-documents';

const HOME = '1234567890123456';
const OTHER = '6543210987654321';
const PASS_ANY_ROLE = {
  name: 'PassAnyRole',
  document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['fc:*', 'ram:PassRole'], Resource: '*' }] },
};

const emu = useEmulator({
  accounts: [
    { id: HOME, users: [{ name: 'deployer', policies: [PASS_ANY_ROLE] }] },
    { id: OTHER },
  ],
});

/** A role trusting FC, created by the root of account #`accountIndex`; returns its ARN. */
async function createFcRole(accountIndex: number, roleName: string): Promise<string> {
  const creds = { accessKeyId: emu.current.accounts[accountIndex].accessKeyId, accessKeySecret: emu.current.accounts[accountIndex].accessKeySecret };
  const res = await ramClient(emu.current, creds).createRole(new $Ram.CreateRoleRequest({ roleName, assumeRolePolicyDocument: FC_TRUST }));
  return res.body?.role?.arn ?? '';
}

function createRequest(functionName: string, role: string): $Fc.CreateFunctionRequest {
  return new $Fc.CreateFunctionRequest({
    body: new $Fc.CreateFunctionInput({
      functionName,
      runtime: 'nodejs18',
      handler: 'index.echo',
      role,
      code: new $Fc.InputCodeLocation({ zipFile: zipFixture('node-basic') }),
    }),
  });
}

test("the root of one account cannot pass another account's role: 403 AccessDenied on ram:PassRole", async () => {
  const foreign = await createFcRole(1, 'shared-looking-role');
  expect(foreign).toBe(`acs:ram::${OTHER}:role/shared-looking-role`);
  const err = await captureError(fcClient(emu.current).createFunction(createRequest('cross', foreign)));
  expect(err).toMatchObject({ code: 'AccessDenied', statusCode: 403 });
  expect(err.message).toContain('ram:PassRole');
  expect(emu.current.state.getAccount(HOME).fc.listFunctions('cn-hangzhou')).toEqual([]);
});

test('a RAM user allowed ram:PassRole on * still cannot pass a foreign role, but can pass its own', async () => {
  const foreign = await createFcRole(1, 'foreign-role');
  const own = await createFcRole(0, 'own-role');
  const fc = fcClient(emu.current, userCredentials(emu.current, 'deployer'));
  expect(await captureError(fc.createFunction(createRequest('by-user', foreign)))).toMatchObject({ code: 'AccessDenied', statusCode: 403 });
  await expect(fc.createFunction(createRequest('by-user', own))).resolves.toMatchObject({ statusCode: 200 });
  const update = new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput({ role: foreign }) });
  expect(await captureError(fc.updateFunction('by-user', update))).toMatchObject({ code: 'AccessDenied', statusCode: 403 });
  expect(emu.current.state.getAccount(HOME).fc.getFunction('cn-hangzhou', 'by-user').role).toBe(own);
});

test("FC's own check refuses a role of another account even when it trusts fc.aliyuncs.com", async () => {
  const foreign = await createFcRole(1, 'trusting-role');
  const own = await createFcRole(0, 'trusting-role');
  expect(canFcAssumeRole(emu.current.state, HOME, own)).toBe(true);
  expect(canFcAssumeRole(emu.current.state, HOME, foreign)).toBe(false);
  expect(canFcAssumeRole(emu.current.state, OTHER, foreign)).toBe(true);
});

test('an invocation never assumes a foreign role: 400 InvalidArgument, and the handler never runs', async () => {
  const own = await createFcRole(0, 'home-role');
  const foreign = await createFcRole(1, 'away-role');
  const fc = fcClient(emu.current);
  await fc.createFunction(createRequest('legacy', own));
  // A function left pointing at another account's role (e.g. set before the checks existed).
  const functions = emu.current.state.getAccount(HOME).fc;
  functions.replaceFunction({ ...functions.getFunction('cn-hangzhou', 'legacy'), role: foreign });
  const err = await captureError(fc.invokeFunction('legacy', new $Fc.InvokeFunctionRequest({})));
  expect(err).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
  expect(err.message).toContain(`failed to assume role '${foreign}'`);
  expect(functions.listInvocations()).toEqual([]);
});
