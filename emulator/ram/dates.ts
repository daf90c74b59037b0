/** RAM dates: ISO-8601 UTC at second precision, e.g. 2026-11-30T01:23:16Z. */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
