import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { diffOutputs, droppedFields } from './test-run-compare';

describe('droppedFields', () => {
  const schema = z.object({
    reference: z.string(),
    lines: z.array(z.object({ sku: z.string() })),
    shipTo: z.object({ name: z.string() }),
  });

  it('names the fields zod strips, nested and in array items once', () => {
    const output = {
      reference: 'order-1',
      source: 'storefront',
      lines: [
        { sku: 'A', gift: true },
        { sku: 'B', gift: false },
      ],
      shipTo: { name: 'Ada', 'phone number': '1' },
    };
    expect(droppedFields(output, schema.parse(output))).toEqual([
      'source',
      'lines[].gift',
      'shipTo["phone number"]',
    ]);
  });

  it('finds nothing when the output is exactly the command, or undefined keys were stripped', () => {
    const output = { reference: 'r', lines: [{ sku: 'A' }], shipTo: { name: 'x' } };
    expect(droppedFields(output, schema.parse(output))).toEqual([]);
    expect(droppedFields({ ...output, note: undefined }, output)).toEqual([]);
  });

  it('ignores non-objects', () => {
    expect(droppedFields('text', 'text')).toEqual([]);
    expect(droppedFields(null, null)).toEqual([]);
  });
});

describe('diffOutputs', () => {
  it('lists added, changed and removed leaves with both values', () => {
    const active = { reference: 'order-1', lines: [{ sku: 'A', quantity: 1 }], old: true };
    const tested = {
      reference: 'order-v2-1',
      lines: [{ sku: 'A', quantity: 1 }],
      source: 'storefront',
    };
    expect(diffOutputs(active, tested)).toEqual([
      { path: 'reference', kind: 'changed', before: '"order-1"', after: '"order-v2-1"' },
      { path: 'source', kind: 'added', after: '"storefront"' },
      { path: 'old', kind: 'removed', before: 'true' },
    ]);
  });

  it('says nothing for equal outputs and treats empty containers as values', () => {
    expect(diffOutputs({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
    expect(diffOutputs({ a: [] }, { a: [1] })).toEqual([
      { path: 'a[0]', kind: 'added', after: '1' },
      { path: 'a', kind: 'removed', before: '[]' },
    ]);
    expect(diffOutputs(1, 2)).toEqual([
      { path: '(whole output)', kind: 'changed', before: '1', after: '2' },
    ]);
  });
});
