/** How many tags a role carries once a plan is applied: RAM allows 20 on one role. */
import type { Change, ObservedState } from '../model';
import { FUNCTION_RECORD_TAG_KEY } from '../cloud/function-record';
import { attachmentTagKey, CREATED_TAG_KEY } from '../cloud/ownership';

/** RAM allows this many tags on one role. */
export const MAX_ROLE_TAGS = 20;

export interface RoleTagCount {
  /** Tags on the role now (a new role: the `fc3-role:created` tag it is created with). */
  existing: number;
  /** Ownership marks the plan adds (one per new attachment). */
  added: number;
  /** Ownership marks the plan removes (detaches and forgotten marks). */
  removed: number;
  /** Marks kept on purpose: custom policies fc3-role created that s.yaml dropped (`s remove` finds them by these). */
  kept: number;
  after: number;
}

/** How many tags the role carries once `changes` are applied (pure). */
export function countRoleTagsAfter(observed: ObservedState, changes: readonly Change[]): RoleTagCount {
  const tags = new Set(Object.keys(observed.role?.tags ?? { [CREATED_TAG_KEY]: 'true' }));
  const existing = tags.size;
  let added = 0;
  let removed = 0;
  let kept = 0;
  for (const c of changes) {
    if (c.kind === 'detachPolicy' && c.keepMark) kept++;
    if (c.kind === 'attachPolicy') {
      const key = attachmentTagKey(c);
      if (!tags.has(key)) {
        tags.add(key);
        added++;
      }
    } else if ((c.kind === 'detachPolicy' && !c.keepMark) || c.kind === 'forgetAttachment') {
      if (tags.delete(attachmentTagKey(c))) removed++;
    } else if (c.kind === 'recordFunctions') {
      if (c.value === undefined) tags.delete(FUNCTION_RECORD_TAG_KEY);
      else tags.add(FUNCTION_RECORD_TAG_KEY);
    }
  }
  return { existing, added, removed, kept, after: tags.size };
}

