/** props.policies -> DesiredPolicy[], with the semantic checks on each item and across items. */
import type { DesiredPolicy, PolicyDocument, Scope } from '../model';
import { attachmentKey } from '../plan/identity';
import type { CheckContext } from './context';
import { resolveDocument } from './documents';
import { isRecord } from './text';

const DOCUMENT_KEYS = ['statements', 'statement', 'document'] as const;
type DocumentKey = (typeof DOCUMENT_KEYS)[number];

function documentOf(item: Record<string, unknown>, path: string, key: DocumentKey, ctx: CheckContext): PolicyDocument | undefined {
  if (ctx.schemaFlagged(path)) return undefined;
  const value = item[key];
  if (key === 'document') return resolveDocument(value, `${path}.document`, 'permission', ctx);
  // A statement list is the Statement of a Version "1" document; map `Statement[k]` back to `statements[k]`.
  return resolveDocument({ Version: '1', Statement: value }, `${path}.${key}`, 'permission', ctx, (inner) =>
    inner.startsWith('Statement') ? `${path}.${key}${inner.slice('Statement'.length)}` : `${path}.${key}`,
  );
}

function resolveItem(raw: unknown, path: string, ctx: CheckContext): DesiredPolicy | undefined {
  if (typeof raw === 'string') return { type: 'System', name: raw, scope: { kind: 'account' } };
  if (!isRecord(raw) || typeof raw.name !== 'string') return undefined;
  const given = DOCUMENT_KEYS.filter((k) => raw[k] !== undefined);
  if (given.length > 1) {
    ctx.add(`${path}.${given[1]}`, `cannot be used together with ${given[0]}; keep one of them`, `${given[0]}: [...]`);
  }
  const managed = given.length > 0;
  const type = raw.type === 'System' || raw.type === 'Custom' ? raw.type : managed ? 'Custom' : 'System';
  if (type === 'System' && managed) {
    ctx.add(`${path}.type`, `is System, but a system policy has no ${given[0]}; use type: Custom to define a policy here`, 'Custom');
  }
  if (raw.description !== undefined && !managed) {
    ctx.add(`${path}.description`, 'only applies to a custom policy defined here (with statements or document)', `{ name: ${raw.name}, description: ..., statements: [...] }`);
  }
  // Choice: custom policies this component creates may not start with "Aliyun": system policies own that prefix.
  if (managed && /^aliyun/i.test(raw.name)) {
    ctx.add(`${path}.name`, `must not start with "Aliyun", which system policies use (got "${raw.name}")`, 'my-oss-writer');
  }
  const scope: Scope =
    typeof raw.resourceGroupId === 'string' ? { kind: 'resourceGroup', resourceGroupId: raw.resourceGroupId } : { kind: 'account' };
  const policy: DesiredPolicy = { type, name: raw.name, scope };
  if (managed && type === 'Custom' && given.length === 1) {
    policy.document = documentOf(raw, path, given[0], ctx);
    // An undeclared description is left unmanaged: RAM cannot clear one (NewDescription is 1 to 1,024 characters).
    if (typeof raw.description === 'string') policy.description = raw.description;
  }
  return policy;
}

export function resolvePolicies(raw: unknown, ctx: CheckContext): DesiredPolicy[] {
  if (raw === undefined || !Array.isArray(raw)) return [];
  const seen = new Map<string, string>();
  const definedAt = new Map<string, string>();
  const out: DesiredPolicy[] = [];
  raw.forEach((item: unknown, i: number) => {
    const path = `props.policies[${i}]`;
    const policy = resolveItem(item, path, ctx);
    if (!policy) return;
    // Choice: duplicates compare names case-insensitively for custom policies too (same as system ones).
    const identity = attachmentKey(policy.type, policy.name, policy.scope);
    const first = seen.get(identity);
    if (first) {
      ctx.add(path, `repeats ${first}: the same ${policy.type} policy "${policy.name}" at the same scope`, 'another policy, or a resourceGroupId');
    } else seen.set(identity, path);
    if (policy.document) {
      const name = policy.name.toLowerCase();
      const firstDefinition = definedAt.get(name);
      // Choice: a custom policy is defined (with statements/document) once; other scopes reference it with type: Custom.
      if (firstDefinition && !first) {
        ctx.add(path, `defines custom policy "${policy.name}" again (first at ${firstDefinition}); define it once`, `{ name: ${policy.name}, type: Custom, resourceGroupId: rg-acfmxyz123 }`);
      } else definedAt.set(name, path);
    }
    out.push(policy);
  });
  return out;
}
