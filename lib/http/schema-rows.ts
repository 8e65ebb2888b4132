// A JSON Schema (the dialect zod writes into our OpenAPI document) flattened into the rows of a
// readable table: one row per field, indented by depth, with its type in words and its
// constraints. Not a JSON Schema engine: it reads the keywords our document uses (type,
// properties, items, anyOf/oneOf, enum, const, additionalProperties, formats and bounds) and shows
// anything else as "any". Pure, so the reference page stays a server component.

type Json = Record<string, unknown>;

export interface SchemaRow {
  /** 0 for the top level; children of an object, array or variant one deeper */
  depth: number;
  /** the property name, "[item]", "{key}" or "option n"; null for a top-level non-object */
  name: string | null;
  required: boolean;
  /** in words: "string", "integer | null", "array of object", "Error" */
  type: string;
  description: string | null;
  /** "one of: a, b", "format: uuid", "default: 50", "max length: 200" */
  constraints: string[];
  /** a shared schema this row stands for (#/components/schemas/<name>), shown as a link */
  ref: string | null;
}

const COMPONENT_PREFIX = '#/components/schemas/';
const MAX_DEPTH = 12;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A local JSON pointer (`#/a/b~1c`) looked up in `root`; undefined when it leads nowhere. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined; // only refs within this document
  const parts = ref.slice(1).split('/').slice(1);
  let at: unknown = root;
  for (const raw of parts) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(at)) at = at[Number(key)];
    else if (isObject(at)) at = at[key];
    else return undefined;
  }
  return at;
}

interface Walk {
  doc: unknown;
  /** the refs being expanded on the way here: a ref met again is recursion, not expanded */
  seen: readonly string[];
}

/**
 * The rows of `schema`. A `$ref` to a shared component becomes one row naming it (the page shows
 * each shared schema once); any other local `$ref` is resolved in place.
 */
export function schemaRows(schema: unknown, doc: unknown): SchemaRow[] {
  const rows: SchemaRow[] = [];
  visit(schema, { name: null, required: false, depth: 0 }, { doc, seen: [] }, rows);
  return rows;
}

/** The rows of a shared schema's own body (`#/components/schemas/<name>`), expanded. */
export function componentRows(name: string, doc: unknown): SchemaRow[] {
  const ref = `${COMPONENT_PREFIX}${name}`;
  const rows: SchemaRow[] = [];
  visit(
    resolvePointer(doc, ref),
    { name: null, required: false, depth: 0 },
    { doc, seen: [ref] },
    rows,
  );
  return rows;
}

interface At {
  name: string | null;
  required: boolean;
  depth: number;
}

function visit(raw: unknown, at: At, walk: Walk, rows: SchemaRow[]): void {
  const schema = isObject(raw) ? raw : {};
  const ref = typeof schema.$ref === 'string' ? schema.$ref : null;
  if (ref) {
    const component = ref.startsWith(COMPONENT_PREFIX) ? ref.slice(COMPONENT_PREFIX.length) : null;
    const target = resolvePointer(walk.doc, ref);
    if (component !== null || walk.seen.includes(ref) || !isObject(target)) {
      const recursive = component === null && walk.seen.includes(ref);
      rows.push({
        ...row(at, schema),
        type: component ?? (recursive ? 'recursive' : 'unresolved reference'),
        ref: component,
      });
      return;
    }
    // sibling keywords (a description beside the $ref) win over the target's
    const { $ref: _ignored, ...siblings } = schema;
    visit({ ...target, ...siblings }, at, { ...walk, seen: [...walk.seen, ref] }, rows);
    return;
  }

  const variants = variantsOf(schema);
  // zod's .nullable(): anyOf [X, {type: null}] reads as "X | null", X's fields below it
  const nonNull = variants.filter((v) => !(isObject(v) && v.type === 'null'));
  if (variants.length > 0 && nonNull.length === 1 && variants.length === 2) {
    const only = nonNull[0];
    const merged = { ...(isObject(only) ? only : {}), ...withoutVariants(schema) };
    const before = rows.length;
    visit(merged, at, walk, rows);
    const first = rows[before];
    if (first) first.type = `${first.type} | null`;
    return;
  }

  rows.push(row(at, schema));
  if (at.depth >= MAX_DEPTH) return;
  const below = at.depth + 1;
  if (variants.length > 0) {
    variants.forEach((v, i) =>
      visit(v, { name: `option ${i + 1}`, required: false, depth: below }, walk, rows),
    );
    return;
  }
  childrenOf(schema, below, walk, rows);
}

function childrenOf(schema: Json, depth: number, walk: Walk, rows: SchemaRow[]): void {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  for (const [name, property] of Object.entries(properties))
    visit(property, { name, required: required.has(name), depth }, walk, rows);
  if (isObject(schema.additionalProperties))
    visit(schema.additionalProperties, { name: '{key}', required: false, depth }, walk, rows);
  // an array's items: their fields directly, or one "[item]" row when they are not an object
  if (isObject(schema.items)) {
    const items = schema.items;
    if (isObject(items.properties) && !items.$ref) childrenOf(items, depth, walk, rows);
    else if (
      items.$ref ||
      variantsOf(items).length > 0 ||
      isObject(items.items) ||
      isObject(items.additionalProperties)
    )
      visit(items, { name: '[item]', required: false, depth }, walk, rows);
  }
}

const variantsOf = (schema: Json): unknown[] =>
  Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : [];

function withoutVariants(schema: Json): Json {
  const { anyOf: _a, oneOf: _o, ...rest } = schema;
  return rest;
}

function row(at: At, schema: Json): SchemaRow {
  return {
    depth: at.depth,
    name: at.name,
    required: at.required,
    type: typeOf(schema),
    description: typeof schema.description === 'string' ? schema.description : null,
    constraints: constraintsOf(schema),
    ref: null,
  };
}

/** The type in words; arrays name their item type, variants say "one of". */
export function typeOf(schema: Json): string {
  if (variantsOf(schema).length > 0) return 'one of';
  if ('const' in schema) return typeof schema.const === 'string' ? 'string' : typeof schema.const;
  const type = schema.type;
  if (Array.isArray(type)) return type.map(String).join(' | ');
  if (type === 'array') {
    const items = isObject(schema.items) ? schema.items : null;
    if (!items) return 'array';
    const ref = typeof items.$ref === 'string' ? items.$ref : null;
    return `array of ${ref?.startsWith(COMPONENT_PREFIX) ? ref.slice(COMPONENT_PREFIX.length) : typeOf(items)}`;
  }
  if (type === 'object' && isObject(schema.additionalProperties) && !schema.properties)
    return `map of ${typeOf(schema.additionalProperties)}`;
  if (typeof type === 'string') return type;
  if (isObject(schema.properties)) return 'object';
  return 'any';
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function constraintsOf(schema: Json): string[] {
  const out: string[] = [];
  if ('const' in schema) out.push(`always ${show(schema.const)}`);
  const values = Array.isArray(schema.enum)
    ? schema.enum
    : isObject(schema.items) && Array.isArray(schema.items.enum)
      ? schema.items.enum
      : null;
  if (values) out.push(`one of: ${values.map(show).join(', ')}`);
  if (typeof schema.format === 'string') out.push(`format: ${schema.format}`);
  // a format already says what the (long, generated) pattern checks
  else if (typeof schema.pattern === 'string') out.push(`pattern: ${schema.pattern}`);
  const bounds: [string, string][] = [
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minimum', 'minimum'],
    ['maximum', 'maximum'],
    ['exclusiveMinimum', 'greater than'],
    ['exclusiveMaximum', 'less than'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
  ];
  for (const [key, words] of bounds)
    if (typeof schema[key] === 'number') out.push(`${words}: ${String(schema[key])}`);
  if ('default' in schema) out.push(`default: ${show(schema.default)}`);
  if (Array.isArray(schema.examples) && schema.examples.length > 0)
    out.push(`example: ${show(schema.examples[0])}`);
  else if ('example' in schema) out.push(`example: ${show(schema.example)}`);
  return out;
}

/**
 * The rows a table shows: an object body's own row ("object", no name) says nothing its fields do
 * not, so it is left out and the fields move up a level. Anything else is shown whole.
 */
export function fieldRows(rows: readonly SchemaRow[]): SchemaRow[] {
  const [top, ...rest] = rows;
  if (!top || top.name !== null || top.type !== 'object' || rest.length === 0 || top.description)
    return [...rows];
  return rest.map((r) => ({ ...r, depth: r.depth - 1 }));
}
