/**
 * The record of which functions fc3-role set the role on: ONE tag on the role, like the other ownership
 * marks, so that deploy warns about a function whose role "something else changed" only when its own
 * record says that it set that role at the last deploy.
 *
 * Why one tag: a role carries at most 20 tags, and most are ownership marks of attachments, so a mark
 * per function cannot work for 100 functions (and 100 names of up to 128 characters exceed what all 20
 * tag values hold). The tag `fc3-role:functions` holds the functions (`<region>/<name>`) that used the
 * role at the end of the last complete deploy, within RAM's 256 characters for a tag value:
 * - exactly, `e1:<name>@<region>:<name>@<region>...` (sorted), whenever that fits: a few functions;
 * - else as a Bloom filter, `v1.<k>.<bits as base64url>` (up to 1,488 bits). It never forgets a member
 *   (no missed warning) and says "member" for a non-member with a small probability, about 0.1% at
 *   ~100 functions (14.4 bits each, k = 10), about 3% at 200. Such a false "member" only ever costs a
 *   warning: a function the record does not hold (e.g. one newly declared in s.yaml), whose role deploy
 *   is about to set, is said to have lost a role "fc3-role set at the last deploy". What deploy does
 *   (plan, confirmation, writes) never depends on the record.
 * Same functions, same value, so concurrent runs write the same tag and a second deploy writes nothing.
 */
import { createHash } from 'crypto';

export const FUNCTION_RECORD_TAG_KEY = 'fc3-role:functions';

const VERSION = 'v1';
const EXACT_VERSION = 'e1';
/** RAM's limit on a tag value (TagResources: "The tag value can be up to 256 characters in length"). */
const MAX_VALUE_CHARS = 256;
/** Characters left for the bits once `v1.<k>.` is written (k has at most 2 digits), in whole base64 groups of 4. */
const MAX_BIT_CHARS = Math.floor((MAX_VALUE_CHARS - `${VERSION}.16.`.length) / 4) * 4;
const BITS_PER_FUNCTION = 14.4;
const MAX_HASHES = 16;

export interface FunctionRef {
  region: string;
  name: string;
}

/** Two 32-bit hashes of a function (double hashing gives the k positions). */
function hashes(fn: FunctionRef): [number, number] {
  const digest = createHash('sha256').update(`${fn.region}/${fn.name}`).digest();
  return [digest.readUInt32BE(0), (digest.readUInt32BE(4) | 1) >>> 0];
}

function positions(fn: FunctionRef, k: number, m: number): number[] {
  const [h1, h2] = hashes(fn);
  return Array.from({ length: k }, (_, i) => (h1 + i * h2) % m);
}

/** `<name>@<region>`: neither part can hold `@` or `:` (function names: letters, digits, `_`, `-`). */
const exactEntry = (fn: FunctionRef): string => `${fn.name}@${fn.region}`;

/** The record of `functions` (pure, deterministic; order and repeats do not matter): exact when it fits. */
export function encodeFunctionRecord(functions: readonly FunctionRef[]): string {
  const unique = [...new Map(functions.map((f) => [`${f.region}/${f.name}`, f])).values()];
  const exact = `${EXACT_VERSION}:${unique.map(exactEntry).sort().join(':')}`;
  if (exact.length <= MAX_VALUE_CHARS) return exact;
  // Whole groups of 4 base64 characters = 3 bytes = 24 bits: the bits and their text map one to one.
  const chars = Math.min(MAX_BIT_CHARS, Math.max(4, Math.ceil((unique.length * BITS_PER_FUNCTION) / 24) * 4));
  const m = chars * 6;
  const k = Math.min(MAX_HASHES, Math.max(1, Math.round((m / Math.max(1, unique.length)) * Math.LN2)));
  const bits = Buffer.alloc(m / 8);
  for (const fn of unique) for (const p of positions(fn, k, m)) bits[p >> 3] |= 0x80 >> (p & 7);
  return `${VERSION}.${k}.${bits.toString('base64url')}`;
}

export interface FunctionRecord {
  /** Whether the record says fc3-role set (or found) this role on the function at the last deploy. */
  has(fn: FunctionRef): boolean;
}

/** Reads a record written by encodeFunctionRecord; undefined for a missing or unreadable tag (then it says nothing). */
export function decodeFunctionRecord(value: string | undefined): FunctionRecord | undefined {
  const exact = value === undefined ? null : /^e1:([^:@]+@[^:@]+(?::[^:@]+@[^:@]+)*)$/.exec(value);
  if (exact) {
    const members = new Set(exact[1].split(':'));
    return { has: (fn) => members.has(exactEntry(fn)) };
  }
  const match = value === undefined ? null : /^v1\.(\d{1,2})\.((?:[A-Za-z0-9_-]{4})+)$/.exec(value);
  if (!match) return undefined;
  const k = Number(match[1]);
  const m = match[2].length * 6;
  const bits = Buffer.from(match[2], 'base64url');
  if (k < 1 || k > MAX_HASHES || bits.length * 8 !== m) return undefined;
  const isSet = (p: number): boolean => (bits[p >> 3] & (0x80 >> (p & 7))) !== 0;
  return { has: (fn) => positions(fn, k, m).every(isSet) };
}
