/**
 * Tags on RAM roles and policies (TagResources / UntagResources / ListTagResources).
 */
import { callCloud, ensureWrite } from './call';
import { ramClient, type CloudContext } from './clients';
import { ramSdk } from './sdk';

export type TaggedResourceType = 'role' | 'policy';

/** All tags of one role or policy, paged through. */
export async function listTags(ctx: CloudContext, type: TaggedResourceType, name: string): Promise<Record<string, string>> {
  const sdk = ramSdk();
  const tags: Record<string, string> = {};
  let nextToken: string | undefined;
  do {
    const request = new sdk.ListTagResourcesRequest({
      resourceType: type,
      resourceNames: [name],
      pageSize: 100,
      ...(nextToken ? { nextToken } : {}),
    });
    const res = await callCloud(ctx, 'ListTagResources', `${type} ${name}`, () => ramClient(ctx).listTagResources(request));
    for (const t of res.body?.tagResources ?? []) {
      if (t.tagKey !== undefined) tags[t.tagKey] = t.tagValue ?? '';
    }
    nextToken = res.body?.nextToken || undefined;
  } while (nextToken);
  return tags;
}

export async function tagResource(ctx: CloudContext, type: TaggedResourceType, name: string, tags: Record<string, string>): Promise<void> {
  const entries = Object.entries(tags);
  if (entries.length === 0) return;
  const sdk = ramSdk();
  const request = new sdk.TagResourcesRequest({
    resourceType: type,
    resourceNames: [name],
    tag: entries.map(([key, value]) => new sdk.TagResourcesRequestTag({ key, value })),
  });
  await callCloud(ctx, 'TagResources', `${type} ${name}`, () => ramClient(ctx).tagResources(request));
}

/** UntagResources (idempotent); a role or policy that no longer exists (another run removed it) has no tags left: done. */
export async function untagResource(ctx: CloudContext, type: TaggedResourceType, name: string, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const sdk = ramSdk();
  const request = new sdk.UntagResourcesRequest({ resourceType: type, resourceNames: [name], tagKeys: keys });
  await ensureWrite(ctx, 'UntagResources', `${type} ${name}`, ['EntityNotExist.Role', 'EntityNotExist.Policy'], () => ramClient(ctx).untagResources(request));
}
