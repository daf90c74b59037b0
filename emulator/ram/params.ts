/** Reading RAM query parameters (already percent-decoded) into typed values, with RAM's wire errors. */
import type { PolicyRef } from '../core/types';
import { ramErrors } from './errors';
import type { TagFilter } from './state-tags';

export type Params = Record<string, string>;

// Choice: a required parameter sent empty counts as missing (400 Missing<Name>).
export function requireParam(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw ramErrors.missingParam(name);
  return value;
}

export function optionalParam(params: Params, name: string): string | undefined {
  return params[name];
}

// Choice: a boolean or integer parameter that does not parse is 400 InvalidParameter.<Name>.
export function boolParam(params: Params, name: string, fallback: boolean): boolean {
  const value = params[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw ramErrors.invalidParam(name, `expected true or false, got ${value}`);
}

export function intParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw ramErrors.invalidParam(name, `expected an integer, got ${value}`);
  return Number(value);
}

export function policyTypeParam(params: Params): PolicyRef['type'] {
  const value = requireParam(params, 'PolicyType');
  if (value !== 'System' && value !== 'Custom') throw ramErrors.policyType(value);
  return value;
}

/** A policy named by PolicyName + PolicyType. */
export function policyRefParams(params: Params): PolicyRef {
  const name = requireParam(params, 'PolicyName');
  return { type: policyTypeParam(params), name };
}

/** A JSON list of strings (ResourceNames, TagKeys). */
export function jsonStringListParam(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw ramErrors.invalidParam(name, 'expected a JSON list of strings');
  }
  if (!Array.isArray(parsed) || !parsed.every((item): item is string => typeof item === 'string')) {
    throw ramErrors.invalidParam(name, 'expected a JSON list of strings');
  }
  return parsed;
}

/** A JSON `Tag` filter (ListRoles, ListPolicies, ListTagResources): Value optional, no key rules. */
export function tagFilterParam(params: Params): TagFilter[] {
  const value = params.Tag;
  if (value === undefined || value === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw ramErrors.tag('not a JSON list');
  }
  if (!Array.isArray(parsed)) throw ramErrors.tag('not a JSON list');
  return parsed.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || !('Key' in item) || typeof item.Key !== 'string') {
      throw ramErrors.tag('each tag needs a string Key');
    }
    const tagValue = 'Value' in item && typeof item.Value === 'string' ? item.Value : undefined;
    return { key: item.Key, value: tagValue };
  });
}

/** MaxItems (ListRoles/ListPolicies): 1..1000, default 100. */
export function maxItemsParam(params: Params, name = 'MaxItems', max = 1000, fallback = 100): number {
  const value = intParam(params, name) ?? fallback;
  if (value < 1 || value > max) throw ramErrors.invalidParam(name, `must be from 1 to ${max}`);
  return value;
}
