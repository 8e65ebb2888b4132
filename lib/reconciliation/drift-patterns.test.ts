import { describe, expect, it } from 'vitest';
import { itemsByKind, patternTitle, sortPatterns } from './drift-patterns.presenter';

describe('drift patterns', () => {
  it('titles a pattern by kind, field and cause', () => {
    expect(patternTitle({ kind: 'field_mismatch', field: 'total', cause: 'amount_differs' })).toBe(
      'Field mismatch on total: amount differs',
    );
    expect(patternTitle({ kind: 'field_mismatch', field: null, cause: 'reference_reissued' })).toBe(
      'Field mismatch: reference reissued to another order',
    );
    // items stored before causes: kind and field only
    expect(patternTitle({ kind: 'status_mismatch', field: 'status', cause: null })).toBe(
      'Status mismatch on status',
    );
  });

  it('puts the largest pattern first and sums items per kind', () => {
    const patterns = [
      { kind: 'status_mismatch', field: 'status', items: 4 },
      { kind: 'field_mismatch', field: null, items: 858 },
      { kind: 'missing_in_target', field: null, items: 12 },
      { kind: 'field_mismatch', field: 'total', items: 12 },
    ];
    expect(sortPatterns(patterns).map((p) => p.items)).toEqual([858, 12, 12, 4]);
    expect(sortPatterns(patterns)[1]?.kind).toBe('field_mismatch');
    expect(itemsByKind(patterns)).toEqual({
      status_mismatch: 4,
      field_mismatch: 870,
      missing_in_target: 12,
    });
  });
});
