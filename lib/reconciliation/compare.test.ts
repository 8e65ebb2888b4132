import { describe, expect, it } from 'vitest';
import type { ProviderRecord } from '@/lib/providers/port';
import { actionFor, compare, ownerOf, type LedgerRecord } from './compare';

const rules = {
  statusTable: { OPEN: 'completed', INVOICED: 'completed', CANCELLED: 'needs_review' },
  fieldOwnership: { total: 'commerce', status: 'erp', 'shipTo.*': 'commerce' },
};

function ledger(n: number, over: Partial<LedgerRecord> = {}): LedgerRecord {
  return {
    transactionId: `t${n}`,
    businessKey: String(1000 + n),
    sourceObjectId: `o${n}`,
    status: 'completed',
    targetRef: `SO-${n}`,
    fields: { total: '10.00', currency: 'EUR', lines: [{ sku: 'A', quantity: 1 }] },
    ...over,
  };
}

function rec(ref: string, over: Partial<ProviderRecord> = {}): ProviderRecord {
  return {
    ref,
    businessKey: ref,
    status: 'OPEN',
    fields: { total: '10.00', currency: 'EUR' },
    amountMinor: 1000,
    currency: 'EUR',
    updatedAt: null,
    ...over,
  };
}

describe('compare: source side', () => {
  it('reports a source record without a transaction as missing_in_ledger, with the record', () => {
    const source = [rec('o1'), rec('o2', { businessKey: '1002', amountMinor: 4599 })];
    const result = compare({ ledger: [ledger(1)], source, rules });
    expect(result.matched).toBe(1);
    expect(result.items).toEqual([
      expect.objectContaining({
        kind: 'missing_in_ledger',
        businessKey: '1002',
        providerRef: 'o2',
        transactionId: null,
        amountMinor: 4599,
        currency: 'EUR',
        providerRecord: source[1],
      }),
    ]);
  });

  it('counts a transaction in any status as present: a failed one is an error, not drift', () => {
    const result = compare({
      ledger: [ledger(1, { status: 'failed' })],
      source: [rec('o1')],
      rules,
    });
    expect(result).toEqual({ matched: 1, items: [] });
  });

  it('compares nothing on a side that was not given', () => {
    expect(compare({ ledger: [ledger(1)], rules })).toEqual({ matched: 0, items: [] });
  });
});

describe('compare: target side', () => {
  it('matches a completed record whose status and fields agree', () => {
    expect(compare({ ledger: [ledger(1)], target: [rec('SO-1')], rules })).toEqual({
      matched: 1,
      items: [],
    });
  });

  it('reports missing_in_target only for completed transactions with a reference', () => {
    const result = compare({
      ledger: [ledger(1), ledger(2, { status: 'failed' }), ledger(3, { targetRef: null })],
      target: [],
      rules,
    });
    expect(result.matched).toBe(0);
    expect(result.items).toEqual([
      expect.objectContaining({
        kind: 'missing_in_target',
        transactionId: 't1',
        providerRef: 'SO-1',
        businessKey: '1001',
      }),
    ]);
  });

  it('reports a status the status table does not translate to the ledger status', () => {
    const result = compare({
      ledger: [ledger(1)],
      target: [rec('SO-1', { status: 'CANCELLED' })],
      rules,
    });
    expect(result.items).toEqual([
      expect.objectContaining({
        kind: 'status_mismatch',
        field: 'status',
        ledgerValue: 'completed',
        providerValue: 'CANCELLED',
        owner: 'erp',
      }),
    ]);
    expect(result.matched).toBe(0);
  });

  it('accepts any provider status that translates to the ledger status', () => {
    const result = compare({
      ledger: [ledger(1)],
      target: [rec('SO-1', { status: 'INVOICED' })],
      rules,
    });
    expect(result).toEqual({ matched: 1, items: [] });
  });

  it('reports each differing field with both values and its owner', () => {
    const result = compare({
      ledger: [ledger(1)],
      target: [rec('SO-1', { fields: { total: '12.50', currency: 'USD' }, amountMinor: 1250 })],
      rules,
    });
    expect(result.items).toEqual([
      expect.objectContaining({
        kind: 'field_mismatch',
        field: 'total',
        ledgerValue: '10.00',
        providerValue: '12.50',
        owner: 'commerce',
        amountMinor: 1250,
      }),
      expect.objectContaining({ kind: 'field_mismatch', field: 'currency', owner: null }),
    ]);
  });

  it('ignores provider fields the ledger command does not carry, compares objects by value', () => {
    const result = compare({
      ledger: [ledger(1)],
      target: [
        rec('SO-1', {
          fields: { total: '10.00', lines: [{ sku: 'A', quantity: 1 }], warehouseNote: 'x' },
        }),
      ],
      rules,
    });
    expect(result).toEqual({ matched: 1, items: [] });
  });

  it('compares nested values whatever their key order, and tells arrays from objects', () => {
    const l = ledger(1, {
      fields: { shipTo: { city: 'Berlin', zip: '10115' }, lines: [{ sku: 'A' }] },
    });
    const agree = rec('SO-1', {
      fields: { shipTo: { zip: '10115', city: 'Berlin' }, lines: [{ sku: 'A' }] },
    });
    expect(compare({ ledger: [l], target: [agree], rules }).matched).toBe(1);
    const differ = rec('SO-1', {
      fields: { shipTo: { zip: '10115', city: 'Bern' }, lines: { 0: { sku: 'A' } } },
    });
    const result = compare({ ledger: [l], target: [differ], rules });
    expect(result.items.map((i) => [i.field, i.owner])).toEqual([
      ['shipTo', 'commerce'],
      ['lines', null],
    ]);
  });

  it('skips the status check when the provider gives none', () => {
    const result = compare({ ledger: [ledger(1)], target: [rec('SO-1', { status: null })], rules });
    expect(result.matched).toBe(1);
  });
});

describe('ownerOf', () => {
  it('finds exact and wildcard owners, null otherwise', () => {
    expect(ownerOf('total', rules.fieldOwnership)).toBe('commerce');
    expect(ownerOf('shipTo.city', rules.fieldOwnership)).toBe('commerce');
    expect(ownerOf('shipTo', rules.fieldOwnership)).toBe('commerce');
    expect(ownerOf('shipToX', rules.fieldOwnership)).toBeNull();
    expect(ownerOf('email', rules.fieldOwnership)).toBeNull();
  });
});

describe('actionFor', () => {
  it('backfills what never arrived and replays what the target lacks or disagrees on', () => {
    expect(actionFor('missing_in_ledger')).toBe('backfill');
    expect(actionFor('missing_in_target')).toBe('replay');
    expect(actionFor('status_mismatch')).toBe('replay');
    expect(actionFor('field_mismatch')).toBe('replay');
  });
});

describe('compare: shared target records (upserts)', () => {
  it("compares a superseded transaction's existence only, and the latest one's fields", () => {
    // two orders of one customer wrote the same contact; the contact shows the second
    const earlier = ledger(1, { targetRef: 'C-1', fields: { givenName: 'Ada' }, superseded: true });
    const latest = ledger(2, { targetRef: 'C-1', fields: { givenName: 'Augusta' } });
    const contact = rec('C-1', { status: null, fields: { givenName: 'Augusta' } });
    expect(compare({ ledger: [earlier, latest], target: [contact], rules })).toEqual({
      matched: 2,
      items: [],
    });
    // someone renames the contact: reported once, on the transaction the record reflects
    const renamed = rec('C-1', { status: null, fields: { givenName: 'Renamed' } });
    const result = compare({ ledger: [earlier, latest], target: [renamed], rules });
    expect(result.items.map((i) => [i.kind, i.transactionId, i.field])).toEqual([
      ['field_mismatch', 't2', 'givenName'],
    ]);
    // and a contact that is gone is missing for both
    const gone = compare({ ledger: [earlier, latest], target: [], rules });
    expect(gone.items.map((i) => [i.kind, i.transactionId])).toEqual([
      ['missing_in_target', 't1'],
      ['missing_in_target', 't2'],
    ]);
  });
});

describe('compare: scale', () => {
  // Correctness at the size a nightly run meets; its speed is measured by `npm run bench`
  // (reconciliation scenario), never asserted by a clock inside a test.
  it('compares 100,000 records on both sides and finds exactly the two differences', () => {
    const n = 100_000;
    const rows = Array.from({ length: n }, (_, i) => ledger(i));
    const source = Array.from({ length: n }, (_, i) => rec(i === 7 ? 'gone' : `o${i}`));
    const target = Array.from({ length: n }, (_, i) =>
      rec(`SO-${i}`, i === 9 ? { fields: { total: '99.00' } } : {}),
    );
    const result = compare({ ledger: rows, source, target, rules });
    expect(result.items.map((i) => i.kind)).toEqual(['missing_in_ledger', 'field_mismatch']);
    expect(result.matched).toBe(2 * n - 2);
    // a loaded machine (suites side by side) takes seconds to build the fixtures: no clock here
  }, 60_000);
});

describe('compare: causes and both amounts', () => {
  it("names why a field differs and carries the ledger's money beside the provider's", () => {
    const result = compare({
      ledger: [ledger(1, { businessKey: 'SO-1', fields: { total: '10.00', currency: 'EUR' } })],
      target: [rec('SO-1', { fields: { total: '12.00' }, amountMinor: 1200 })],
      rules,
    });
    expect(result.items).toEqual([
      expect.objectContaining({
        kind: 'field_mismatch',
        field: 'total',
        cause: 'amount_differs',
        ledgerAmountMinor: 1000,
        ledgerCurrency: 'EUR',
        amountMinor: 1200,
        currency: 'EUR',
      }),
    ]);
  });

  it('gives every item of a record whose reference now names another order one cause', () => {
    const result = compare({
      ledger: [ledger(1, { businessKey: '1047' })],
      target: [
        rec('SO-1', {
          businessKey: '1003',
          status: 'CANCELLED',
          fields: { total: '55.00', currency: 'EUR', lines: [{ sku: 'B', quantity: 2 }] },
        }),
      ],
      rules,
    });
    expect(result.items.map((i) => [i.kind, i.field, i.cause])).toEqual([
      ['status_mismatch', 'status', 'reference_reissued'],
      ['field_mismatch', 'total', 'reference_reissued'],
      ['field_mismatch', 'lines', 'reference_reissued'],
    ]);
  });

  it('marks what is missing: an event never received, a record the target lacks', () => {
    const result = compare({
      ledger: [ledger(1)],
      source: [rec('o1'), rec('o2', { businessKey: '1002' })],
      target: [],
      rules,
    });
    expect(result.items.map((i) => [i.kind, i.cause, i.ledgerAmountMinor])).toEqual([
      ['missing_in_ledger', 'event_missed', null],
      ['missing_in_target', 'record_missing', 1000],
    ]);
  });
});
