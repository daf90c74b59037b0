/** RAM tag actions on roles and custom policies: TagResources, UntagResources, ListTagResources. */
import type { RpcContext } from '../core/types';
import { openRam, paginate, ramResource, requirePermission } from './handlers-common';
import { ramErrors } from './errors';
import { boolParam, jsonStringListParam, maxItemsParam, optionalParam, requireParam, tagFilterParam, type Params } from './params';
import type { TaggableType } from './state-tags';
import { LIMITS, parseTags } from './validate';

type Result = Record<string, unknown>;

function resourceTypeParam(params: Params): TaggableType {
  const value = requireParam(params, 'ResourceType');
  if (value !== 'role' && value !== 'policy') throw ramErrors.invalidParam('ResourceType', `expected role or policy, got ${value}`);
  return value;
}

function resourceNamesParam(params: Params): string[] {
  const names = jsonStringListParam(params, 'ResourceNames');
  if (!names || names.length === 0) throw ramErrors.missingParam('ResourceNames');
  if (names.length > LIMITS.resourcesPerRequest) throw ramErrors.invalidParam('ResourceNames', `at most ${LIMITS.resourcesPerRequest} resources`);
  return names;
}

export function tagResources(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const type = resourceTypeParam(ctx.params);
  const names = resourceNamesParam(ctx.params);
  const tags = parseTags(requireParam(ctx.params, 'Tag'));
  requirePermission(ctx, call, 'TagResources', ramResource.everything());
  // All resources are checked (existence, room for the tags) before any is changed.
  const resolved = names.map((name) => call.ram.getTaggableName(type, name));
  for (const name of resolved) call.ram.tags.checkRoom(type, name, tags);
  for (const name of resolved) call.ram.tags.set(type, name, tags);
  return { RequestId: ctx.requestId };
}

export function untagResources(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const type = resourceTypeParam(ctx.params);
  const names = resourceNamesParam(ctx.params);
  const all = boolParam(ctx.params, 'All', false);
  const keys = jsonStringListParam(ctx.params, 'TagKeys');
  // Choice: UntagResources without TagKeys and without All=true is 400 MissingTagKeys.
  if (!all && (!keys || keys.length === 0)) throw ramErrors.missingParam('TagKeys');
  // "The keys of the tags. You can specify up to 20 tag keys." (UntagResources reference)
  if (keys && keys.length > LIMITS.tagsPerRequest) throw ramErrors.invalidParam('TagKeys', `at most ${LIMITS.tagsPerRequest} keys`);
  requirePermission(ctx, call, 'UntagResources', ramResource.everything());
  const resolved = names.map((name) => call.ram.getTaggableName(type, name));
  for (const name of resolved) call.ram.tags.remove(type, name, all ? 'all' : keys ?? []);
  return { RequestId: ctx.requestId };
}

interface TagRow {
  resourceName: string;
  key: string;
  value: string;
}

// Choice: ListTagResources skips ResourceNames that do not exist (no error); PageSize is 1..100, default 100.
export function listTagResources(ctx: RpcContext): Result {
  const call = openRam(ctx);
  const type = resourceTypeParam(ctx.params);
  const names = jsonStringListParam(ctx.params, 'ResourceNames');
  if (names && names.length > LIMITS.resourcesPerRequest) throw ramErrors.invalidParam('ResourceNames', `at most ${LIMITS.resourcesPerRequest} resources`);
  const filter = tagFilterParam(ctx.params);
  if (filter.length > LIMITS.tagsPerRequest) throw ramErrors.tag(`at most ${LIMITS.tagsPerRequest} tags`);
  const size = maxItemsParam(ctx.params, 'PageSize', 100, 100);
  requirePermission(ctx, call, 'ListTagResources', ramResource.everything());
  const all = type === 'role'
    ? call.ram.roles.list().map((r) => r.roleName)
    : call.ram.policies.listCustom().map((p) => p.policyName);
  const wanted = names ? new Set(names.map((n) => n.toLowerCase())) : undefined;
  const rows: TagRow[] = all
    .filter((name) => !wanted || wanted.has(name.toLowerCase()))
    .filter((name) => call.ram.tags.matches(type, name, filter))
    .flatMap((name) => call.ram.tags.list(type, name).map((t) => ({ resourceName: name, key: t.key, value: t.value })));
  const keyOf = (row: TagRow): string => `${row.resourceName.toLowerCase()}\u0000${row.key}`;
  rows.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const page = paginate(rows, keyOf, optionalParam(ctx.params, 'NextToken'), size, 'NextToken');
  return {
    RequestId: ctx.requestId,
    NextToken: page.next,
    TagResources: page.items.map((row) => ({
      ResourceName: row.resourceName,
      ResourceType: type,
      TagKey: row.key,
      TagValue: row.value,
    })),
  };
}
