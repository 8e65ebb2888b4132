import { describe, expect, it } from 'vitest';
import { testScryptCostOf } from './env-parse';

const TODAYS = 2 ** 17;

describe('testScryptCostOf', () => {
  it('lowers the cost only under NODE_ENV=test', () => {
    const lower = { WAYBILL_TEST_SCRYPT_N: '4096' };
    expect(testScryptCostOf({ ...lower, NODE_ENV: 'test' }, TODAYS)).toBe(4096);
    for (const NODE_ENV of ['production', 'development', undefined, 'TEST'])
      expect(testScryptCostOf({ ...lower, NODE_ENV }, TODAYS)).toBeNull();
  });

  it('is today’s cost when the variable is unset or empty', () => {
    expect(testScryptCostOf({ NODE_ENV: 'test' }, TODAYS)).toBeNull();
    expect(testScryptCostOf({ NODE_ENV: 'test', WAYBILL_TEST_SCRYPT_N: '' }, TODAYS)).toBeNull();
  });

  it('ignores anything but a power of two from 2^10 to today’s cost', () => {
    for (const value of ['512', '1000', '4096.5', '-4096', '0x1000x', 'lots', String(2 ** 18)])
      expect(
        testScryptCostOf({ NODE_ENV: 'test', WAYBILL_TEST_SCRYPT_N: value }, TODAYS),
      ).toBeNull();
    expect(testScryptCostOf({ NODE_ENV: 'test', WAYBILL_TEST_SCRYPT_N: '1024' }, TODAYS)).toBe(
      1024,
    );
    expect(testScryptCostOf({ NODE_ENV: 'test', WAYBILL_TEST_SCRYPT_N: '131072' }, TODAYS)).toBe(
      TODAYS,
    );
  });
});
