/**
 * Builds the CloudContext every wrapper takes: credentials, the resolved account id, the optional
 * endpoint override, and how retries report progress.
 */
import { ensureAccountId, type Credentials } from '../credentials';
import type { CloudContext, CloudEndpoint } from './clients';

export type CloudContextOptions = Omit<CloudContext, 'credentials' | 'accountId' | 'endpoint'> & { endpoint?: CloudEndpoint };

/** Resolves the account id (STS GetCallerIdentity when the configured one is missing or malformed). */
export async function createCloudContext(credentials: Credentials, opts: CloudContextOptions = {}): Promise<CloudContext> {
  const base = { credentials, ...opts };
  const accountId = await ensureAccountId(base);
  return { ...base, accountId };
}
