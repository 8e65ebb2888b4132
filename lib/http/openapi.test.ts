import { validate, compileErrors } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogEntries } from './api-catalog';
import { buildOpenApiDocument, jsonSchemaOf } from './openapi';

type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  'x-required-scope'?: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
};
const doc = buildOpenApiDocument() as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method, op })),
);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('would fail validation if an operation were malformed (the check has teeth)', async () => {
    const broken = structuredClone(doc) as { paths: Record<string, Record<string, object>> };
    const [path, methods] = Object.entries(broken.paths)[0] ?? [];
    const method = Object.keys(methods ?? {})[0];
    if (!path || !method) throw new Error('empty document');
    // a response without its required description
    broken.paths[path] = { [method]: { summary: 'broken', responses: { '200': {} } } };
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('has every catalog entry, under its {param} path', () => {
    for (const { method, path, spec } of catalogEntries()) {
      const op = doc.paths[path]?.[method.toLowerCase()];
      expect(op?.operationId, `${method} ${path}`).toBe(spec.operation.id);
      expect(path).not.toMatch(/\[|:/);
    }
    expect(operations).toHaveLength(catalogEntries().length);
  });

  it('documents the success body of every JSON operation (a generated client knows what comes back)', () => {
    const undocumented = catalogEntries()
      .filter((e) => e.spec.operation.produces !== 'text/csv' && !e.spec.response)
      .map((e) => `${e.method} ${e.path}`);
    expect(undocumented).toEqual([]);
    for (const { path, method, op } of operations) {
      const success = Object.entries(
        (
          op as unknown as {
            responses: Record<string, { content?: Record<string, { schema?: object }> }>;
          }
        ).responses,
      ).find(([status]) => status.startsWith('2'));
      const schema = success?.[1].content?.['application/json']?.schema;
      if (schema) expect(Object.keys(schema).length, `${method} ${path}`).toBeGreaterThan(0);
    }
  });

  it('gives every operation a summary and its required scope', () => {
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toBeTruthy();
      expect(op['x-required-scope'], where).toBeTruthy();
      expect(op.description, where).toContain(`\`${op['x-required-scope']}\``);
    }
  });

  it('documents path parameters as required and optional query parameters as optional', () => {
    const tx = doc.paths['/api/v1/transactions/{id}/timeline']?.get;
    expect(tx?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', required: true }),
        expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      ]),
    );
    // status goes through a preprocessor: absent is fine, so it must not be documented required
    const list = doc.paths['/api/v1/transactions']?.get;
    expect(list?.parameters.find((p) => p.name === 'status')?.required).toBe(false);
    expect(doc.paths['/api/v1/transactions/{id}/replay']?.post?.requestBody).toBeTruthy();
  });

  it('embeds the input shape of the zod schema, without its $schema key', () => {
    const json = jsonSchemaOf(z.object({ when: z.coerce.date(), n: z.coerce.number().default(3) }));
    expect(json).not.toHaveProperty('$schema');
    expect(json).toMatchObject({
      properties: { when: { type: 'string', format: 'date-time' }, n: { default: 3 } },
    });
  });
});
