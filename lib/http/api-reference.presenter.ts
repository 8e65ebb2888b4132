// The API reference page's read model, built from the OpenAPI document the app serves (the same
// object as GET /api/v1/openapi.json): operations grouped by tag in the document's tag order,
// their parameters, request body and responses as schema rows, the roles that hold each
// operation's scope, and the shared schemas (the error shape) once. Pure: the document in, the
// view out; the page renders it with no client code.
import { can, PERMISSIONS, ROLES, type Permission, type Role } from '@/lib/base/permissions';
import { openApiDocument } from './openapi';
import { componentRows, resolvePointer, schemaRows, type SchemaRow } from './schema-rows';

type Json = Record<string, unknown>;

export const HTTP_METHODS_IN_ORDER = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface ExampleView {
  label: string;
  value: unknown;
}

export interface ParameterView {
  name: string;
  in: string;
  required: boolean;
  description: string | null;
  /** the parameter's own schema, flattened (its first row is the parameter itself) */
  rows: SchemaRow[];
}

export interface BodyView {
  contentType: string;
  rows: SchemaRow[];
  examples: ExampleView[];
}

export interface ResponseView {
  status: string;
  description: string;
  body: BodyView | null;
}

export interface OperationView {
  /** the operationId: also the operation's anchor on the page */
  id: string;
  method: string;
  path: string;
  summary: string;
  /** paragraphs of the description, without the generated scope sentence (shown as data) */
  description: string[];
  scope: string | null;
  /** the signed-in roles holding `scope` (the permission matrix); empty when it is no permission */
  roles: Role[];
  parameters: ParameterView[];
  requestBody: (BodyView & { required: boolean }) | null;
  responses: ResponseView[];
}

export interface TagGroupView {
  name: string;
  /** the section's anchor: "tag-" and the name in lower-case words joined by "-" */
  anchor: string;
  description: string | null;
  operations: OperationView[];
}

export interface ApiReferenceView {
  title: string;
  version: string;
  description: string | null;
  securitySchemes: { name: string; description: string | null; how: string }[];
  groups: TagGroupView[];
  sharedSchemas: { name: string; rows: SchemaRow[] }[];
  operationCount: number;
}

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const objectAt = (v: unknown, key: string): Json => (isObject(v) && isObject(v[key]) ? v[key] : {});

export const tagAnchor = (name: string): string =>
  `tag-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;

let served: ApiReferenceView | undefined;
/** The reference of the document this app serves; built once per process, like the document. */
export function servedApiReference(): ApiReferenceView {
  return (served ??= apiReferenceView(openApiDocument()));
}

/** The reference of one OpenAPI 3.1 document. */
export function apiReferenceView(doc: unknown): ApiReferenceView {
  const info = objectAt(doc, 'info');
  const operations = operationsOf(doc);
  const declared = Array.isArray((doc as Json | null)?.tags)
    ? ((doc as Json).tags as unknown[])
    : [];
  const order = declared.filter(isObject).map((t) => ({
    name: String(t.name),
    description: text(t.description),
  }));
  // tags used by an operation but not declared still get a group, after the declared ones
  for (const op of operations)
    if (!order.some((t) => t.name === op.tag)) order.push({ name: op.tag, description: null });
  const groups = order
    .map(({ name, description }) => ({
      name,
      anchor: tagAnchor(name),
      description,
      operations: operations.filter((o) => o.tag === name).map((o) => o.view),
    }))
    .filter((g) => g.operations.length > 0);
  const schemes = objectAt(objectAt(doc, 'components'), 'securitySchemes');
  const shared = objectAt(objectAt(doc, 'components'), 'schemas');
  return {
    title: text(info.title) ?? 'API',
    version: text(info.version) ?? '',
    description: text(info.description),
    securitySchemes: Object.entries(schemes)
      .filter(([, s]) => isObject(s))
      .map(([name, s]) => {
        const scheme = s as Json;
        return { name, description: text(scheme.description), how: securityHow(scheme) };
      }),
    groups,
    sharedSchemas: Object.keys(shared).map((name) => ({ name, rows: componentRows(name, doc) })),
    operationCount: operations.length,
  };
}

function securityHow(scheme: Json): string {
  if (scheme.type === 'http' && scheme.scheme === 'bearer')
    return `Authorization: Bearer ${text(scheme.bearerFormat) ?? '<token>'}`;
  if (scheme.type === 'apiKey') return `${String(scheme.in)} ${String(scheme.name)}`;
  return String(scheme.type);
}

function operationsOf(doc: unknown): { tag: string; view: OperationView }[] {
  const out: { tag: string; view: OperationView }[] = [];
  for (const [path, item] of Object.entries(objectAt(doc, 'paths'))) {
    if (!isObject(item)) continue;
    // path-level parameters apply to every method of the path (OpenAPI 3.1 § Path Item)
    const shared = Array.isArray(item.parameters) ? (item.parameters as unknown[]) : [];
    for (const method of HTTP_METHODS_IN_ORDER) {
      const op = item[method];
      if (!isObject(op)) continue;
      const tags = Array.isArray(op.tags) ? op.tags.map(String) : [];
      out.push({ tag: tags[0] ?? 'Other', view: operationView(doc, path, method, op, shared) });
    }
  }
  return out;
}

// openapi.ts appends this sentence to every description; the page shows the scope as data instead
const SCOPE_SENTENCE = /^Requires the scope `/;

function operationView(
  doc: unknown,
  path: string,
  method: string,
  op: Json,
  pathParameters: unknown[],
): OperationView {
  const scope = text(op['x-required-scope']);
  const permission = PERMISSIONS.find((p) => p === scope);
  const description = (text(op.description) ?? '')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !SCOPE_SENTENCE.test(p));
  const body = deref(doc, op.requestBody);
  return {
    id: text(op.operationId) ?? `${method}-${path}`,
    method: method.toUpperCase(),
    path,
    summary: text(op.summary) ?? '',
    description,
    scope,
    roles: permission ? rolesWith(permission) : [],
    parameters: parametersOf(doc, [
      ...pathParameters,
      ...(Array.isArray(op.parameters) ? (op.parameters as unknown[]) : []),
    ]),
    requestBody: isObject(body) ? { required: body.required === true, ...bodyOf(doc, body) } : null,
    responses: Object.entries(objectAt(op, 'responses'))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, raw]) => {
        const response = deref(doc, raw);
        const hasContent = isObject(response) && isObject(response.content);
        return {
          status,
          description: text(isObject(response) ? response.description : null) ?? '',
          body: hasContent ? bodyOf(doc, response) : null,
        };
      }),
  };
}

const rolesWith = (permission: Permission): Role[] => ROLES.filter((r) => can(r, permission));

/** A parameter, body or response given as `$ref` (#/components/...) is read from its target. */
function deref(doc: unknown, value: unknown): unknown {
  let at = value;
  for (let hops = 0; hops < 8 && isObject(at) && typeof at.$ref === 'string'; hops++)
    at = resolvePointer(doc, at.$ref);
  return at;
}

/** Path parameters first, then query, header and cookie; an operation's own beats the path's. */
function parametersOf(doc: unknown, raw: unknown[]): ParameterView[] {
  const byKey = new Map<string, Json>();
  for (const p of raw.map((r) => deref(doc, r)))
    if (isObject(p)) byKey.set(`${String(p.in)}:${String(p.name)}`, p);
  const rank = ['path', 'query', 'header', 'cookie'];
  return [...byKey.values()]
    .sort((a, b) => rank.indexOf(String(a.in)) - rank.indexOf(String(b.in)))
    .map((p) => ({
      name: String(p.name),
      in: String(p.in),
      required: p.required === true,
      description: text(p.description) ?? text(objectAt(p, 'schema').description),
      rows: schemaRows(p.schema ?? {}, doc),
    }));
}

/** The first media type of a body or response (our operations have one each), with examples. */
function bodyOf(doc: unknown, holder: Json): BodyView {
  const [contentType, media] = Object.entries(objectAt(holder, 'content'))[0] ?? ['', {}];
  const mediaType = isObject(media) ? media : {};
  const examples: ExampleView[] = [];
  if ('example' in mediaType) examples.push({ label: 'Example', value: mediaType.example });
  for (const [name, raw] of Object.entries(objectAt(mediaType, 'examples'))) {
    const example = deref(doc, raw);
    if (isObject(example) && 'value' in example)
      examples.push({ label: text(example.summary) ?? name, value: example.value });
  }
  return { contentType, rows: schemaRows(mediaType.schema ?? {}, doc), examples };
}
