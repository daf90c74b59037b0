/** planRemove: undo what deploy made, and only that. */
import type { Change, DesiredState, ObservedState } from '../model';
import { arnsEqual, scopeLabel } from './identity';
import { FUNCTION_RECORD_TAG_KEY } from '../cloud/function-record';
import { isCreatedByUs } from '../cloud/ownership';
import { findObservedPolicy, managedPolicies, marksOfMissingGroupsNotes } from './policies';
import { targetRoleArn } from './deploy';

export interface RemovePlan {
  changes: Change[];
  /** Why (part of) the removal cannot happen; when non-empty, deleteRole is not planned. */
  blockers: string[];
  /** What is deliberately left in place. */
  notes: string[];
}

/**
 * Order: unset the role on declared functions, detach our attachments, drop stale marks,
 * delete every custom policy we created (declared, or named by our marks), delete the role (if ours and
 * nothing else holds it). Who else holds a policy is checked by the command (ListEntitiesForPolicy).
 */
export function planRemove(desired: DesiredState, observed: ObservedState, opts: { force: boolean }): RemovePlan {
  const changes: Change[] = [];
  const blockers: string[] = [];
  const notes: string[] = [];
  const role = observed.role;
  const roleName = role?.name ?? desired.role.name;
  const arn = targetRoleArn(desired, observed);

  const unset = observed.functions.filter(
    (f) => desired.functions.some((d) => d.name === f.name && d.region === f.region) && f.role !== '' && arnsEqual(f.role, arn),
  );
  for (const f of unset) changes.push({ kind: 'setFunctionRole', functionName: f.name, region: f.region, from: f.role, to: '' });

  for (const a of observed.attachments) {
    if (a.attachedByUs) changes.push({ kind: 'detachPolicy', policyType: a.type, policyName: a.name, scope: a.scope });
  }

  const ours = role !== undefined && isCreatedByUs(role.tags);
  if (role && !ours) {
    for (const mark of observed.ownershipMarksWithoutAttachment ?? []) changes.push({ kind: 'forgetAttachment', ...mark });
    if (role.tags[FUNCTION_RECORD_TAG_KEY] !== undefined) changes.push({ kind: 'recordFunctions', functions: 0 });
  }
  notes.push(...marksOfMissingGroupsNotes(observed));

  // Every custom policy fc3-role created that the cloud shows: declared ones first, then those only our marks name.
  const deleted = new Set<string>();
  const declaredFirst = [
    ...managedPolicies(desired).map((p) => findObservedPolicy(observed, p.name)),
    ...Object.values(observed.customPolicies).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  ];
  for (const current of declaredFirst) {
    if (!current?.createdByUs || deleted.has(current.name.toLowerCase())) continue;
    deleted.add(current.name.toLowerCase());
    changes.push({ kind: 'deletePolicy', name: current.name });
  }
  for (const policy of managedPolicies(desired)) {
    const current = findObservedPolicy(observed, policy.name);
    if (current && !current.createdByUs) notes.push(`Custom policy ${current.name} was not created by fc3-role; it is kept.`);
  }

  if (!role) {
    notes.push(`Role ${roleName} does not exist; there is no role to delete.`);
  } else if (!ours) {
    notes.push(`Role ${role.name} was not created by fc3-role; it is kept (only what fc3-role attached to it was detached).`);
  } else {
    const stillUsing = (observed.functionsUsingRole ?? []).filter((f) => !unset.some((u) => u.name === f.name && u.region === f.region));
    if (stillUsing.length > 0 && !opts.force) {
      const names = stillUsing.map((f) => `${f.region}/${f.name}`).join(', ');
      blockers.push(`Role ${role.name} is still used by functions not declared in s.yaml: ${names}. Set another role on them, or run remove with --force.`);
    } else if (stillUsing.length > 0) {
      notes.push(`--force: role ${role.name} is deleted although ${stillUsing.map((f) => `${f.region}/${f.name}`).join(', ')} still use it.`);
    }
    const unchecked = observed.uncheckedRegions ?? [];
    if (unchecked.length > 0) {
      const list = unchecked.map((u) => `${u.region} (${u.reason})`).join('; ');
      if (!opts.force) {
        blockers.push(
          `Role ${role.name}: the functions of ${unchecked.length} FC region(s) could not be listed, so fc3-role cannot tell whether a function there still uses the role, and will not guess: ${list}. ` +
            'Run remove again, or let the deploying identity call fc:ListFunctions in every region, or run remove with --force.',
        );
      } else {
        notes.push(`--force: role ${role.name} is deleted although these FC regions could not be checked for functions using it: ${unchecked.map((u) => u.region).join(', ')}.`);
      }
    }
    // Choice: --force overrides only functions still using the role; others' attachments always block (never detached for them).
    const foreign = observed.attachments.filter((a) => !a.attachedByUs);
    if (foreign.length > 0) {
      const list = foreign.map((a) => `${a.type} ${a.name} (${scopeLabel(a.scope)})`).join(', ');
      blockers.push(`Role ${role.name} has policies that fc3-role did not attach: ${list}. Detach them yourself, then run remove again.`);
    }
    if (blockers.length === 0) changes.push({ kind: 'deleteRole', roleName: role.name });
  }
  return { changes, blockers, notes };
}
