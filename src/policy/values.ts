/** Small readers shared by the policy parser: narrow `unknown` JSON values and record problems with a path. */

export interface PathProblem {
  /** Inside the document, e.g. `Statement[0].Action`; '' for the document itself. */
  path: string;
  message: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shows a value the way the user wrote it, shortened for messages. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/**
 * Reads `string | string[]` (RAM accepts both) into a list; every element must be a non-empty string.
 * Returns undefined (and records a problem) when the value has the wrong shape.
 */
export function readStringList(
  value: unknown,
  path: string,
  problems: PathProblem[],
  check?: (item: string) => string | undefined,
): string[] | undefined {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({ path, message: `must be a non-empty string or a non-empty list of strings (got ${quote(value)})` });
    return undefined;
  }
  const out: string[] = [];
  items.forEach((item, i) => {
    const itemPath = typeof value === 'string' ? path : joinPath(path, i);
    if (typeof item !== 'string' || item.trim() === '') {
      problems.push({ path: itemPath, message: `must be a non-empty string (got ${quote(item)})` });
      return;
    }
    const wrong = check?.(item);
    if (wrong) problems.push({ path: itemPath, message: `${wrong} (got ${quote(item)})` });
    else out.push(item);
  });
  return out.length === items.length ? out : undefined;
}

/** Keys not in `allowed` are problems: a typo silently changing a policy's meaning is worse than an error. */
export function checkKnownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  problems: PathProblem[],
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      problems.push({ path: joinPath(path, key), message: `is not a known key; allowed: ${allowed.join(', ')}` });
    }
  }
}

/** Case-insensitive glob match (`*` any run, `?` one character), as RAM matches actions. */
export function globMatches(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(text);
}
