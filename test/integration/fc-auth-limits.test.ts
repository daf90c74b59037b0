/**
 * FC 3.0 through the real client: security-token failures on the FC protocol (403 with the POP codes)
 * and the invoke payload limit (400 EntityTooLarge).
 */
import * as $dara from '@darabonba/typescript';
import * as $Fc from '@alicloud/fc20230330';
import { Readable } from 'stream';
import { useEmulator } from '../helpers/emulator';
import { fcClient, rootCredentials, type TestCredentials } from '../helpers/clients';
import { captureError, FC_REQUEST_ID } from '../helpers/errors';
import { zipFixture } from '../fixtures/handlers/zip';
import { registerTemporaryKey, type TemporaryKey } from '../helpers/temporary-key';

const ACCOUNT = '1234567890123456';
const emu = useEmulator({ accounts: [{ id: ACCOUNT }] });

/** A temporary key of the account's root (STS itself is tested in sts.test.ts). */
function temporaryKey(expiresAt: number): TemporaryKey {
  const key = { accessKeyId: 'STS.FcAuthKey', accessKeySecret: 'fc-auth-secret', securityToken: 'CAIS-fc-auth-token' };
  return registerTemporaryKey(emu.current, key, { accountId: ACCOUNT, expiresAt });
}

const listFunctions = (creds: TestCredentials) => fcClient(emu.current, creds).listFunctions(new $Fc.ListFunctionsRequest({}));

describe('security tokens on the FC protocol', () => {
  test('a temporary key with its token is accepted', async () => {
    await expect(listFunctions(temporaryKey(Date.now() + 3_600_000))).resolves.toMatchObject({ statusCode: 200 });
  });

  test('without its token: 403 MissingSecurityToken', async () => {
    const { securityToken: _omitted, ...withoutToken } = temporaryKey(Date.now() + 3_600_000);
    const err = await captureError(listFunctions(withoutToken));
    expect(err).toMatchObject({ name: 'ClientError', code: 'MissingSecurityToken', statusCode: 403 });
    expect(err.requestId).toMatch(FC_REQUEST_ID);
  });

  test('with another token: 403 InvalidSecurityToken.MismatchWithAccessKey', async () => {
    const creds = temporaryKey(Date.now() + 3_600_000);
    const err = await captureError(listFunctions({ ...creds, securityToken: `${creds.securityToken}x` }));
    expect(err).toMatchObject({ code: 'InvalidSecurityToken.MismatchWithAccessKey', statusCode: 403 });
  });

  test('a token with a permanent key: 403 InvalidSecurityToken.Malformed', async () => {
    const err = await captureError(listFunctions({ ...rootCredentials(emu.current), securityToken: 'CAISbogus' }));
    expect(err).toMatchObject({ code: 'InvalidSecurityToken.Malformed', statusCode: 403 });
  });

  test('an expired temporary key: 403 InvalidSecurityToken.Expired', async () => {
    const err = await captureError(listFunctions(temporaryKey(Date.now() - 1)));
    expect(err).toMatchObject({ name: 'ClientError', code: 'InvalidSecurityToken.Expired', statusCode: 403 });
  });
});

describe('invoke payload limits', () => {
  async function invokeAsync(payload: Buffer): Promise<number> {
    const res = await fcClient(emu.current).invokeFunctionWithOptions(
      'limits',
      new $Fc.InvokeFunctionRequest({ body: Readable.from([payload]) }),
      new $Fc.InvokeFunctionHeaders({ xFcInvocationType: 'Async' }),
      new $dara.RuntimeOptions({}),
    );
    return res.statusCode ?? 0;
  }

  test('an async payload over 128 KB is 400 EntityTooLarge; 128 KB is accepted', async () => {
    await fcClient(emu.current).createFunction(new $Fc.CreateFunctionRequest({
      body: new $Fc.CreateFunctionInput({
        functionName: 'limits',
        runtime: 'nodejs18',
        handler: 'index.echo',
        code: new $Fc.InputCodeLocation({ zipFile: zipFixture('node-basic') }),
      }),
    }));
    const err = await captureError(invokeAsync(Buffer.alloc(128 * 1024 + 1, 'a')));
    expect(err).toMatchObject({ name: 'ClientError', code: 'EntityTooLarge', statusCode: 400 });
    expect(err.message).toContain('payload size exceeds maximum allowed size (131072 bytes)');
    expect(emu.current.state.getAccount(ACCOUNT).fc.listInvocations()).toEqual([]);
    expect(await invokeAsync(Buffer.alloc(128 * 1024, 'a'))).toBe(202);
  });
});
