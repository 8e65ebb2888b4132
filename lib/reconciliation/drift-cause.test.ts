import { describe, expect, it } from 'vitest';
import { causeLabel, fieldCause, reissued } from './drift-cause';

describe('fieldCause', () => {
  it.each([
    ['129.00', '999.99', 'amount_differs'],
    [12.5, '12.30', 'amount_differs'],
    ['Ada', null, 'missing_at_provider'],
    [undefined, 'Ada', 'missing_in_ledger_value'],
    ['ada@example.com', 'ADA@example.com', 'letter_case'],
    ['Ada  Lovelace', 'Ada Lovelace ', 'whitespace'],
    [[{ sku: 'A' }], [{ sku: 'B' }], 'lines_differ'],
    ['Ada', 'Grace', 'value_differs'],
    [{ name: 'Ada' }, { name: 'Grace' }, 'value_differs'],
  ])('%j against %j is %s', (ledger, provider, cause) => {
    expect(fieldCause(ledger, provider)).toBe(cause);
  });
});

describe('reissued', () => {
  it('is a reference that now names another order; an empty key says nothing', () => {
    expect(reissued('1047', '1003')).toBe(true);
    expect(reissued('1047', '1047')).toBe(false);
    expect(reissued('1047', '')).toBe(false);
  });
});

describe('causeLabel', () => {
  it('names known causes and reads old or unknown ones as none', () => {
    expect(causeLabel('reference_reissued')).toBe('reference reissued to another order');
    expect(causeLabel(null)).toBeNull();
    expect(causeLabel('toString')).toBeNull();
  });
});
