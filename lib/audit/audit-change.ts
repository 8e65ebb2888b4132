// A configuration change as a person reads it: each field that differs between an entry's before
// and after snapshots, with both values. Nested objects are followed (settings.rateLimit.perSecond)
// so one changed setting is one row, not a whole settings object twice; arrays are values of
// their own. Pure; secrets were already redacted when the entry was written.

export interface AuditFieldChange {
  /** dotted path in the snapshot */
  field: string;
  /** JSON text; null when the field is absent on that side */
  before: string | null;
  after: string | null;
}

/** Long values (a whole expression, a big status table) are cut: the full snapshot stays below. */
export const CHANGE_VALUE_LIMIT = 400;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function flatten(value: unknown, path: string, into: Map<string, unknown>, depth: number) {
  if (isObject(value) && Object.keys(value).length > 0 && depth < 4) {
    for (const [key, v] of Object.entries(value))
      flatten(v, path ? `${path}.${key}` : key, into, depth + 1);
  } else if (path) into.set(path, value);
}

function text(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.length > CHANGE_VALUE_LIMIT ? `${json.slice(0, CHANGE_VALUE_LIMIT - 1)}…` : json;
}

/** Fields that differ, in the after snapshot's order, then fields only the before had. */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditFieldChange[] {
  if (before === null && after === null) return [];
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before ?? {}, '', a, 0);
  flatten(after ?? {}, '', b, 0);
  const changes: AuditFieldChange[] = [];
  for (const [field, value] of b) {
    const old = a.has(field) ? text(a.get(field)) : null;
    const now = text(value);
    if (old !== now) changes.push({ field, before: old, after: now });
  }
  for (const [field, value] of a)
    if (!b.has(field)) changes.push({ field, before: text(value), after: null });
  return changes;
}
