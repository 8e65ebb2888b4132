import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchemaOf } from './openapi';
import {
  componentRows,
  fieldRows,
  resolvePointer,
  schemaRows,
  type SchemaRow,
} from './schema-rows';

const brief = (rows: SchemaRow[]) =>
  rows.map((r) => `${'  '.repeat(r.depth)}${r.name ?? '·'}${r.required ? '*' : ''}: ${r.type}`);

describe('schemaRows', () => {
  it('lists nested object fields one level deeper, marking the required ones', () => {
    const schema = jsonSchemaOf(
      z.object({
        id: z.uuid(),
        target: z.object({ system: z.string(), ref: z.string().optional() }),
      }),
      'output',
    );
    expect(brief(schemaRows(schema, {}))).toEqual([
      '·: object',
      '  id*: string',
      '  target*: object',
      '    system*: string',
      '    ref: string',
    ]);
  });

  it("reads zod's nullable (anyOf with null) as one row 'X | null' with X's fields below", () => {
    const schema = jsonSchemaOf(z.object({ cause: z.object({ code: z.string() }).nullable() }));
    expect(brief(schemaRows(schema, {}))).toEqual([
      '·: object',
      '  cause*: object | null',
      '    code*: string',
    ]);
  });

  it('shows real unions as "one of" with an option row per variant', () => {
    const schema = jsonSchemaOf(
      z.union([z.object({ kind: z.literal('a'), n: z.number() }), z.string()]),
    );
    expect(brief(schemaRows(schema, {}))).toEqual([
      '·: one of',
      '  option 1: object',
      '    kind*: string',
      '    n*: number',
      '  option 2: string',
    ]);
    expect(schemaRows(schema, {})[2]?.constraints).toContain('always a');
  });

  it('names the item type of arrays and lists the fields of object items', () => {
    const schema = jsonSchemaOf(
      z.object({ rows: z.array(z.object({ id: z.string() })), tags: z.array(z.enum(['x', 'y'])) }),
    );
    const rows = schemaRows(schema, {});
    expect(brief(rows)).toEqual([
      '·: object',
      '  rows*: array of object',
      '    id*: string',
      '  tags*: array of string',
    ]);
    expect(rows[3]?.constraints).toContain('one of: x, y');
  });

  it('shows a map by its value type, with a {key} row for object values', () => {
    const schema = jsonSchemaOf(z.record(z.string(), z.object({ on: z.boolean() })));
    expect(brief(schemaRows(schema, {}))).toEqual([
      '·: map of object',
      '  {key}: object',
      '    on*: boolean',
    ]);
  });

  it('keeps a shared component as one named row (shown once elsewhere), not expanded', () => {
    const doc = {
      components: {
        schemas: { Error: { type: 'object', properties: { error: { type: 'string' } } } },
      },
    };
    const rows = schemaRows({ $ref: '#/components/schemas/Error' }, doc);
    expect(rows).toEqual([expect.objectContaining({ type: 'Error', ref: 'Error', depth: 0 })]);
    const items = schemaRows({ type: 'array', items: { $ref: '#/components/schemas/Error' } }, doc);
    expect(brief(items)).toEqual(['·: array of Error', '  [item]: Error']);
    expect(brief(componentRows('Error', doc))).toEqual(['·: object', '  error: string']);
  });

  it('resolves other local $refs in place, with the description beside the $ref winning', () => {
    const doc = {
      $defs: {
        Money: {
          type: 'object',
          description: 'amount',
          properties: { cents: { type: 'integer' } },
        },
      },
    };
    const rows = schemaRows(
      {
        type: 'object',
        properties: { total: { $ref: '#/$defs/Money', description: 'the total' } },
      },
      doc,
    );
    expect(brief(rows)).toEqual(['·: object', '  total: object', '    cents: integer']);
    expect(rows[1]?.description).toBe('the total');
  });

  it('stops at recursion and says so, and names refs it cannot resolve', () => {
    const doc = {
      $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } },
    };
    expect(brief(schemaRows({ $ref: '#/$defs/Node' }, doc))).toEqual([
      '·: object',
      '  child: recursive',
    ]);
    expect(schemaRows({ $ref: '#/$defs/Missing' }, doc)[0]?.type).toBe('unresolved reference');
    expect(schemaRows({ $ref: 'https://example.com/x.json' }, doc)[0]?.type).toBe(
      'unresolved reference',
    );
  });

  it('states constraints in words, leaving out the generated pattern behind a format', () => {
    const [, id, limit, q] = schemaRows(
      jsonSchemaOf(
        z.object({
          id: z.uuid(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          q: z
            .string()
            .max(200)
            .regex(/^[a-z]+$/),
        }),
      ),
      {},
    );
    expect(id?.constraints).toEqual(['format: uuid']);
    expect(limit?.constraints).toEqual(expect.arrayContaining(['maximum: 500', 'default: 50']));
    expect(q?.constraints).toEqual(
      expect.arrayContaining(['pattern: ^[a-z]+$', 'max length: 200']),
    );
  });
});

describe('resolvePointer', () => {
  it('follows escaped JSON pointer segments and array indexes', () => {
    const doc = { paths: { '/a/{id}': { get: { parameters: [{ name: 'id' }] } } } };
    expect(resolvePointer(doc, '#/paths/~1a~1%7Bid%7D/get/parameters/0/name')).toBe('id');
    expect(resolvePointer(doc, '#/paths/nope/get')).toBeUndefined();
  });
});

describe('fieldRows', () => {
  it("drops an object body's own row and moves its fields up a level", () => {
    const rows = schemaRows(jsonSchemaOf(z.object({ a: z.object({ b: z.string() }) })), {});
    expect(brief(fieldRows(rows))).toEqual(['a*: object', '  b*: string']);
  });
  it('keeps the top row of a nullable object, a described object, a scalar or an empty object', () => {
    const nullable = schemaRows(jsonSchemaOf(z.object({ a: z.string() }).nullable()), {});
    expect(fieldRows(nullable)[0]?.type).toBe('object | null');
    const described = schemaRows(jsonSchemaOf(z.object({ a: z.string() }).describe('why')), {});
    expect(fieldRows(described)).toHaveLength(2);
    expect(fieldRows(schemaRows({ type: 'string' }, {}))).toHaveLength(1);
    expect(fieldRows(schemaRows({ type: 'object' }, {}))).toHaveLength(1);
  });
});
