/** RAM policy actions: CreatePolicy, GetPolicy, UpdatePolicyDescription, DeletePolicy, ListPolicies. */
import type { RpcContext } from '../core/types';
import { listSystemPolicies } from '../iam/catalog';
import { openRam, paginate, ramResource, requirePermission } from './handlers-common';
import { boolParam, maxItemsParam, optionalParam, policyRefParams, requireParam, tagFilterParam } from './params';
import { defaultDocument, policySummaryWire, tagsWire, versionWire } from './serialize';
import type { PolicyView } from './state';
import { ramErrors } from './errors';
import { parseTags } from './validate';

type Result = Record<string, unknown>;

export function createPolicy(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const policyName = requireParam(ctx.params, 'PolicyName');
  const document = requireParam(ctx.params, 'PolicyDocument');
  requirePermission(ctx, call, 'CreatePolicy', ramResource.policy(call.account.id, policyName));
  const tags = ctx.params.Tag ? parseTags(ctx.params.Tag) : [];
  call.ram.createPolicy(policyName, document, optionalParam(ctx.params, 'Description'), call.now, tags);
  const policy = call.ram.policies.get({ type: 'Custom', name: policyName });
  return { RequestId: ctx.requestId, Policy: { ...policySummaryWire(policy), CreateDate: policy.createDate } };
}

export function getPolicy(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const ref = policyRefParams(ctx.params);
  requirePermission(ctx, call, 'GetPolicy', ramResource.policy(call.account.id, ref.name));
  const policy = call.ram.policies.get(ref);
  const defaultVersion = policy.versions.find((v) => v.versionId === policy.defaultVersion);
  return {
    RequestId: ctx.requestId,
    Policy: {
      ...policySummaryWire(policy),
      AttachmentCount: call.ram.attachmentCount({ type: policy.policyType, name: policy.policyName }),
      CreateDate: policy.createDate,
      PolicyDocument: defaultDocument(policy),
      UpdateDate: policy.updateDate,
    },
    DefaultPolicyVersion: defaultVersion ? versionWire(defaultVersion, policy.defaultVersion) : {},
  };
}

export function updatePolicyDescription(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const policyName = requireParam(ctx.params, 'PolicyName');
  // "The description must be 1 to 1,024 characters in length." (UpdatePolicyDescription reference): a description cannot be cleared.
  // Choice: an absent or empty NewDescription is 400 MissingNewDescription (the gateway's code for a required parameter); over 1,024 characters is 400 InvalidParameter.NewDescription.Length.
  const newDescription = requireParam(ctx.params, 'NewDescription');
  requirePermission(ctx, call, 'UpdatePolicyDescription', ramResource.policy(call.account.id, policyName));
  const policy = call.ram.policies.updateDescription(policyName, newDescription, call.now);
  const view = call.ram.policies.get({ type: 'Custom', name: policy.policyName });
  return { RequestId: ctx.requestId, Policy: { ...policySummaryWire(view), CreateDate: view.createDate, UpdateDate: view.updateDate } };
}

export function deletePolicy(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const policyName = requireParam(ctx.params, 'PolicyName');
  requirePermission(ctx, call, 'DeletePolicy', ramResource.policy(call.account.id, policyName));
  // Resource-group grants of the policy (made through Resource Manager) block the delete like RAM's own.
  const rmGrants = call.account.rm.listAttachments({ policyType: 'Custom', policyName });
  const count = (type: string): number => rmGrants.filter((a) => a.principalType === type).length;
  const otherScopeGrants = { roles: count('ServiceRole'), users: count('IMSUser'), groups: count('IMSGroup') };
  call.ram.deletePolicy(policyName, boolParam(ctx.params, 'CascadingDelete', false), otherScopeGrants);
  return { RequestId: ctx.requestId };
}

function policyListKey(policy: PolicyView): string {
  return `${policy.policyType}:${policy.policyName.toLowerCase()}`;
}

// Choice: ListPolicies orders Custom policies before System ones, each by lower-cased name.
export function listPolicies(ctx: RpcContext): Result {
  const call = openRam(ctx);
  requirePermission(ctx, call, 'ListPolicies', ramResource.allPolicies(call.account.id));
  const type = optionalParam(ctx.params, 'PolicyType');
  if (type !== undefined && type !== '' && type !== 'System' && type !== 'Custom') throw ramErrors.policyType(type);
  const filter = tagFilterParam(ctx.params);
  const size = maxItemsParam(ctx.params);
  const all: PolicyView[] = [
    ...call.ram.policies.listCustom().map((p) => call.ram.policies.get({ type: 'Custom', name: p.policyName })),
    ...listSystemPolicies().map((p) => call.ram.policies.get({ type: 'System', name: p.name })),
  ];
  const selected = all
    .filter((p) => !type || p.policyType === type)
    .filter((p) => filter.length === 0 || (p.policyType === 'Custom' && call.ram.tags.matches('policy', p.policyName, filter)))
    .sort((a, b) => (policyListKey(a) < policyListKey(b) ? -1 : policyListKey(a) > policyListKey(b) ? 1 : 0));
  const page = paginate(selected, policyListKey, optionalParam(ctx.params, 'Marker'), size);
  return {
    RequestId: ctx.requestId,
    IsTruncated: page.isTruncated,
    Marker: page.next,
    Policies: {
      Policy: page.items.map((p) => ({
        ...policySummaryWire(p),
        AttachmentCount: call.ram.attachmentCount({ type: p.policyType, name: p.policyName }),
        CreateDate: p.createDate,
        UpdateDate: p.updateDate,
        Tags: tagsWire(p.policyType === 'Custom' ? call.ram.tags.list('policy', p.policyName) : []),
      })),
    },
  };
}
