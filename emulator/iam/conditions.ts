/**
 * The emulator's Condition evaluation for a request with a known context.
 * Source: https://www.alibabacloud.com/help/en/ram/conditional-operator — "Operators are categorized into five
 * types: string, number, date and time, Boolean, and IP address": StringEquals / StringNotEquals
 * ("case-sensitive"), StringEqualsIgnoreCase / StringNotEqualsIgnoreCase ("case-insensitive"), StringLike /
 * StringNotLike ("*: Matches any number of characters, including an empty string. ?: Matches a single
 * character."), NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan,
 * NumericGreaterThanEquals, DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan,
 * DateGreaterThanEquals, Bool, IpAddress, NotIpAddress.
 * Source: https://www.alibabacloud.com/help/en/ram/policy-structure-and-syntax — "Element names (like Effect),
 * operators, and predefined values are case-sensitive".
 */
import { BlockList, isIP } from 'net';

export type RequestContext = Record<string, string | string[] | undefined>;

type Kind = 'string' | 'stringIgnoreCase' | 'like' | 'number' | 'date' | 'bool' | 'ip';
type Relation = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

interface Operator {
  kind: Kind;
  relation: Relation;
  /** StringNotEquals, NotIpAddress, ...: holds when no value matches. */
  negated: boolean;
}

/** Parses a documented operator name (exact case); undefined for anything else. */
function parseOperator(name: string): Operator | undefined {
  const fixed: Record<string, Operator> = {
    StringEquals: { kind: 'string', relation: 'eq', negated: false },
    StringNotEquals: { kind: 'string', relation: 'eq', negated: true },
    StringEqualsIgnoreCase: { kind: 'stringIgnoreCase', relation: 'eq', negated: false },
    StringNotEqualsIgnoreCase: { kind: 'stringIgnoreCase', relation: 'eq', negated: true },
    StringLike: { kind: 'like', relation: 'eq', negated: false },
    StringNotLike: { kind: 'like', relation: 'eq', negated: true },
    Bool: { kind: 'bool', relation: 'eq', negated: false },
    IpAddress: { kind: 'ip', relation: 'eq', negated: false },
    NotIpAddress: { kind: 'ip', relation: 'eq', negated: true },
  };
  if (Object.prototype.hasOwnProperty.call(fixed, name)) return fixed[name];
  const match = /^(Numeric|Date)(Equals|NotEquals|LessThan|LessThanEquals|GreaterThan|GreaterThanEquals)$/.exec(name);
  if (!match) return undefined;
  const relations: Record<string, Relation> = { Equals: 'eq', NotEquals: 'eq', LessThan: 'lt', LessThanEquals: 'le', GreaterThan: 'gt', GreaterThanEquals: 'ge' };
  return { kind: match[1] === 'Numeric' ? 'number' : 'date', relation: relations[match[2]], negated: match[2] === 'NotEquals' };
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

function compareOrdered(relation: Relation, a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (relation === 'lt') return a < b;
  if (relation === 'le') return a <= b;
  if (relation === 'gt') return a > b;
  if (relation === 'ge') return a >= b;
  return a === b;
}

function toNumber(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

function ipMatches(actual: string, block: string): boolean {
  const slash = block.indexOf('/');
  const base = slash < 0 ? block : block.slice(0, slash);
  const family = isIP(base);
  if (family === 0 || isIP(actual) !== family) return false;
  const bits = slash < 0 ? (family === 4 ? 32 : 128) : Number(block.slice(slash + 1));
  if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(base, bits, type);
  return list.check(actual, type);
}

function valueMatches(op: Operator, actual: string, expected: string): boolean {
  switch (op.kind) {
    case 'string':
      return actual === expected;
    case 'stringIgnoreCase':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'like':
      return globToRegExp(expected).test(actual);
    case 'number':
      return compareOrdered(op.relation, toNumber(actual), toNumber(expected));
    case 'date':
      return compareOrdered(op.relation, Date.parse(actual), Date.parse(expected));
    case 'bool':
      // Choice: Bool compares case-insensitively as text ("true"/"false").
      return actual.toLowerCase() === expected.toLowerCase();
    case 'ip':
      return ipMatches(actual, expected);
  }
}

function contextValues(context: RequestContext, key: string): string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) {
    if (name.toLowerCase() === wanted && value !== undefined) return typeof value === 'string' ? [value] : value;
  }
  return undefined;
}

/** A condition value as the list of strings it stands for (strings, numbers and booleans; a list of them). */
function expectedValues(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((v) => ['string', 'number', 'boolean'].includes(typeof v)).map((v) => String(v));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every operator, and every key under it, must hold; any one value of a key may match (none, for a negated operator). */
export function conditionsHold(condition: unknown, context: RequestContext): boolean {
  if (condition === undefined) return true;
  if (!isObject(condition)) return false;
  for (const [name, clauses] of Object.entries(condition)) {
    const op = parseOperator(name);
    // Choice: an operator the documents do not name (in that exact case) never holds, so its statement does not apply.
    if (!op || !isObject(clauses)) return false;
    for (const [key, raw] of Object.entries(clauses)) {
      const actual = contextValues(context, key);
      // Choice: a condition whose context key is absent does not hold, whatever the operator.
      if (actual === undefined) return false;
      const expected = expectedValues(raw);
      const matched = actual.some((a) => expected.some((e) => valueMatches(op, a, e)));
      if (op.negated ? matched : !matched) return false;
    }
  }
  return true;
}
