/**
 * Planning the role's record of the functions that use it (src/cloud/function-record.ts). The record
 * only ever backs warnings, so it never blocks a deploy: it is written when the role has room for one
 * more tag, and dropped when the ownership marks of a deploy need its place.
 */
import type { Change, DesiredState, ObservedState } from '../model';
import { decodeFunctionRecord, encodeFunctionRecord, FUNCTION_RECORD_TAG_KEY, type FunctionRecord } from '../cloud/function-record';
import { countRoleTagsAfter, MAX_ROLE_TAGS } from './tag-count';

/** The record on the observed role, if any and readable. */
export function observedFunctionRecord(observed: ObservedState): FunctionRecord | undefined {
  return decodeFunctionRecord(observed.role?.tags[FUNCTION_RECORD_TAG_KEY]);
}

/**
 * After `others` (the rest of the plan): write the record of the declared functions when it differs,
 * drop it when the role would carry more than 20 tags with it. With no function declared an existing
 * record is left as it is (the plugin declares none, and its fc3 resource sets the role itself).
 */
export function planFunctionRecord(desired: DesiredState, observed: ObservedState, others: readonly Change[]): Change[] {
  const current = observed.role?.tags[FUNCTION_RECORD_TAG_KEY];
  const after = countRoleTagsAfter(observed, others).after;
  if (current !== undefined && after > MAX_ROLE_TAGS) return [{ kind: 'recordFunctions', functions: 0 }];
  // The declared functions that exist (a missing one blocks the deploy anyway): all use the role once the plan is applied.
  const functions = desired.functions.filter((d) => observed.functions.some((f) => f.name === d.name && f.region === d.region));
  if (functions.length === 0) return [];
  const value = encodeFunctionRecord(functions);
  if (value === current) return [];
  if (current === undefined && after + 1 > MAX_ROLE_TAGS) return [];
  return [{ kind: 'recordFunctions', value, functions: functions.length }];
}
