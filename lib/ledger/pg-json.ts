/**
 * JSON for a jsonb parameter. PostgreSQL text and jsonb cannot hold U+0000; provider answers and
 * payloads sometimes do. JSON.stringify writes it as the escape \u0000, so each such escape (not an
 * escaped backslash followed by "u0000") becomes U+FFFD's; the scan runs only when one is there
 * (a replacer function visiting every string cost a few per cent of the worker's CPU).
 */
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;
export function pgJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u0000') ? json.replace(NUL_ESCAPE, '$1\\ufffd') : json;
}
