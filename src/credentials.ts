/**
 * Where the component's AccessKey comes from: the `s` access (inputs.getCredential()), else the
 * standard ALIBABA_CLOUD_* environment variables. Secrets never reach a log: use `describeCredentials`
 * and `redact` when printing anything that may hold them.
 */
import { Fc3RoleError } from './errors';
import type { CloudEndpoint } from './cloud/clients';
import { getCallerIdentity } from './cloud/sts';

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** As configured; may be missing or malformed (see `ensureAccountId`). */
  accountId?: string;
}

export interface CredentialInputs {
  getCredential?: () => Promise<unknown>;
  /**
   * The access the user named: `-a/--access <alias>`, or s.yaml's `access` when it is not `default`.
   * A named access that cannot be read is an error; only `s`'s default access falls back to the environment.
   */
  namedAccess?: string;
}

/** Real Alibaba Cloud account UIDs are 16 digits; anything else is resolved through STS. */
// Choice: an AccountID is trusted only when it is exactly 16 digits; anything else (e.g. `123` in tests) costs one STS GetCallerIdentity.
export const ACCOUNT_ID_PATTERN = /^\d{16}$/;

const HOW_TO_ADD =
  'add an access with `s config add --AccessKeyID <id> --AccessKeySecret <secret> --AccountID <uid> -a default` ' +
  '(and pick it with `-a <alias>`), or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
  '(plus ALIBABA_CLOUD_SECURITY_TOKEN for STS keys).';

function nonEmptyString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Narrows what `s` returns (`{AccessKeyID, AccessKeySecret, SecurityToken?, AccountID?}`); undefined without a key pair. */
export function parseSCredential(raw: unknown): Credentials | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const accessKeyId = nonEmptyString(r.AccessKeyID);
  const accessKeySecret = nonEmptyString(r.AccessKeySecret);
  if (!accessKeyId || !accessKeySecret) return undefined;
  const securityToken = nonEmptyString(r.SecurityToken);
  const accountId = nonEmptyString(r.AccountID);
  return {
    accessKeyId,
    accessKeySecret,
    ...(securityToken ? { securityToken } : {}),
    ...(accountId ? { accountId } : {}),
  };
}

/** The ALIBABA_CLOUD_* variables; undefined unless both the id and the secret are set. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const accessKeyId = nonEmptyString(env.ALIBABA_CLOUD_ACCESS_KEY_ID);
  const accessKeySecret = nonEmptyString(env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  if (!accessKeyId || !accessKeySecret) return undefined;
  const securityToken = nonEmptyString(env.ALIBABA_CLOUD_SECURITY_TOKEN);
  return { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) };
}

export interface ResolvedCredentials {
  credentials: Credentials;
  /** Where they came from, for people (never the secret), e.g. "the s access `prod`". */
  source: string;
}

const ENV_SOURCE = 'the environment (ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET)';

function sErrorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The named access, or an error saying why it cannot be used (never the environment instead). */
async function readNamedAccess(inputs: CredentialInputs, alias: string): Promise<ResolvedCredentials> {
  const hint =
    `add it with \`s config add --AccessKeyID <id> --AccessKeySecret <secret> --AccountID <uid> -a ${alias}\`, or name another access with -a <alias>. ` +
    'fc3-role does not fall back to ALIBABA_CLOUD_* when an access is named, so that a deploy never runs with keys you did not pick.';
  let raw: unknown;
  try {
    if (!inputs.getCredential) throw new Error('s passed no getCredential()');
    raw = await inputs.getCredential();
  } catch (e) {
    throw new Fc3RoleError('CredentialsNotFound', `Reading the s access \`${alias}\` failed: ${sErrorText(e)}`, { hint, cause: e });
  }
  const credentials = parseSCredential(raw);
  if (!credentials) {
    throw new Fc3RoleError('CredentialsNotFound', `Reading the s access \`${alias}\` failed: it has no AccessKeyID and AccessKeySecret`, { hint });
  }
  return { credentials, source: `the s access \`${alias}\`` };
}

/**
 * A named access (see CredentialInputs.namedAccess) must be readable. Otherwise `s`'s default access
 * wins; when `s` has none (getCredential rejects, e.g. "Not found access: …", or returns no key pair)
 * the environment is used. Neither -> Fc3RoleError `CredentialsNotFound`.
 */
export async function resolveCredentialSource(inputs: CredentialInputs, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedCredentials> {
  if (inputs.namedAccess !== undefined) return readNamedAccess(inputs, inputs.namedAccess);
  let sError: unknown;
  // Choice: with no access named, every getCredential failure (not only "Not found access") falls back to the environment; the s error is shown with the source.
  if (inputs.getCredential) {
    try {
      const fromS = parseSCredential(await inputs.getCredential());
      if (fromS) return { credentials: fromS, source: 'the default s access' };
    } catch (e) {
      sError = e;
    }
  }
  const fromEnv = credentialsFromEnv(env);
  if (fromEnv) return { credentials: fromEnv, source: `${ENV_SOURCE}${sError !== undefined ? ` (s: ${sErrorText(sError)})` : ''}` };
  throw new Fc3RoleError('CredentialsNotFound', 'Resolving credentials failed for the Alibaba Cloud access: none found', {
    hint: HOW_TO_ADD,
    cause: sError,
  });
}

/** resolveCredentialSource without the source. */
export async function resolveCredentials(inputs: CredentialInputs, env: NodeJS.ProcessEnv = process.env): Promise<Credentials> {
  return (await resolveCredentialSource(inputs, env)).credentials;
}

/** True when the configured account id looks like a real UID (else resolve it with STS GetCallerIdentity). */
export function hasValidAccountId(creds: Credentials): creds is Credentials & { accountId: string } {
  return creds.accountId !== undefined && ACCOUNT_ID_PATTERN.test(creds.accountId);
}

/** Safe to log: the AccessKeyId's first 6 characters, and whether a token is present. */
export function describeCredentials(creds: Credentials): string {
  const prefix = creds.accessKeyId.slice(0, Math.min(6, Math.max(0, creds.accessKeyId.length - 4)));
  const token = creds.securityToken ? ', STS token' : '';
  const account = creds.accountId ? `, account ${creds.accountId}` : '';
  return `AccessKeyId ${prefix}***${token}${account}`;
}

/** Replaces the secret, the token and the full AccessKeyId with `***` wherever they occur in `text`. */
export function redact(text: string, creds: Credentials): string {
  const secrets = [creds.accessKeySecret, creds.securityToken, creds.accessKeyId]
    .filter((s): s is string => typeof s === 'string' && s.length >= 4)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

/**
 * The account id to use: the configured one when it looks like a real UID, else the one STS
 * GetCallerIdentity reports for these credentials.
 */
export async function ensureAccountId(ctx: { credentials: Credentials; endpoint?: CloudEndpoint }): Promise<string> {
  if (hasValidAccountId(ctx.credentials)) return ctx.credentials.accountId;
  const identity = await getCallerIdentity({ ...ctx, accountId: ctx.credentials.accountId ?? '' });
  if (identity.accountId === '') {
    throw new Fc3RoleError('CloudError', 'GetCallerIdentity failed for the current credentials: no AccountId in the answer');
  }
  return identity.accountId;
}
