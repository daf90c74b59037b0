/**
 * The policies a role holds, with their documents and scope: as `s deploy` would leave it (planned), or as
 * the cloud has it now (current). Documents come from s.yaml for the custom policies it defines, from RAM for
 * the others (system policies: GetPolicy with the default version, read once per run).
 */
import { mapWithConcurrency } from '../cloud/concurrency';
import type { CloudContext } from '../cloud/clients';
import { findPolicy } from '../cloud/ram-policy';
import { findRole, getAccountAlias, listPoliciesForRole } from '../cloud/ram-role';
import { listPolicyAttachments, rolePrincipalName } from '../cloud/rm';
import { findSystemPolicy } from '../cloud/system-policies';
import type { DesiredState, ObservedState, PolicyDocument, Scope } from '../model';
import { parsePolicyDocument } from '../policy';
import type { HeldPolicy } from '../policy/evaluate';
import { attachmentKey, scopeLabel } from '../plan/identity';
import { findObservedPolicy } from '../plan/policies';

/** How many documents are read at once. */
const READ_CONCURRENCY = 8;

export interface Attachment {
  type: 'System' | 'Custom';
  name: string;
  scope: Scope;
  /** Known without reading RAM (a custom policy s.yaml defines, or one observe read). */
  document?: PolicyDocument;
}

export interface UnreadablePolicy {
  type: 'System' | 'Custom';
  name: string;
  scope: Scope;
  reason: string;
}

export interface RoleGrants {
  policies: HeldPolicy[];
  /** Attachments whose document could not be had: their permissions are not counted. */
  unreadable: UnreadablePolicy[];
}

/** `AliyunOSSReadOnlyAccess (System, account scope)`. */
export function describeAttachment(a: Pick<Attachment, 'type' | 'name' | 'scope'>): string {
  return `${a.name} (${a.type}, ${scopeLabel(a.scope)})`;
}

async function documentOf(ctx: CloudContext, a: Attachment): Promise<PolicyDocument | string> {
  if (a.document) return a.document;
  const policy = a.type === 'System' ? await findSystemPolicy(ctx, a.name) : await findPolicy(ctx, 'Custom', a.name);
  if (!policy) return `RAM has no ${a.type.toLowerCase()} policy named ${a.name}`;
  const parsed = parsePolicyDocument(policy.documentText, { kind: 'permission' });
  return parsed.document ?? `its document does not parse (${parsed.problems.join('; ')})`;
}

/** Reads the documents of `attachments` (each name once); the unreadable ones are listed, not thrown. */
export async function readGrants(ctx: CloudContext, attachments: readonly Attachment[]): Promise<RoleGrants> {
  const reads = new Map<string, Promise<PolicyDocument | string>>();
  const documents = await mapWithConcurrency(attachments, READ_CONCURRENCY, (a) => {
    if (a.document) return Promise.resolve(a.document);
    const key = `${a.type}:${a.name.toLowerCase()}`;
    const read = reads.get(key) ?? documentOf(ctx, a);
    reads.set(key, read);
    return read;
  });
  const out: RoleGrants = { policies: [], unreadable: [] };
  attachments.forEach((a, i) => {
    const document = documents[i];
    if (typeof document === 'string') out.unreadable.push({ type: a.type, name: a.name, scope: a.scope, reason: document });
    else out.policies.push({ type: a.type, name: a.name, scope: a.scope, document });
  });
  return out;
}

/**
 * What the role holds once `s deploy` ran: the declared policies, plus the attachments someone else made
 * (deploy never detaches those). Attachments fc3-role made and s.yaml no longer declares are gone.
 */
export function plannedAttachments(desired: DesiredState, observed: ObservedState): Attachment[] {
  const out = new Map<string, Attachment>();
  // A custom policy defined once in s.yaml may be attached again elsewhere with `type: Custom` (no document there).
  const defined = new Map(desired.policies.filter((p) => p.document).map((p) => [p.name.toLowerCase(), p.document]));
  const customDocument = (name: string): PolicyDocument | undefined => defined.get(name.toLowerCase()) ?? findObservedPolicy(observed, name)?.document;
  for (const p of desired.policies) {
    const name = p.type === 'System' ? observed.systemPolicies[p.name.toLowerCase()] ?? p.name : p.name;
    const document = p.type === 'Custom' ? customDocument(p.name) : undefined;
    out.set(attachmentKey(p.type, p.name, p.scope), { type: p.type, name, scope: p.scope, ...(document ? { document } : {}) });
  }
  for (const a of observed.attachments) {
    const key = attachmentKey(a.type, a.name, a.scope);
    if (a.attachedByUs || out.has(key)) continue;
    const document = a.type === 'Custom' ? customDocument(a.name) : undefined;
    out.set(key, { type: a.type, name: a.name, scope: a.scope, ...(document ? { document } : {}) });
  }
  return [...out.values()];
}

export function plannedGrants(ctx: CloudContext, desired: DesiredState, observed: ObservedState): Promise<RoleGrants> {
  return readGrants(ctx, plannedAttachments(desired, observed));
}

export interface CurrentGrants extends RoleGrants {
  /** Undefined when the role does not exist. */
  role?: { name: string; arn: string };
}

/** What the role holds now: account-scope attachments (RAM) and resource-group ones (Resource Manager, all groups). */
export async function currentGrants(ctx: CloudContext, roleName: string): Promise<CurrentGrants> {
  const role = await findRole(ctx, roleName);
  if (!role) return { policies: [], unreadable: [] };
  const [accountWide, alias] = await Promise.all([listPoliciesForRole(ctx, role.name), getAccountAlias(ctx)]);
  const inGroups = await listPolicyAttachments(ctx, rolePrincipalName(role.name, alias));
  const attachments = new Map<string, Attachment>();
  for (const a of accountWide) {
    attachments.set(attachmentKey(a.policyType, a.policyName, { kind: 'account' }), { type: a.policyType, name: a.policyName, scope: { kind: 'account' } });
  }
  for (const a of inGroups) {
    // Resource Manager lists account-scope grants too, with the account id as the group.
    const scope: Scope = a.resourceGroupId === ctx.accountId ? { kind: 'account' } : { kind: 'resourceGroup', resourceGroupId: a.resourceGroupId };
    const key = attachmentKey(a.policyType, a.policyName, scope);
    if (!attachments.has(key)) attachments.set(key, { type: a.policyType, name: a.policyName, scope });
  }
  const grants = await readGrants(ctx, [...attachments.values()]);
  return { ...grants, role: { name: role.name, arn: role.arn } };
}
