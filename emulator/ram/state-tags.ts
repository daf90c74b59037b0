/** Tags on RAM roles and policies: at most 20 per resource; setting an existing key replaces its value. */
import { ramErrors } from './errors';
import { LIMITS, type Tag } from './validate';

export type TaggableType = 'role' | 'policy';

export interface TagFilter {
  key: string;
  value?: string;
}

function resourceKey(type: TaggableType, name: string): string {
  return `${type}:${name.toLowerCase()}`;
}

export class TagStore {
  private readonly byResource = new Map<string, Map<string, string>>();

  list(type: TaggableType, name: string): Tag[] {
    return [...(this.byResource.get(resourceKey(type, name)) ?? new Map<string, string>())].map(([key, value]) => ({ key, value }));
  }

  /** Validates the resulting count before changing anything. */
  checkRoom(type: TaggableType, name: string, tags: Tag[]): void {
    const current = this.byResource.get(resourceKey(type, name)) ?? new Map<string, string>();
    const added = new Set(tags.map((t) => t.key).filter((key) => !current.has(key)));
    if (current.size + added.size > LIMITS.tagsPerResource) throw ramErrors.tagLimit(name);
  }

  set(type: TaggableType, name: string, tags: Tag[]): void {
    this.checkRoom(type, name, tags);
    const key = resourceKey(type, name);
    const current = this.byResource.get(key) ?? new Map<string, string>();
    for (const tag of tags) current.set(tag.key, tag.value);
    this.byResource.set(key, current);
  }

  /** Removes the given keys, or every tag when `keys` is 'all'. */
  remove(type: TaggableType, name: string, keys: string[] | 'all'): void {
    const key = resourceKey(type, name);
    if (keys === 'all') {
      this.byResource.delete(key);
      return;
    }
    const current = this.byResource.get(key);
    for (const tagKey of keys) current?.delete(tagKey);
  }

  /** True when the resource carries every one of `filter` (the key, and the value when one is given). */
  matches(type: TaggableType, name: string, filter: TagFilter[]): boolean {
    const current = this.byResource.get(resourceKey(type, name));
    return filter.every((t) => (t.value === undefined ? current?.has(t.key) === true : current?.get(t.key) === t.value));
  }
}
