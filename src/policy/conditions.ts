/**
 * The Condition element: operators and how a request's context satisfies them.
 * Source: https://www.alibabacloud.com/help/en/ram/conditional-operator — "Operators are categorized into five
 * types: string, number, date and time, Boolean, and IP address" (StringEquals "Matches an exact string
 * (case-sensitive)", StringEqualsIgnoreCase "(case-insensitive)", StringLike with `*` and `?`, the Numeric*,
 * Date*, Bool, IpAddress and NotIpAddress operators); https://www.alibabacloud.com/help/en/ram/policy-structure-and-syntax
 * — "Element names (like Effect), operators, and predefined values are case-sensitive".
 *
 * Without a request context (an expectation checked before deploy) a condition is never guessed: the
 * outcome is `unknown`, naming the keys it depends on.
 */
import { BlockList, isIP } from 'net';
import type { PolicyStatement } from '../model';
import { wildcardMatch } from './match';

/** Condition keys to values; an undefined value counts as an absent key. */
export type RequestContext = Record<string, string | string[] | undefined>;

export type ConditionOutcome = { state: 'holds' } | { state: 'fails' } | { state: 'unknown'; keys: string[] };

type Compare = (actual: string, expected: string) => boolean;

function numeric(test: (a: number, e: number) => boolean): Compare {
  return (actual, expected) => {
    const a = Number(actual);
    const e = Number(expected);
    return actual.trim() !== '' && expected.trim() !== '' && Number.isFinite(a) && Number.isFinite(e) && test(a, e);
  };
}

function date(test: (a: number, e: number) => boolean): Compare {
  return (actual, expected) => {
    const a = Date.parse(actual);
    const e = Date.parse(expected);
    return Number.isFinite(a) && Number.isFinite(e) && test(a, e);
  };
}

/** `actual` is an IP address inside `expected` (an address or a CIDR block, IPv4 or IPv6). */
function inIpRange(actual: string, expected: string): boolean {
  const family = isIP(actual);
  const [address, prefixText] = expected.split('/');
  if (family === 0 || isIP(address) !== family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  list.addSubnet(address, prefix, type);
  return list.check(actual, type);
}

const stringEquals: Compare = (a, e) => a === e;
const stringEqualsIgnoreCase: Compare = (a, e) => a.toLowerCase() === e.toLowerCase();
const stringLike: Compare = (a, e) => wildcardMatch(e, a, false);

/** Operator -> comparison of one actual value with one policy value, and whether the operator is negated. */
const OPERATORS: Readonly<Record<string, { compare: Compare; negated: boolean }>> = {
  StringEquals: { compare: stringEquals, negated: false },
  StringNotEquals: { compare: stringEquals, negated: true },
  StringEqualsIgnoreCase: { compare: stringEqualsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { compare: stringEqualsIgnoreCase, negated: true },
  StringLike: { compare: stringLike, negated: false },
  StringNotLike: { compare: stringLike, negated: true },
  NumericEquals: { compare: numeric((a, e) => a === e), negated: false },
  NumericNotEquals: { compare: numeric((a, e) => a === e), negated: true },
  NumericLessThan: { compare: numeric((a, e) => a < e), negated: false },
  NumericLessThanEquals: { compare: numeric((a, e) => a <= e), negated: false },
  NumericGreaterThan: { compare: numeric((a, e) => a > e), negated: false },
  NumericGreaterThanEquals: { compare: numeric((a, e) => a >= e), negated: false },
  DateEquals: { compare: date((a, e) => a === e), negated: false },
  DateNotEquals: { compare: date((a, e) => a === e), negated: true },
  DateLessThan: { compare: date((a, e) => a < e), negated: false },
  DateLessThanEquals: { compare: date((a, e) => a <= e), negated: false },
  DateGreaterThan: { compare: date((a, e) => a > e), negated: false },
  DateGreaterThanEquals: { compare: date((a, e) => a >= e), negated: false },
  // Choice: Bool compares "true"/"false" ignoring case.
  Bool: { compare: stringEqualsIgnoreCase, negated: false },
  IpAddress: { compare: inIpRange, negated: false },
  NotIpAddress: { compare: inIpRange, negated: true },
};

/** The operator names RAM documents (case-sensitive). */
export const CONDITION_OPERATORS: readonly string[] = Object.keys(OPERATORS);

// Choice: condition key names match ignoring case (RAM's keys are written in mixed case, e.g. acs:SourceIp).
function valuesOf(context: RequestContext, key: string): string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) {
    if (name.toLowerCase() === wanted && value !== undefined) return typeof value === 'string' ? [value] : value;
  }
  return undefined;
}

/** One key under one operator: any actual value against any policy value (none of them, for a negated operator). */
function keyHolds(operator: string, actual: string[], expected: readonly string[]): boolean {
  const spec = OPERATORS[operator];
  // Choice: an operator RAM does not document never holds, so its statement does not apply.
  if (!spec) return false;
  const matched = actual.some((a) => expected.some((e) => spec.compare(a, e)));
  return spec.negated ? !matched : matched;
}

/** The keys a condition reads, in the order written. */
export function conditionKeys(condition: PolicyStatement['Condition']): string[] {
  return [...new Set(Object.values(condition ?? {}).flatMap((entries) => Object.keys(entries)))];
}

/**
 * Every operator and every key under it must hold; a key is satisfied by any one of its values.
 * Without a context the outcome is `unknown` (never guessed).
 */
export function evaluateCondition(condition: PolicyStatement['Condition'], context: RequestContext | undefined): ConditionOutcome {
  if (condition === undefined || Object.keys(condition).length === 0) return { state: 'holds' };
  if (context === undefined) return { state: 'unknown', keys: conditionKeys(condition) };
  for (const [operator, entries] of Object.entries(condition)) {
    for (const [key, expected] of Object.entries(entries)) {
      const actual = valuesOf(context, key);
      // Choice: a key absent from the request context fails its condition, whatever the operator.
      if (actual === undefined || !keyHolds(operator, actual, expected)) return { state: 'fails' };
    }
  }
  return { state: 'holds' };
}
