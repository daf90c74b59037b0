/**
 * RAM wildcard patterns: `*` matches any run of characters (none included), `?` exactly one.
 * Sources: https://www.alibabacloud.com/help/en/ram/policy-structure-and-syntax — "Wildcards: You can use
 * wildcards in string values for elements like Action and Resource."; https://www.alibabacloud.com/help/en/ram/conditional-operator
 * — "*: Matches any number of characters, including an empty string." and "?: Matches a single character."
 *
 * Besides matching one concrete string, an expectation such as `oss:PutObject on acs:oss:*:*:my-bucket/*`
 * names a SET of resources, so two questions between patterns are answered too: does one pattern cover
 * every string of another, and do two patterns share any string.
 */

type Token = { kind: 'char'; ch: string } | { kind: 'one' } | { kind: 'many' };

/**
 * The pattern as tokens. In each run of wildcards the `?`s come first and several `*` become one
 * (`*?` and `?*` mean the same), which keeps the cover test below exact for common patterns.
 */
function tokenize(pattern: string, ignoreCase: boolean): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch !== '*' && ch !== '?') {
      out.push({ kind: 'char', ch: ignoreCase ? ch.toLowerCase() : ch });
      i++;
      continue;
    }
    let ones = 0;
    let many = false;
    while (i < pattern.length && (pattern[i] === '*' || pattern[i] === '?')) {
      if (pattern[i] === '?') ones++;
      else many = true;
      i++;
    }
    for (let k = 0; k < ones; k++) out.push({ kind: 'one' });
    if (many) out.push({ kind: 'many' });
  }
  return out;
}

function literal(text: string, ignoreCase: boolean): Token[] {
  return [...text].map((ch) => ({ kind: 'char', ch: ignoreCase ? ch.toLowerCase() : ch }));
}

/** Memoized two-index recursion over token lists. */
function solve(a: Token[], b: Token[], step: (i: number, j: number, rec: (i: number, j: number) => boolean) => boolean): boolean {
  const memo = new Map<number, boolean>();
  const width = b.length + 1;
  const rec = (i: number, j: number): boolean => {
    const key = i * width + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    memo.set(key, false);
    const value = step(i, j, rec);
    memo.set(key, value);
    return value;
  };
  return rec(0, 0);
}

/** Every string `inner` stands for is matched by `outer` (sound; exact for patterns without odd wildcard runs). */
function covers(outer: Token[], inner: Token[]): boolean {
  return solve(outer, inner, (i, j, rec) => {
    if (i === outer.length) return j === inner.length;
    const o = outer[i];
    const n = j < inner.length ? inner[j] : undefined;
    if (o.kind === 'many') return rec(i + 1, j) || (n !== undefined && rec(i, j + 1));
    if (n === undefined || n.kind === 'many') return false;
    if (o.kind === 'one') return rec(i + 1, j + 1);
    return n.kind === 'char' && n.ch === o.ch && rec(i + 1, j + 1);
  });
}

/** Some string is matched by both patterns. */
function overlap(a: Token[], b: Token[]): boolean {
  return solve(a, b, (i, j, rec) => {
    const x = i < a.length ? a[i] : undefined;
    const y = j < b.length ? b[j] : undefined;
    if (x === undefined && y === undefined) return true;
    if (x?.kind === 'many' && (rec(i + 1, j) || (y !== undefined && y.kind !== 'many' && rec(i, j + 1)))) return true;
    if (y?.kind === 'many' && (rec(i, j + 1) || (x !== undefined && x.kind !== 'many' && rec(i + 1, j)))) return true;
    if (x === undefined || y === undefined || x.kind === 'many' || y.kind === 'many') return false;
    const same = x.kind === 'one' || y.kind === 'one' || x.ch === y.ch;
    return same && rec(i + 1, j + 1);
  });
}

/** `pattern` matches the concrete string `text`. */
export function wildcardMatch(pattern: string, text: string, ignoreCase: boolean): boolean {
  return covers(tokenize(pattern, ignoreCase), literal(text, ignoreCase));
}

/** Every string `inner` matches is also matched by `outer`. */
export function patternCovers(outer: string, inner: string, ignoreCase: boolean): boolean {
  return covers(tokenize(outer, ignoreCase), tokenize(inner, ignoreCase));
}

/** Some string is matched by both `a` and `b`. */
export function patternsOverlap(a: string, b: string, ignoreCase: boolean): boolean {
  return overlap(tokenize(a, ignoreCase), tokenize(b, ignoreCase));
}

/** True when the text holds `*` or `?`. */
export function hasWildcard(text: string): boolean {
  return /[*?]/.test(text);
}

/** `acs:<service>:<region>:<account>:<relative>` as its five parts; undefined for anything else. */
function arnParts(text: string): string[] | undefined {
  const parts = text.split(':');
  if (parts.length < 5 || parts[0] !== 'acs') return undefined;
  return [...parts.slice(0, 4), parts.slice(4).join(':')];
}

function bySegments(a: string, b: string, test: (x: string, y: string) => boolean): boolean | undefined {
  const pa = arnParts(a);
  const pb = arnParts(b);
  return pa && pb ? pa.every((part, i) => test(part, pb[i])) : undefined;
}

// Choice: between two resource ARN patterns (an expectation and a statement), a wildcard stays inside its part of the ARN (service, region, account; the rest is one part); anything else is compared as a whole.
/** Resource patterns (case-sensitive): every resource `inner` stands for is matched by `outer`. */
export function resourceCovers(outer: string, inner: string): boolean {
  return bySegments(outer, inner, (x, y) => patternCovers(x, y, false)) ?? patternCovers(outer, inner, false);
}

/** Resource patterns (case-sensitive): some resource is matched by both. */
export function resourcesOverlap(a: string, b: string): boolean {
  return bySegments(a, b, (x, y) => patternsOverlap(x, y, false)) ?? patternsOverlap(a, b, false);
}
