/**
 * The system-policy catalog: Alibaba-managed policies (PolicyType System), loaded from
 * emulator/data/system-policies.json. Names are looked up case-insensitively, as real RAM does
 * (`AliyunOssFullAccess` resolves to `AliyunOSSFullAccess`); answers carry the catalog's casing.
 */
import rawCatalog from '../data/system-policies.json';

export interface SystemPolicy {
  /** Catalog casing, e.g. AliyunOSSFullAccess. */
  name: string;
  description: string;
  /** The policy document as JSON text (the catalog object, serialized compactly). */
  document: string;
  /** Where the document came from, and how faithful it is ('verbatim' | 'reconstructed' | …). */
  source: string;
  confidence: string;
}

// Choice: every system policy reports CreateDate/UpdateDate 2015-01-23T12:33:18Z and a single default version v1.
export const SYSTEM_POLICY_DATE = '2015-01-23T12:33:18Z';
export const SYSTEM_POLICY_VERSION = 'v1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseCatalog(raw: unknown): Map<string, SystemPolicy> {
  if (!isRecord(raw)) throw new Error('emulator: system-policies.json must be an object of policies');
  const byLowerName = new Map<string, SystemPolicy>();
  for (const [name, entry] of Object.entries(raw)) {
    if (!isRecord(entry) || !isRecord(entry.document)) {
      throw new Error(`emulator: system policy ${name} has no document object`);
    }
    byLowerName.set(name.toLowerCase(), {
      name,
      description: typeof entry.description === 'string' ? entry.description : '',
      // Choice: system policy documents are returned as compact JSON of the catalog object (real RAM pretty-prints; callers must compare parsed JSON).
      document: JSON.stringify(entry.document),
      source: typeof entry.source === 'string' ? entry.source : '',
      confidence: typeof entry.confidence === 'string' ? entry.confidence : 'unknown',
    });
  }
  return byLowerName;
}

const catalog = parseCatalog(rawCatalog as unknown);

/** Case-insensitive. */
export function findSystemPolicy(name: string): SystemPolicy | undefined {
  return catalog.get(name.toLowerCase());
}

/** Every system policy, in catalog order. */
export function listSystemPolicies(): SystemPolicy[] {
  return [...catalog.values()];
}
