import { describe, expect, it } from 'vitest';
import {
  checkFieldOwnership,
  checkMappingDraft,
  checkStatusTable,
  jsonObject,
} from './mapping-draft';

const SYSTEMS = ['commerce', 'warehouse'];
const valid = {
  expression: '{ "reference": name }',
  outputSchema: '{ "type": "object" }',
  statusTable: '{ "CREATED": "completed", "ERROR": "needs_review" }',
  fieldOwnership: '{ "shipTo.*": "commerce", "status": "warehouse" }',
  note: '  new reference  ',
};

describe('checkMappingDraft', () => {
  it('accepts a valid draft given as text, parsing the JSON fields and trimming the note', () => {
    expect(checkMappingDraft(valid, SYSTEMS)).toEqual({
      ok: true,
      draft: {
        expression: valid.expression,
        outputSchema: { type: 'object' },
        statusTable: { CREATED: 'completed', ERROR: 'needs_review' },
        fieldOwnership: { 'shipTo.*': 'commerce', status: 'warehouse' },
        note: 'new reference',
      },
    });
  });

  it('accepts JSON fields given as values (the API) and an empty note as none', () => {
    const result = checkMappingDraft(
      {
        ...valid,
        statusTable: { OK: 'completed' },
        outputSchema: {},
        fieldOwnership: {},
        note: ' ',
      },
      SYSTEMS,
    );
    expect(result).toMatchObject({ ok: true, draft: { note: null, outputSchema: {} } });
  });

  it('reports every invalid field at once', () => {
    const result = checkMappingDraft(
      {
        expression: '{ "a": 1 "b" }',
        outputSchema: '[1]',
        statusTable: '{}',
        fieldOwnership: '{ "x": "nowhere" }',
        note: 'n'.repeat(501),
      },
      SYSTEMS,
    );
    expect(result.ok).toBe(false);
    const errors = result.ok ? {} : result.errors;
    expect(Object.keys(errors).sort()).toEqual([
      'expression',
      'fieldOwnership',
      'note',
      'outputSchema',
      'statusTable',
    ]);
    expect(errors.expression).toMatchObject({ code: 'S0202', line: 1, column: 10 });
  });
});

describe('jsonObject', () => {
  it('names the line and column of a JSON syntax error', () => {
    const result = jsonObject('{\n  "a": 1,\n  "b" 2\n}', 'The output schema');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      /^The output schema is not valid JSON at line 3, column 7: \S/,
    );
  });

  it.each([['[]'], ['null'], ['"text"'], ['42']])('refuses %s: not an object', (text) => {
    expect(jsonObject(text, 'X')).toEqual({
      ok: false,
      error: 'X must be a JSON object ({ ... })',
    });
  });

  it('treats empty text as an empty object', () => {
    expect(jsonObject('  ', 'X')).toEqual({ ok: true, value: {} });
  });

  it('refuses more than 64 KB', () => {
    const big = JSON.stringify({ a: 'x'.repeat(70_000) });
    expect(jsonObject(big, 'X')).toEqual({ ok: false, error: 'X is larger than 64 KB' });
  });
});

describe('checkStatusTable', () => {
  it('refuses a status the engine does not settle to, naming the entry', () => {
    expect(checkStatusTable({ CREATED: 'completed', QUEUED: 'processing' })).toEqual({
      ok: false,
      error: '"QUEUED" maps to "processing": use one of completed, needs_review, failed',
    });
  });

  it('refuses a non-string value', () => {
    expect(checkStatusTable({ CREATED: 1 })).toMatchObject({ ok: false });
  });

  it('refuses a table where nothing completes', () => {
    expect(checkStatusTable({ ERROR: 'needs_review' })).toEqual({
      ok: false,
      error: 'No provider status maps to "completed": nothing could ever complete',
    });
  });

  it('refuses an empty table', () => {
    expect(checkStatusTable('{}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('empty') as unknown,
    });
  });
});

describe('checkFieldOwnership', () => {
  it('accepts nested paths and wildcards owned by known connections', () => {
    expect(
      checkFieldOwnership(
        { total: 'commerce', 'shipTo.city': 'warehouse', 'a.*': 'commerce' },
        SYSTEMS,
      ),
    ).toMatchObject({ ok: true });
  });

  it.each([['ship to'], ['.x'], ['a..b'], ['1abc'], ['']])('refuses the field path %j', (path) => {
    expect(checkFieldOwnership({ [path]: 'commerce' }, SYSTEMS)).toMatchObject({ ok: false });
  });

  it('refuses an owner that is not a connection, listing the known ones', () => {
    expect(checkFieldOwnership({ total: 'erp' }, SYSTEMS)).toEqual({
      ok: false,
      error: '"total" is owned by "erp": name one of the connections (commerce, warehouse)',
    });
  });
});
