import { describe, expect, it } from 'vitest';
import { bulkIdsSchema, describeBulkOutcome } from './bulk-action';
import { MAX_BULK_IDS } from './human-transition';

const id = (n: number) => `01963f5e-7c1a-7000-8000-${String(n).padStart(12, '0')}`;
const outcome = (
  applied: number,
  skipped: { status: 'completed' | 'cancelled' | 'processing' }[],
) => ({
  applied: Array.from({ length: applied }, (_, i) => id(i)),
  skipped: skipped.map((s, i) => ({ id: id(100 + i), status: s.status })),
  notFound: [],
  connectionIds: [],
});

describe('describeBulkOutcome', () => {
  it('names what was done and why the rest was skipped', () => {
    expect(
      describeBulkOutcome(
        'replay',
        outcome(12, [{ status: 'completed' }, { status: 'completed' }, { status: 'completed' }]),
      ),
    ).toBe('Replayed 12 · 3 skipped (already completed)');
  });

  it('counts each reason when the skipped ones differ', () => {
    expect(
      describeBulkOutcome(
        'cancel',
        outcome(1, [{ status: 'completed' }, { status: 'processing' }, { status: 'completed' }]),
      ),
    ).toBe('Cancelled 1 · 3 skipped (2 already completed, 1 processing)');
  });

  it('says nothing about skips when there were none, and reports unknown ids', () => {
    expect(describeBulkOutcome('resolve', outcome(4, []))).toBe('Resolved 4');
    expect(describeBulkOutcome('resolve', { ...outcome(0, []), notFound: [id(1)] })).toBe(
      'Resolved 0 · 1 not found',
    );
  });
});

describe('bulkIdsSchema', () => {
  it('accepts uuids and drops duplicates', () => {
    expect(bulkIdsSchema.parse([id(1), id(1).toUpperCase(), id(2)])).toEqual([id(1), id(2)]);
  });

  it('refuses nothing, garbage and more than the bulk limit', () => {
    expect(bulkIdsSchema.safeParse([]).success).toBe(false);
    expect(bulkIdsSchema.safeParse(['1; DROP TABLE transactions']).success).toBe(false);
    const many = Array.from({ length: MAX_BULK_IDS + 1 }, (_, i) => id(i));
    expect(bulkIdsSchema.safeParse(many).success).toBe(false);
    expect(bulkIdsSchema.safeParse(many.slice(0, MAX_BULK_IDS)).success).toBe(true);
  });
});
