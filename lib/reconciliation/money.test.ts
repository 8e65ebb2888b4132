import { describe, expect, it } from 'vitest';
import { driftCsvFilename } from './drift-csv';
import { decimalOfMinor } from './money';

describe('decimalOfMinor', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [1250, '12.50'],
    [-1250, '-12.50'],
    [-5, '-0.05'],
    [999_999n, '9999.99'],
    // beyond a double's exact integers: still exact
    [9_007_199_254_740_993n, '90071992547409.93'],
  ])('%s minor units read %s', (minor, text) => {
    expect(decimalOfMinor(minor)).toBe(text);
  });

  it('keeps an unknown amount unknown', () => {
    expect(decimalOfMinor(null)).toBeNull();
    expect(decimalOfMinor(undefined)).toBeNull();
  });
});

describe('driftCsvFilename', () => {
  it('names the flow, the window start (no colons) and the run', () => {
    expect(
      driftCsvFilename({
        id: '01a20771-be7e-717e-8bf9-1c84697a3045',
        flowKey: 'orders-paid-to-erp',
        windowFrom: new Date('2026-11-23T00:00:00Z'),
        windowTo: new Date('2026-11-24T00:00:00Z'),
      }),
    ).toBe('reconciliation-orders-paid-to-erp-2026-11-23T00-00Z-01a20771.csv');
  });
});
