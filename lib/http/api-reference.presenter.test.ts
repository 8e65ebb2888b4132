import { describe, expect, it } from 'vitest';
import { catalogEntries } from './api-catalog';
import { apiReferenceView, tagAnchor } from './api-reference.presenter';
import { buildOpenApiDocument } from './openapi';

// A small hand-made document: only the parts the page reads, to pin each transformation down.
const small = {
  openapi: '3.1.0',
  info: { title: 'Test API', version: '7', description: 'About it.' },
  tags: [{ name: 'Zebras', description: 'Striped.' }, { name: 'Apples' }, { name: 'Unused' }],
  paths: {
    '/api/v1/apples/{id}': {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { $ref: '#/components/parameters/Limit' },
      ],
      post: {
        operationId: 'pickApple',
        tags: ['Apples'],
        summary: 'Pick one',
        description: 'Picks it.\n\nRequires the scope `transactions.replay` (an API token...).',
        'x-required-scope': 'transactions.replay',
        // the operation's own limit replaces the path's
        parameters: [
          { name: 'verbose', in: 'query', schema: { type: 'boolean' } },
          { name: 'limit', in: 'query', required: true, schema: { type: 'integer' } },
        ],
        requestBody: { $ref: '#/components/requestBodies/Pick' },
        responses: {
          '404': { $ref: '#/components/responses/NotFound' },
          '200': {
            description: 'Picked',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { ok: { type: 'boolean' } } },
                examples: { yes: { summary: 'it worked', value: { ok: true } } },
              },
            },
          },
        },
      },
      get: {
        operationId: 'getApple',
        tags: ['Apples'],
        'x-required-scope': 'no.such.permission',
        responses: { '200': { description: 'ok' } },
      },
    },
    '/api/v1/zebras': {
      get: { operationId: 'listZebras', tags: ['Zebras'], responses: {} },
    },
    '/api/v1/kiwis': {
      delete: { operationId: 'dropKiwi', tags: ['Kiwis'], responses: {} },
    },
  },
  components: {
    parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' } } },
    requestBodies: {
      Pick: {
        required: true,
        content: { 'application/json': { schema: { type: 'object' }, example: { gently: true } } },
      },
    },
    responses: {
      NotFound: {
        description: 'Not here',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
    schemas: { Error: { type: 'object', properties: { error: { type: 'string' } } } },
    securitySchemes: { token: { type: 'http', scheme: 'bearer', bearerFormat: 'tk_x' } },
  },
};

describe('apiReferenceView on a small document', () => {
  const view = apiReferenceView(small);
  const pick = view.groups[1]?.operations.find((o) => o.id === 'pickApple');

  it('groups operations by their first tag in declared order, undeclared tags last, empty ones left out', () => {
    expect(view.groups.map((g) => g.name)).toEqual(['Zebras', 'Apples', 'Kiwis']);
    expect(view.groups[0]).toMatchObject({ anchor: 'tag-zebras', description: 'Striped.' });
    expect(view.groups[1]?.operations.map((o) => `${o.method} ${o.id}`)).toEqual([
      'GET getApple',
      'POST pickApple',
    ]);
    expect(view.operationCount).toBe(4);
  });

  it("merges path-level parameters with the operation's (its own win), path ones first", () => {
    expect(pick?.parameters.map((p) => `${p.in} ${p.name} ${p.required}`)).toEqual([
      'path id true',
      'query limit true',
      'query verbose false',
    ]);
    expect(pick?.parameters[1]?.rows[0]?.type).toBe('integer');
  });

  it('resolves $refs to parameters, request bodies and responses, keeping the shared schema named', () => {
    expect(pick?.requestBody).toMatchObject({
      required: true,
      contentType: 'application/json',
      examples: [{ label: 'Example', value: { gently: true } }],
    });
    const notFound = pick?.responses.find((r) => r.status === '404');
    expect(notFound?.description).toBe('Not here');
    expect(notFound?.body?.rows).toEqual([
      expect.objectContaining({ type: 'Error', ref: 'Error' }),
    ]);
    expect(view.sharedSchemas).toEqual([
      {
        name: 'Error',
        rows: [
          expect.objectContaining({ type: 'object' }),
          expect.objectContaining({ name: 'error' }),
        ],
      },
    ]);
  });

  it('sorts responses by status and reads named examples', () => {
    expect(pick?.responses.map((r) => r.status)).toEqual(['200', '404']);
    expect(pick?.responses[0]?.body?.examples).toEqual([
      { label: 'it worked', value: { ok: true } },
    ]);
  });

  it('shows the scope as data: the roles holding it, and the generated sentence dropped', () => {
    expect(pick?.scope).toBe('transactions.replay');
    expect(pick?.roles).toEqual(['admin', 'support']);
    expect(pick?.description).toEqual(['Picks it.']);
    const get = view.groups[1]?.operations[0];
    expect(get).toMatchObject({ scope: 'no.such.permission', roles: [], requestBody: null });
  });

  it('describes the security schemes and the document', () => {
    expect(view).toMatchObject({ title: 'Test API', version: '7', description: 'About it.' });
    expect(view.securitySchemes).toEqual([
      { name: 'token', description: null, how: 'Authorization: Bearer tk_x' },
    ]);
  });

  it('survives a document with nothing in it', () => {
    expect(apiReferenceView({})).toMatchObject({ title: 'API', groups: [], sharedSchemas: [] });
    expect(apiReferenceView(null).operationCount).toBe(0);
  });
});

describe('apiReferenceView on the served document', () => {
  const view = apiReferenceView(buildOpenApiDocument());
  const all = view.groups.flatMap((g) => g.operations);

  it('shows every catalog operation exactly once, under its tag', () => {
    expect(all.map((o) => o.id).sort()).toEqual(
      catalogEntries()
        .map((e) => e.spec.operation.id)
        .sort(),
    );
    for (const { spec } of catalogEntries()) {
      const group = view.groups.find((g) => g.operations.some((o) => o.id === spec.operation.id));
      expect(group?.name, spec.operation.id).toBe(spec.operation.tag);
    }
  });

  it('names the scope and its roles for every operation, and links every error answer to Error', () => {
    for (const op of all) {
      expect(op.scope, op.id).toBeTruthy();
      expect(op.roles.length, op.id).toBeGreaterThan(0);
      expect(op.description.join(' '), op.id).not.toContain('Requires the scope');
      const errors = op.responses.filter((r) => /^4/.test(r.status));
      expect(errors.length, op.id).toBeGreaterThan(0);
      for (const e of errors) expect(e.body?.rows[0]?.ref, `${op.id} ${e.status}`).toBe('Error');
    }
    expect(view.sharedSchemas.map((s) => s.name)).toEqual(['Error']);
  });

  it('gives every JSON success answer fields to read, and the timeline its id and limit', () => {
    for (const op of all) {
      const success = op.responses.find((r) => r.status.startsWith('2'));
      if (success?.body?.contentType === 'application/json')
        expect(success.body.rows.length, op.id).toBeGreaterThan(0);
    }
    const timeline = all.find((o) => o.path === '/api/v1/transactions/{id}/timeline');
    expect(timeline?.parameters.map((p) => `${p.in} ${p.name}`)).toEqual(
      expect.arrayContaining(['path id', 'query limit']),
    );
  });

  it('makes anchors unique per tag', () => {
    const anchors = view.groups.map((g) => g.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(tagAnchor('Alerts and SLAs')).toBe('tag-alerts-and-slas');
  });
});
