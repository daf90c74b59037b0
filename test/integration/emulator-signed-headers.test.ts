/**
 * ACS3 requests must sign what the SDKs sign: host, x-acs-action, x-acs-version, x-acs-date,
 * x-acs-signature-nonce, x-acs-content-sha256, and content-type / x-acs-security-token /
 * x-acs-accesskey-id when sent (the last equal to the Credential key). Hand-signed raw requests.
 */
import { useEmulator } from '../helpers/emulator';
import { rootCredentials } from '../helpers/clients';
import { sendAcs3, type Acs3RawRequest } from '../helpers/acs3-raw';
import { FC_REQUEST_ID, RPC_REQUEST_ID } from '../helpers/errors';
import { registerTemporaryKey, type TemporaryKey } from '../helpers/temporary-key';

const ACCOUNT = '1234567890123456';
const emu = useEmulator({ accounts: [{ id: ACCOUNT }] });

const STS_HEADERS = { 'x-acs-version': '2015-04-01', 'x-acs-action': 'GetCallerIdentity' };
const ALL_SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

function rpc(extra: Partial<Acs3RawRequest> = {}): Promise<import('../helpers/raw-http').RawResponse> {
  return sendAcs3(emu.current.port, { ...rootCredentials(emu.current), headers: STS_HEADERS, ...extra });
}

function temporaryKey(): TemporaryKey {
  const key = { accessKeyId: 'STS.SignedHeadersKey', accessKeySecret: 'signed-headers-secret', securityToken: 'CAIS-signed-headers-token' };
  return registerTemporaryKey(emu.current, key, { accountId: ACCOUNT, expiresAt: Date.now() + 3_600_000, role: { name: 'r', session: 's' } });
}

describe('RPC (ACS3)', () => {
  test('a hand-signed request over the SDK header set is accepted', async () => {
    const res = await rpc();
    expect(res.status).toBe(200);
    expect(res.json?.Arn).toBe(`acs:ram::${ACCOUNT}:root`);
  });

  test('a request signed over host alone is 400 IncompleteSignature', async () => {
    const res = await rpc({ signedHeaders: ['host'] });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ Code: 'IncompleteSignature', HostId: 'sts.aliyuncs.com' });
    expect(res.json?.RequestId).toMatch(RPC_REQUEST_ID);
  });

  test.each(ALL_SIGNED)('leaving %s out of SignedHeaders is 400 IncompleteSignature', async (left) => {
    const res = await rpc({ signedHeaders: ALL_SIGNED.filter((h) => h !== left) });
    expect(res.status).toBe(400);
    expect(res.json?.Code).toBe('IncompleteSignature');
    expect(String(res.json?.Message)).toContain(left);
  });

  test('a content-type that is sent must be signed', async () => {
    const headers = { ...STS_HEADERS, 'content-type': 'application/x-www-form-urlencoded' };
    expect((await rpc({ headers })).status).toBe(200);
    const res = await rpc({ headers, signedHeaders: ALL_SIGNED });
    expect(res.json?.Code).toBe('IncompleteSignature');
  });

  test('the security token must be signed, and x-acs-accesskey-id must be signed and equal the Credential key', async () => {
    const creds = temporaryKey();
    const withToken = { ...STS_HEADERS, 'x-acs-accesskey-id': creds.accessKeyId, 'x-acs-security-token': creds.securityToken };
    const ok = await sendAcs3(emu.current.port, { ...creds, headers: withToken });
    expect(ok.json?.IdentityType).toBe('AssumedRoleUser');

    const tokenUnsigned = await sendAcs3(emu.current.port, { ...creds, headers: withToken, signedHeaders: [...ALL_SIGNED, 'x-acs-accesskey-id'] });
    expect(tokenUnsigned).toMatchObject({ status: 400, json: { Code: 'IncompleteSignature' } });

    const keyUnsigned = await sendAcs3(emu.current.port, { ...creds, headers: withToken, signedHeaders: [...ALL_SIGNED, 'x-acs-security-token'] });
    expect(keyUnsigned).toMatchObject({ status: 400, json: { Code: 'IncompleteSignature' } });

    const otherKey = await sendAcs3(emu.current.port, { ...creds, headers: { ...withToken, 'x-acs-accesskey-id': 'STS.SomeoneElse' } });
    expect(otherKey).toMatchObject({ status: 400, json: { Code: 'IncompleteSignature' } });
  });

});

describe('FC (ACS3)', () => {
  const FC_HEADERS = { 'x-acs-version': '2023-03-30', 'x-acs-action': 'ListFunctions' };

  /** On the emulator's FC endpoint of cn-hangzhou (one port per region). */
  function fc(extra: Partial<Acs3RawRequest> = {}) {
    return sendAcs3(Number(new URL(emu.current.fcEndpoints['cn-hangzhou']).port), { ...rootCredentials(emu.current), method: 'GET', path: '/2023-03-30/functions', headers: FC_HEADERS, ...extra });
  }

  test('a hand-signed ListFunctions over the SDK header set is accepted', async () => {
    const res = await fc();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ functions: [] });
  });

  test('signed over host alone: 400 MissingRequiredHeader, the FC code for a missing signature', async () => {
    const res = await fc({ signedHeaders: ['host'] });
    expect(res.status).toBe(400);
    expect(res.json?.Code).toBe('MissingRequiredHeader');
    expect(res.json?.RequestId).toMatch(FC_REQUEST_ID);
  });
});
