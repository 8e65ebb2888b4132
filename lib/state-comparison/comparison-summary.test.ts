import { describe, expect, it } from 'vitest';
import { summarizeComparison } from './comparison-summary';

const rows = (...d: ('same' | 'different' | 'not_compared')[]) =>
  d.map((difference) => ({ difference }));
const read = { name: 'Warehouse', state: 'read' as const };

describe('summarizeComparison', () => {
  it('says "no differences" only of fields compared, and counts the rest', () => {
    expect(summarizeComparison(rows('same', 'same', 'not_compared'), [read], true)).toEqual({
      compared: 2,
      differences: 0,
      notCompared: 1,
      text: 'No differences in the fields that could be compared (2 compared). 1 field could not be compared.',
    });
  });

  it('counts differences among the compared fields', () => {
    expect(summarizeComparison(rows('same', 'different'), [read], true).text).toBe(
      '1 field differs of 2 compared.',
    );
  });

  it('says nothing could be compared, and why, when every row reads "Not compared"', () => {
    const failed = summarizeComparison(
      rows('not_compared', 'not_compared'),
      [
        { name: 'Warehouse', state: 'failed' },
        { name: 'Storefront', state: 'not_read', message: 'Storefront cannot be read live.' },
      ],
      true,
    );
    expect(failed.compared).toBe(0);
    expect(failed.text).toBe(
      'Nothing could be compared: Warehouse could not be read; Storefront cannot be read live.',
    );
    expect(failed.text).not.toContain('No differences');
    expect(summarizeComparison([], [read], false).text).toBe(
      'Nothing could be compared: no command has been sent yet, so the ledger holds no values to compare.',
    );
    expect(summarizeComparison(rows('not_compared'), [read], true).text).toBe(
      "Nothing could be compared: the records read share no field with the ledger's command.",
    );
  });
});
