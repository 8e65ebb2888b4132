import { describe, expect, it } from 'vitest';
import { countsSentence, runCounts } from './run-counts';

const side = (matched: number, unmatched: number) => ({
  count: matched + unmatched,
  amountMinor: 0,
  currency: null,
  matched,
  unmatched,
});

describe('runCounts and the sentence that relates them', () => {
  it('adds up: compared = matched + with drift, per system and in all', () => {
    const counts = runCounts(
      { commerce: side(150, 150), erp: side(124, 142) },
      { missing_in_ledger: 150, field_mismatch: 724 },
    );
    expect(counts).toMatchObject({ compared: 566, matched: 274, drifted: 292, items: 874 });
    expect(counts.compared).toBe(counts.matched + counts.drifted);
    expect(countsSentence(counts, { commerce: 'Storefront', erp: 'ERP' })).toBe(
      '566 records compared (Storefront 300, ERP 266): 274 matched + 292 with drift. ' +
        '874 drift items (150 missing in the ledger, 724 field mismatches): one record can differ ' +
        'in several fields, so there are more items than records with drift.',
    );
  });

  it('says "one per record" when every record with drift has exactly one item', () => {
    const counts = runCounts({ erp: side(41, 1) }, { status_mismatch: 1 });
    expect(countsSentence(counts)).toBe(
      '42 records compared: 41 matched + 1 with drift. 1 drift item (1 status mismatch): one per record with drift.',
    );
  });

  it('says there is no drift when nothing differs', () => {
    expect(countsSentence(runCounts({ erp: side(1, 0) }, {}))).toBe(
      '1 record compared: 1 matched + 0 with drift. No drift items.',
    );
  });
});
