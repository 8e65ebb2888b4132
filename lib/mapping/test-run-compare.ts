// What a test run warns about, worked out from plain JSON values. Pure.
//
// - Dropped fields: the operation's command schema is a zod object, and zod strips keys it does not
//   know, so a field the expression adds (`"source": "storefront"`) silently never reaches the
//   target. Comparing the expression's output with the parsed command names each such field.
// - Changes against the active version: the same payload run through the active version and the
//   one under test, compared leaf by leaf, so an admin sees what a new version changes before
//   activating it.

/** A path in a JSON value: `shipTo.name`, `lines[].sku` (array items collapsed, see below). */
export type FieldPath = string;

export interface FieldChange {
  path: FieldPath;
  kind: 'added' | 'removed' | 'changed';
  /** JSON text of the value in the active version's output (absent when added) */
  before?: string;
  /** JSON text of the value in the tested output (absent when removed) */
  after?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (base: string, key: string) =>
  base === ''
    ? key
    : /^[A-Za-z_$][\w$]*$/.test(key)
      ? `${base}.${key}`
      : `${base}[${JSON.stringify(key)}]`;

/**
 * Fields of `output` that `parsed` no longer has: keys zod stripped. Array items are compared
 * pairwise and reported once per field (`lines[].gift`), not once per line. A key whose value is
 * undefined was never going to be sent, so it is not "dropped".
 */
export function droppedFields(output: unknown, parsed: unknown): FieldPath[] {
  const found = new Set<FieldPath>();
  const walk = (out: unknown, kept: unknown, path: string) => {
    if (Array.isArray(out)) {
      if (!Array.isArray(kept)) return;
      out.forEach((item, i) => walk(item, kept[i], `${path}[]`));
      return;
    }
    if (!isObject(out) || !isObject(kept)) return;
    for (const [key, value] of Object.entries(out)) {
      if (value === undefined) continue;
      const at = join(path, key);
      if (!Object.hasOwn(kept, key)) found.add(at);
      else walk(value, kept[key], at);
    }
  };
  walk(output, parsed, '');
  return [...found];
}

/** Leaves of a JSON value by path; arrays keep their indexes here (`lines[0].sku`). */
function leaves(
  value: unknown,
  path = '',
  into = new Map<string, unknown>(),
): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, i) => leaves(item, `${path}[${i}]`, into));
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, v] of Object.entries(value))
      if (v !== undefined) leaves(v, join(path, key), into);
  } else {
    // empty containers are values of their own: {} and [] are not "nothing"
    into.set(path === '' ? '(whole output)' : path, value);
  }
  return into;
}

const text = (v: unknown) => JSON.stringify(v) ?? 'undefined';

/** Field-level differences from `active` to `tested`, in the tested output's field order. */
export function diffOutputs(active: unknown, tested: unknown): FieldChange[] {
  const before = leaves(active);
  const after = leaves(tested);
  const changes: FieldChange[] = [];
  for (const [path, value] of after) {
    if (!before.has(path)) changes.push({ path, kind: 'added', after: text(value) });
    else if (text(before.get(path)) !== text(value))
      changes.push({ path, kind: 'changed', before: text(before.get(path)), after: text(value) });
  }
  for (const [path, value] of before)
    if (!after.has(path)) changes.push({ path, kind: 'removed', before: text(value) });
  return changes;
}
