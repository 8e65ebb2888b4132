import { describe, expect, it } from 'vitest';
import { diffMappings, diffText, stableJson, type MappingContent } from './mapping-diff';

const v1: MappingContent = {
  version: 1,
  expression: '{\n  "a": x,\n  "b": y,\n  "c": z\n}',
  outputSchema: {},
  statusTable: { CREATED: 'completed', ERROR: 'needs_review' },
  fieldOwnership: { total: 'commerce' },
  note: 'initial mapping',
};

describe('diffText', () => {
  it('numbers removed and added lines on their own side', () => {
    const d = diffText('expression', 'one\ntwo\nthree', 'one\nTWO\nthree');
    expect(d).toMatchObject({ changed: true, added: 1, removed: 1 });
    expect(d.hunks).toHaveLength(1);
    expect(d.hunks[0]?.header).toBe('@@ -1,3 +1,3 @@');
    expect(d.hunks[0]?.lines).toEqual([
      { kind: 'context', text: 'one', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'two', oldLine: 2, newLine: null },
      { kind: 'added', text: 'TWO', oldLine: null, newLine: 2 },
      { kind: 'context', text: 'three', oldLine: 3, newLine: 3 },
    ]);
  });

  it('says "no change" with no hunks for equal texts, trailing newline or not', () => {
    expect(diffText('note', 'same', 'same\n')).toMatchObject({ changed: false, hunks: [] });
  });

  it('splits distant changes into separate hunks with 3 lines of context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 2\n', 'line 2!\n').replace('line 19', 'line 19!');
    const d = diffText('expression', before, after);
    expect(d.hunks.map((h) => h.header)).toEqual(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
  });
});

describe('stableJson', () => {
  it('sorts keys at every level so key order is not a change', () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe(
      stableJson({ a: { c: 2, d: [{ y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

describe('diffMappings', () => {
  it('reports only the fields that changed', () => {
    const v2 = {
      ...v1,
      version: 2,
      expression: v1.expression.replace('"b": y', '"b": $uppercase(y)'),
      statusTable: { ERROR: 'failed', CREATED: 'completed' },
      note: 'uppercase b',
    };
    const d = diffMappings(v1, v2);
    expect(d).toMatchObject({ from: 1, to: 2 });
    expect(Object.fromEntries(d.fields.map((f) => [f.field, f.changed]))).toEqual({
      expression: true,
      statusTable: true,
      fieldOwnership: false,
      outputSchema: false,
      note: true,
    });
    const table = d.fields.find((f) => f.field === 'statusTable');
    expect(table?.hunks[0]?.lines.filter((l) => l.kind !== 'context').map((l) => l.text)).toEqual([
      '  "ERROR": "needs_review"',
      '  "ERROR": "failed"',
    ]);
  });
});
