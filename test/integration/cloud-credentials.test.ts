import { isFc3RoleError } from '../../src/errors';
import { describeCredentials, ensureAccountId, redact, resolveCredentials, resolveCredentialSource, type Credentials } from '../../src/credentials';
import { namedAccessOf } from '../../src/commands/inputs';
import { resolveEndpoint } from '../../src/config';
import { createCloudContext } from '../../src/cloud/context';
import { useEmulator } from '../helpers/emulator';

const NO_ENV = {};

describe('resolveCredentials', () => {
  test('takes the s access as returned by getCredential', async () => {
    const creds = await resolveCredentials({
      getCredential: async () => ({ AccessKeyID: 'AKID', AccessKeySecret: 'SECRET', __provider: 'Alibaba Cloud', AccountID: '1234567890123456' }),
    }, NO_ENV);
    expect(creds).toEqual({ accessKeyId: 'AKID', accessKeySecret: 'SECRET', accountId: '1234567890123456' });
  });

  test('keeps the security token of an STS access', async () => {
    const creds = await resolveCredentials({
      getCredential: async () => ({ AccessKeyID: 'STS.AK', AccessKeySecret: 'S', SecurityToken: 'TOKEN', AccountID: '77' }),
    }, NO_ENV);
    expect(creds).toEqual({ accessKeyId: 'STS.AK', accessKeySecret: 'S', securityToken: 'TOKEN', accountId: '77' });
  });

  test('falls back to ALIBABA_CLOUD_* when s has no access', async () => {
    const creds = await resolveCredentials(
      { getCredential: () => Promise.reject(new Error('Not found access: undefined')) },
      { ALIBABA_CLOUD_ACCESS_KEY_ID: 'ENVAK', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'ENVSK', ALIBABA_CLOUD_SECURITY_TOKEN: 'ENVTOKEN' },
    );
    expect(creds).toEqual({ accessKeyId: 'ENVAK', accessKeySecret: 'ENVSK', securityToken: 'ENVTOKEN' });
  });

  test('falls back to the environment when getCredential returns no key pair', async () => {
    const creds = await resolveCredentials(
      { getCredential: async () => ({ AccountID: '1' }) },
      { ALIBABA_CLOUD_ACCESS_KEY_ID: 'ENVAK', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'ENVSK' },
    );
    expect(creds.accessKeyId).toBe('ENVAK');
  });

  test('with nothing at all, fails with CredentialsNotFound saying how to add an access', async () => {
    const e = await resolveCredentials({ getCredential: () => Promise.reject(new Error('Not found access: default')) }, NO_ENV).catch(
      (err: unknown) => err,
    );
    expect(isFc3RoleError(e, 'CredentialsNotFound')).toBe(true);
    expect((e as Error).message).toContain('s config add --AccessKeyID');
    expect((e as Error).message).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });
});

describe('a named access', () => {
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'ENVAK', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'ENVSK' };

  test('that s cannot read is an error naming it, never a fall-back to ALIBABA_CLOUD_*', async () => {
    const e = await resolveCredentials({ getCredential: () => Promise.reject(new Error('Not found access: prod')), namedAccess: 'prod' }, env).catch(
      (err: unknown) => err,
    );
    expect(isFc3RoleError(e, 'CredentialsNotFound')).toBe(true);
    expect((e as Error).message).toContain('Reading the s access `prod` failed: Not found access: prod');
    expect((e as Error).message).toContain('-a prod');
    expect((e as Error).message).not.toContain('ENVSK');
  });

  test('without a key pair is an error too', async () => {
    const e = await resolveCredentials({ getCredential: async () => ({ AccountID: '1' }), namedAccess: 'prod' }, env).catch((err: unknown) => err);
    expect(isFc3RoleError(e, 'CredentialsNotFound')).toBe(true);
    expect((e as Error).message).toContain('has no AccessKeyID and AccessKeySecret');
  });

  test('that s reads is used, and the source says which (never the secret)', async () => {
    const got = await resolveCredentialSource({ getCredential: async () => ({ AccessKeyID: 'AKPROD', AccessKeySecret: 'SKPROD' }), namedAccess: 'prod' }, env);
    expect(got).toEqual({ credentials: { accessKeyId: 'AKPROD', accessKeySecret: 'SKPROD' }, source: 'the s access `prod`' });
    const fallback = await resolveCredentialSource({ getCredential: () => Promise.reject(new Error('Not found access: default')) }, env);
    expect(fallback.source).toBe('the environment (ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET) (s: Not found access: default)');
    expect(fallback.source).not.toContain('ENVSK');
  });

  test.each([
    [['deploy', '-a', 'prod'], undefined, 'prod'],
    [['--access', 'prod', '-y'], 'prod', 'prod'],
    [['--access=stage'], undefined, 'stage'],
    [['-y'], 'prod', 'prod'],
    [['-y'], 'default', undefined],
    [['-y'], undefined, undefined],
    [['-a', 'default'], 'default', 'default'],
  ])('args %j with resource access %s name access %s', (args, access, named) => {
    expect(namedAccessOf({ args, access })).toBe(named);
  });
});

describe('secrets stay out of text', () => {
  const creds: Credentials = { accessKeyId: 'LTAI5tExampleKeyId', accessKeySecret: 'VerySecretValue123', securityToken: 'CAIS.token+x==' };

  test('describeCredentials shows only a prefix of the AccessKeyId', () => {
    const text = describeCredentials(creds);
    expect(text).toContain('LTAI5t');
    expect(text).not.toContain(creds.accessKeyId);
    expect(text).not.toContain(creds.accessKeySecret);
    expect(text).not.toContain('CAIS');
  });

  test('redact removes the secret, the token and the full key id', () => {
    const text = redact(`id=${creds.accessKeyId} secret=${creds.accessKeySecret} token=${creds.securityToken}`, creds);
    expect(text).toBe('id=*** secret=*** token=***');
  });
});

describe('ensureAccountId (through the emulator)', () => {
  const emu = useEmulator();

  test('keeps a well-formed AccountID without calling STS', async () => {
    const account = emu.current.accounts[0];
    const credentials = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, accountId: '1111222233334444' };
    const endpoint = resolveEndpoint(emu.current.endpoint);
    expect(await ensureAccountId({ credentials, endpoint })).toBe('1111222233334444');
    expect(emu.current.requests.count({ product: 'sts' })).toBe(0);
  });

  test.each([['missing', undefined], ['malformed', '123']])('resolves a %s AccountID with GetCallerIdentity', async (_label, accountId) => {
    const account = emu.current.accounts[0];
    const credentials = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, ...(accountId ? { accountId } : {}) };
    const ctx = await createCloudContext(credentials, { endpoint: resolveEndpoint(emu.current.endpoint) });
    expect(ctx.accountId).toBe(account.id);
    expect(emu.current.requests.count({ product: 'sts', action: 'GetCallerIdentity' })).toBe(1);
  });
});
