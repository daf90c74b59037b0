/**
 * The emulator core through the real SDK clients: signatures (ACS3 and legacy V1), auth failures with
 * their wire codes, routing errors, the request log, faults and reset.
 */
import { ApiError } from '../../emulator/core/types';
import { useEmulator } from '../helpers/emulator';
import { rootCredentials, stsClient, userCredentials } from '../helpers/clients';
import { captureError, RPC_REQUEST_ID } from '../helpers/errors';
import { rawRequest } from '../helpers/raw-http';
import { sendAcs3 } from '../helpers/acs3-raw';
import { registerTemporaryKey, type TemporaryKey } from '../helpers/temporary-key';

const ACCOUNT = '1234567890123456';
const emu = useEmulator({ accounts: [{ users: [{ name: 'dev' }] }] });

/** A temporary key of the role core-role, session s1 (STS itself is tested in sts.test.ts). */
function temporaryKey(expiresAt: number): TemporaryKey {
  const key = { accessKeyId: 'STS.CoreTestKey', accessKeySecret: 'core-test-secret', securityToken: 'CAIS-core-test-token' };
  return registerTemporaryKey(emu.current, key, { accountId: ACCOUNT, expiresAt, role: { name: 'core-role', session: 's1' } });
}

describe('signatures', () => {
  test('accepts an ACS3 request signed with the seeded root key', async () => {
    const res = await stsClient(emu.current).getCallerIdentity();
    expect(res.statusCode).toBe(200);
    expect(res.body?.arn).toBe(`acs:ram::${ACCOUNT}:root`);
    expect(res.body?.requestId).toMatch(RPC_REQUEST_ID);
  });

  test('accepts a legacy RPC V1 (HMAC-SHA1) request', async () => {
    const res = await stsClient(emu.current, userCredentials(emu.current, 'dev'), { signatureAlgorithm: 'v2' }).getCallerIdentity();
    expect(res.body?.arn).toBe(`acs:ram::${ACCOUNT}:user/dev`);
  });

  test('rejects an unknown AccessKey with 404 InvalidAccessKeyId.NotFound', async () => {
    const err = await captureError(stsClient(emu.current, { accessKeyId: 'LTAINoSuchKey', accessKeySecret: 'x' }).getCallerIdentity());
    expect(err).toMatchObject({ name: 'ClientError', code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
    expect(err.requestId).toMatch(RPC_REQUEST_ID);
    expect(err.data).toMatchObject({ HostId: 'sts.aliyuncs.com', Code: 'InvalidAccessKeyId.NotFound' });
  });

  test('rejects a wrong secret with 400 SignatureDoesNotMatch, ACS3 and V1 alike', async () => {
    const wrong = { ...rootCredentials(emu.current), accessKeySecret: 'not-the-secret' };
    const acs3 = await captureError(stsClient(emu.current, wrong).getCallerIdentity());
    const v1 = await captureError(stsClient(emu.current, wrong, { signatureAlgorithm: 'v2' }).getCallerIdentity());
    for (const err of [acs3, v1]) {
      expect(err).toMatchObject({ name: 'ClientError', code: 'SignatureDoesNotMatch', statusCode: 400 });
      expect(err.requestId).toMatch(RPC_REQUEST_ID);
    }
  });

  test('rejects an unsigned request with 400 IncompleteSignature', async () => {
    const res = await rawRequest(emu.current.port, { path: '/', headers: { 'x-acs-version': '2015-04-01', 'x-acs-action': 'GetCallerIdentity' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ Code: 'IncompleteSignature', HostId: 'sts.aliyuncs.com' });
    expect(res.json?.RequestId).toMatch(RPC_REQUEST_ID);
  });

  test('rejects a body that does not match x-acs-content-sha256 (signed correctly over the declared empty-body hash)', async () => {
    const request = { ...rootCredentials(emu.current), headers: { 'x-acs-version': '2015-04-01', 'x-acs-action': 'GetCallerIdentity' } };
    // The same signed request with the body it declares passes: only the body differs below.
    expect((await sendAcs3(emu.current.port, request)).status).toBe(200);
    const res = await sendAcs3(emu.current.port, { ...request, body: 'tampered', signedBody: '' });
    expect(res.status).toBe(400);
    expect(res.json?.Code).toBe('SignatureDoesNotMatch');
  });
});

describe('temporary keys', () => {
  test('accepts a temporary key with its token', async () => {
    const creds = temporaryKey(Date.now() + 3_600_000);
    const res = await stsClient(emu.current, creds).getCallerIdentity();
    expect(res.body?.identityType).toBe('AssumedRoleUser');
  });

  test('rejects a temporary key sent without its token: 400 MissingSecurityToken', async () => {
    const { securityToken: _omitted, ...withoutToken } = temporaryKey(Date.now() + 3_600_000);
    const err = await captureError(stsClient(emu.current, withoutToken).getCallerIdentity());
    expect(err).toMatchObject({ name: 'ClientError', code: 'MissingSecurityToken', statusCode: 400 });
  });

  test('rejects a tampered token: 400 InvalidSecurityToken.MismatchWithAccessKey', async () => {
    const creds = temporaryKey(Date.now() + 3_600_000);
    const err = await captureError(stsClient(emu.current, { ...creds, securityToken: `${creds.securityToken}x` }).getCallerIdentity());
    expect(err).toMatchObject({ code: 'InvalidSecurityToken.MismatchWithAccessKey', statusCode: 400 });
    expect(err.requestId).toMatch(RPC_REQUEST_ID);
  });

  test('rejects a token sent with a permanent key: 400 InvalidSecurityToken.Malformed', async () => {
    const err = await captureError(stsClient(emu.current, { ...rootCredentials(emu.current), securityToken: 'CAISbogus' }).getCallerIdentity());
    expect(err).toMatchObject({ code: 'InvalidSecurityToken.Malformed', statusCode: 400 });
  });

  test('rejects an expired temporary key: 400 InvalidSecurityToken.Expired', async () => {
    const creds = temporaryKey(Date.now() - 1);
    const err = await captureError(stsClient(emu.current, creds).getCallerIdentity());
    expect(err).toMatchObject({ name: 'ClientError', code: 'InvalidSecurityToken.Expired', statusCode: 400 });
  });
});

describe('routing', () => {
  test('an unknown RPC action fails loudly with 404 InvalidAction.NotFound', async () => {
    const res = await rawRequest(emu.current.port, { path: '/', headers: { 'x-acs-version': '2015-04-01', 'x-acs-action': 'AssumeRoleWithMagic' } });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ Code: 'InvalidAction.NotFound', Message: 'Specified api is not found, please check your url and method.' });
    expect(emu.current.requests.count({ product: 'sts', action: 'AssumeRoleWithMagic', status: 404 })).toBe(1);
  });

  test('an unknown API version fails with 400 InvalidVersion', async () => {
    const res = await rawRequest(emu.current.port, { path: '/', headers: { 'x-acs-version': '1999-01-01', 'x-acs-action': 'Anything' } });
    expect(res.status).toBe(400);
    expect(res.json?.Code).toBe('InvalidVersion');
    expect(emu.current.requests.count({ product: 'unknown' })).toBe(1);
  });

  test('an FC path no route serves answers 400 PathNotSupported with an FC request id', async () => {
    const res = await rawRequest(emu.current.port, { method: 'GET', path: '/2023-03-30/no-such-api' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ Code: 'PathNotSupported', Message: "'GET' against '/2023-03-30/no-such-api' is not supported" });
    expect(res.headers['x-fc-request-id']).toBe(res.json?.RequestId);
  });
});

describe('request log', () => {
  test('records successes, auth failures (without a caller) and their codes', async () => {
    await stsClient(emu.current).getCallerIdentity();
    await stsClient(emu.current, userCredentials(emu.current, 'dev')).getCallerIdentity();
    await captureError(stsClient(emu.current, { accessKeyId: 'LTAINoSuchKey', accessKeySecret: 'x' }).getCallerIdentity());

    const log = emu.current.requests;
    expect(log.count({ product: 'sts', action: 'GetCallerIdentity' })).toBe(3);
    expect(log.count({ caller: `acs:ram::${ACCOUNT}:root` })).toBe(1);
    expect(log.count({ caller: `acs:ram::${ACCOUNT}:user/dev`, status: 200 })).toBe(1);
    expect(log.list({ failed: true })).toEqual([
      expect.objectContaining({ code: 'InvalidAccessKeyId.NotFound', status: 404, caller: undefined, accountId: undefined }),
    ]);
    expect(log.writes()).toHaveLength(0);
    expect(log.records.map((r) => r.seq)).toEqual([1, 2, 3]);
  });
});

describe('faults', () => {
  test('throttling surfaces as the SDK ThrottlingError with Throttling.User', async () => {
    emu.current.faults.add({ product: 'sts', action: 'GetCallerIdentity', error: 'Throttling' });
    const err = await captureError(stsClient(emu.current).getCallerIdentity());
    expect(err).toMatchObject({ name: 'ThrottlingError', code: 'Throttling.User', statusCode: 400 });
    expect(emu.current.requests.list({ status: 400 })[0]).toMatchObject({ code: 'Throttling.User', caller: undefined });
  });

  test('ServiceUnavailable and InternalError surface as ServerError', async () => {
    emu.current.faults.add({ error: 'ServiceUnavailable', times: 1 });
    emu.current.faults.add({ error: 'InternalError', times: 1 });
    const first = await captureError(stsClient(emu.current).getCallerIdentity());
    const second = await captureError(stsClient(emu.current).getCallerIdentity());
    expect(first).toMatchObject({ name: 'ServerError', code: 'ServiceUnavailable', statusCode: 503 });
    expect(second).toMatchObject({ name: 'ServerError', code: 'InternalError', statusCode: 500 });
    await expect(stsClient(emu.current).getCallerIdentity()).resolves.toMatchObject({ statusCode: 200 });
  });

  test('drop destroys the connection without a response', async () => {
    emu.current.faults.add({ product: 'sts', error: 'drop', times: 1 });
    const err = await captureError(stsClient(emu.current).getCallerIdentity());
    expect(err.name).not.toMatch(/ClientError|ServerError|ThrottlingError/);
    expect(err.message).toMatch(/socket hang up|ECONNRESET/);
    expect(emu.current.requests.list({ status: 0 })).toEqual([expect.objectContaining({ code: 'drop', action: 'GetCallerIdentity' })]);
    await expect(stsClient(emu.current).getCallerIdentity()).resolves.toMatchObject({ statusCode: 200 });
  });

  test('latency is waited out before the request is handled', async () => {
    const waited: number[] = [];
    emu.current.faults.sleep = async (ms) => {
      waited.push(ms);
    };
    emu.current.faults.add({ product: 'sts', latencyMs: 250 });
    emu.current.faults.add({ product: 'ram', latencyMs: 999 });
    await stsClient(emu.current).getCallerIdentity();
    expect(waited).toEqual([250]);
  });

  test('a rate draws from a seeded PRNG: the same requests meet the same faults after reset', async () => {
    const run = async (): Promise<boolean[]> => {
      emu.current.faults.add({ error: 'Throttling', rate: 0.5 });
      const outcomes: boolean[] = [];
      for (let i = 0; i < 12; i++) {
        outcomes.push(await stsClient(emu.current).getCallerIdentity().then(() => true, () => false));
      }
      return outcomes;
    };
    const first = await run();
    emu.current.reset();
    const second = await run();
    expect(second).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });

  test('invalid rates are refused', () => {
    expect(() => emu.current.faults.add({ rate: 2 })).toThrow(/rate/);
  });
});

describe('reset', () => {
  test('restores the seed: same keys, no temporary keys, no faults, empty log', async () => {
    const before = JSON.stringify(emu.current.accounts);
    const creds = temporaryKey(Date.now() + 3_600_000);
    emu.current.faults.add({ error: 'Throttling' });
    emu.current.faults.setPropagationDelay(5000);
    await captureError(stsClient(emu.current).getCallerIdentity());

    emu.current.reset();

    expect(JSON.stringify(emu.current.accounts)).toBe(before);
    expect(emu.current.requests.records).toHaveLength(0);
    expect(emu.current.faults.active).toHaveLength(0);
    expect(emu.current.faults.propagationDelayMs).toBe(0);
    expect(emu.current.state.credentials.find(creds.accessKeyId)).toBeUndefined();
    await expect(stsClient(emu.current).getCallerIdentity()).resolves.toMatchObject({ statusCode: 200 });
    expect(emu.current.state.getAccount(ACCOUNT).rm.listResourceGroups()).toHaveLength(2);
  });
});

test('ApiError carries status, code and extra fields', () => {
  const err = new ApiError(403, 'NoPermission', 'no', { AccessDeniedDetail: { AuthAction: 'x' } });
  expect(err).toMatchObject({ status: 403, code: 'NoPermission', extra: { AccessDeniedDetail: { AuthAction: 'x' } } });
});
