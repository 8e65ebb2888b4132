import { describe, expect, it } from 'vitest';
import { addTotals, moneyOf, moneyOfFields, moneyRows, readTotals, type RunTotals } from './totals';

describe('moneyOfFields', () => {
  it('reads total or amount in minor units, with the currency upper-cased', () => {
    expect(moneyOfFields({ total: '129.00', currency: 'eur' })).toEqual({
      minor: 12900,
      currency: 'EUR',
    });
    expect(moneyOfFields({ amount: 45.5, currency: 'USD' })).toEqual({
      minor: 4550,
      currency: 'USD',
    });
    expect(moneyOfFields({ amount: '-12.50' })).toEqual({ minor: -1250, currency: null });
  });

  it('is null for a command without money (a fulfilment, a contact)', () => {
    expect(moneyOfFields({ orderNumber: '1047', lines: [] })).toBeNull();
    expect(moneyOfFields({ total: 'a lot' })).toBeNull();
  });
});

describe('moneyOf', () => {
  it('adds each side to its own currency, counting records per side', () => {
    const money = moneyOf([
      { ledger: { minor: 12900, currency: 'EUR' }, provider: { minor: 99999, currency: 'EUR' } },
      { ledger: { minor: 1000, currency: 'EUR' }, provider: null },
      { ledger: null, provider: { minor: 500, currency: 'USD' } },
      { ledger: { minor: 200, currency: null }, provider: { minor: 200, currency: null } },
    ]);
    expect(money).toEqual({
      EUR: { ledgerMinor: 13900, providerMinor: 99999, ledgerRecords: 2, providerRecords: 1 },
      USD: { ledgerMinor: 0, providerMinor: 500, ledgerRecords: 0, providerRecords: 1 },
      '': { ledgerMinor: 200, providerMinor: 200, ledgerRecords: 1, providerRecords: 1 },
    });
  });
});

const chunk = (over: Partial<Parameters<typeof addTotals>[2]> = {}) => ({
  count: 2,
  amountMinor: 3000,
  currency: 'EUR',
  matched: 1,
  unmatched: 1,
  side: 'target' as const,
  items: 3,
  money: {
    EUR: { ledgerMinor: 4000, providerMinor: 3000, ledgerRecords: 2, providerRecords: 2 },
  },
  ...over,
});

describe('addTotals', () => {
  it('adds chunk after chunk per system and currency', () => {
    let totals: RunTotals = {};
    totals = addTotals(totals, 'erp', chunk());
    totals = addTotals(
      totals,
      'erp',
      chunk({
        money: {
          EUR: { ledgerMinor: 100, providerMinor: 100, ledgerRecords: 1, providerRecords: 1 },
          USD: { ledgerMinor: 7, providerMinor: 0, ledgerRecords: 1, providerRecords: 0 },
        },
      }),
    );
    expect(totals.erp).toEqual({
      count: 4,
      amountMinor: 6000,
      currency: 'EUR',
      matched: 2,
      unmatched: 2,
      side: 'target',
      items: 6,
      money: {
        EUR: { ledgerMinor: 4100, providerMinor: 3100, ledgerRecords: 3, providerRecords: 3 },
        USD: { ledgerMinor: 7, providerMinor: 0, ledgerRecords: 1, providerRecords: 0 },
      },
    });
  });

  it('carries on from totals a run wrote before money was split per currency', () => {
    const old = { erp: { count: 5, amountMinor: 500, currency: 'EUR', matched: 4, unmatched: 1 } };
    const totals = addTotals(old, 'erp', chunk());
    expect(totals.erp).toMatchObject({ count: 7, matched: 5, unmatched: 2, items: 3 });
    expect(totals.erp?.money?.EUR?.ledgerMinor).toBe(4000);
  });
});

describe('moneyRows', () => {
  it('gives ledger, provider and difference per system and currency, counts on the first row', () => {
    const totals = addTotals(
      addTotals({}, 'commerce', chunk({ side: 'source', matched: 10, unmatched: 2 })),
      'erp',
      chunk({
        matched: 9,
        unmatched: 1,
        money: {
          USD: { ledgerMinor: 5, providerMinor: 5, ledgerRecords: 1, providerRecords: 1 },
          EUR: {
            ledgerMinor: 24252120,
            providerMinor: 24251120,
            ledgerRecords: 9,
            providerRecords: 9,
          },
        },
      }),
    );
    const rows = moneyRows(totals);
    expect(rows.map((r) => [r.system, r.currency, r.differenceMinor, r.first])).toEqual([
      ['commerce', 'EUR', 1000, true],
      ['erp', 'EUR', 1000, true],
      ['erp', 'USD', 0, false],
    ]);
    expect(rows[1]).toMatchObject({
      side: 'target',
      ledgerMinor: 24252120,
      providerMinor: 24251120,
      compared: 10,
      matched: 9,
      drifted: 1,
    });
  });

  it('never shows an unknown ledger as zero: an old run has its provider amount only', () => {
    const rows = moneyRows(
      readTotals({
        erp: { count: 3, amountMinor: 900, currency: 'EUR', matched: 3, unmatched: 0 },
      }),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        ledgerMinor: null,
        providerMinor: 900,
        differenceMinor: null,
        noAmounts: false,
      }),
    ]);
  });

  it('marks a side whose records carry no money (a CRM contact)', () => {
    const rows = moneyRows(
      addTotals({}, 'crm', chunk({ money: {}, amountMinor: 0, currency: null })),
    );
    expect(rows).toEqual([
      expect.objectContaining({ system: 'crm', noAmounts: true, ledgerMinor: null, compared: 2 }),
    ]);
  });

  it('reads garbage as no totals', () => {
    expect(readTotals(null)).toEqual({});
    expect(readTotals([1])).toEqual({});
  });
});
