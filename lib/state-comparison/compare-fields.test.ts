import { describe, expect, it } from 'vitest';
import { compareFields, flatten, ownerOf, sameValue } from './compare-fields';

const OWNERSHIP = { total: 'commerce', lines: 'commerce', status: 'erp', 'shipTo.*': 'commerce' };

describe('flatten', () => {
  it('turns nested objects and arrays into dotted paths; empty containers are leaves', () => {
    const flat = flatten({
      customer: { email: 'a@b.c' },
      lines: [{ sku: 'A', quantity: 2 }],
      tags: [],
      meta: {},
      note: null,
    });
    expect([...flat.entries()]).toEqual([
      ['customer.email', 'a@b.c'],
      ['lines.0.sku', 'A'],
      ['lines.0.quantity', 2],
      ['tags', []],
      ['meta', {}],
      ['note', null],
    ]);
  });
});

describe('sameValue', () => {
  it('compares numbers and decimal strings as decimals', () => {
    expect(sameValue('12.30', 12.3)).toBe(true);
    expect(sameValue('24.6', '24.60')).toBe(true);
    expect(sameValue('007', 7)).toBe(true);
    expect(sameValue('12.31', 12.3)).toBe(false);
    expect(sameValue('-0.0', 0)).toBe(true);
  });
  it('compares everything else exactly', () => {
    expect(sameValue('EUR', 'eur')).toBe(false);
    expect(sameValue(null, undefined)).toBe(false);
    expect(sameValue(true, 'true')).toBe(false);
    expect(sameValue('1e3', 1000)).toBe(false);
  });
});

describe('ownerOf', () => {
  it('finds exact, parent and wildcard owners, the most specific first', () => {
    expect(ownerOf('total', OWNERSHIP)).toBe('commerce');
    expect(ownerOf('lines.0.sku', OWNERSHIP)).toBe('commerce');
    expect(ownerOf('shipTo.city', OWNERSHIP)).toBe('commerce');
    expect(ownerOf('shipTo', OWNERSHIP)).toBeNull();
    expect(ownerOf('totalTax', OWNERSHIP)).toBeNull();
    expect(ownerOf('shipTo.city', { 'shipTo.*': 'commerce', 'shipTo.city': 'warehouse' })).toBe(
      'warehouse',
    );
  });
});

describe('compareFields', () => {
  const ledger = { orderNumber: '1047', total: '24.60', lines: [{ sku: 'A', quantity: 2 }] };

  it('marks same, different and missing-at-target fields, with the owner', () => {
    const rows = compareFields(
      ledger,
      [
        {
          fields: { orderNumber: '1047', total: '24.60', lines: [{ sku: 'A', quantity: 2 }] },
          addsRows: false,
        },
        {
          fields: { orderNumber: '1047', total: '99.00', lines: [{ sku: 'A' }], extra: 'x' },
          addsRows: true,
        },
      ],
      OWNERSHIP,
    );
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(byField.orderNumber?.difference).toBe('same');
    expect(byField.total).toMatchObject({
      difference: 'different',
      owner: 'commerce',
      cells: [
        { state: 'same', value: '24.60' },
        { state: 'different', value: '99.00' },
      ],
    });
    expect(byField['lines.0.quantity']).toMatchObject({
      difference: 'different',
      owner: 'commerce',
      cells: [{ state: 'same' }, { state: 'absent' }],
    });
    // a field only the target has is shown, not compared
    expect(byField.extra).toMatchObject({ inLedger: false, difference: 'not_compared' });
    expect(rows.map((r) => r.field)).toEqual([
      'orderNumber',
      'total',
      'lines.0.sku',
      'lines.0.quantity',
      'extra',
    ]);
  });

  it('does not call a field the source lacks a difference, nor compare what was not read', () => {
    const rows = compareFields(
      { reference: 'order-1', total: 12.3 },
      [
        { fields: { total: '12.30' }, addsRows: false },
        { fields: null, addsRows: true },
      ],
      {},
    );
    expect(rows).toEqual([
      {
        field: 'reference',
        ledger: 'order-1',
        inLedger: true,
        cells: [{ state: 'absent' }, { state: 'not_read' }],
        owner: null,
        difference: 'not_compared',
      },
      {
        field: 'total',
        ledger: 12.3,
        inLedger: true,
        cells: [{ state: 'same', value: '12.30' }, { state: 'not_read' }],
        owner: null,
        difference: 'same',
      },
    ]);
  });

  it('compares arrays element by element: a reordered array differs', () => {
    const rows = compareFields(
      { lines: [{ sku: 'A' }, { sku: 'B' }] },
      [{ fields: { lines: [{ sku: 'B' }, { sku: 'A' }, { sku: 'C' }] }, addsRows: true }],
      {},
    );
    expect(rows.map((r) => [r.field, r.difference])).toEqual([
      ['lines.0.sku', 'different'],
      ['lines.1.sku', 'different'],
      ['lines.2.sku', 'not_compared'],
    ]);
  });
});
