// Secrets never reach the audit log: any key that names a secret keeps its presence but not its
// value ("[redacted]"), at any depth. Applied to every before/after snapshot before hashing.
const SECRET_KEY =
  /(secret|password|passwd|token|api[-_]?key|apikey|credential|authorization|private[-_]?key|signing[-_]?key|cookie|session)/i;

export const REDACTED = '[redacted]';

export function redactSecrets(value: unknown, key?: string): unknown {
  if (key !== undefined && SECRET_KEY.test(key))
    return value === null || value === undefined ? value : REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v));
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v, k)]));
  return value;
}
