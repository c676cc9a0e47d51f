/**
 * A small RFC 8785 (JCS) encoder for the interop tests, written from the RFC and importing
 * nothing from Marginalia, so that leaves rebuilt from the event feed do not lean on the
 * product's own canonical JSON.
 */

/** RFC 8785: members sorted by UTF-16 code units, no whitespace, ECMAScript numbers and strings. */
export function jcs(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('JCS has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  if (typeof value === 'object') {
    // Array.prototype.sort compares strings by UTF-16 code units, which is RFC 8785 §3.2.3's order.
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${jcs(record[k])}`).join(',')}}`;
  }
  throw new Error(`JCS cannot encode ${typeof value}`);
}
