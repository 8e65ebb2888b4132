import { describe, expect, it } from 'vitest';
import { payloadRetentionBody } from './retention-api';
import { payloadRetentionSchema } from './retention-setting';

describe('the retention setting as a form sends it', () => {
  it('reads an empty field as "forever" and digits as days', () => {
    expect(payloadRetentionSchema.parse({ days: '' })).toEqual({ days: null });
    expect(payloadRetentionSchema.parse({})).toEqual({ days: null });
    expect(payloadRetentionSchema.parse({ days: '30' })).toEqual({ days: 30 });
    expect(payloadRetentionSchema.parse({ days: null })).toEqual({ days: null });
  });

  it('refuses what is not 1..3650 whole days, in words', () => {
    const error = (days: unknown) =>
      payloadRetentionSchema.safeParse({ days }).error?.issues[0]?.message;
    expect(error('0')).toBe('at least 1 day');
    expect(error('3651')).toBe('at most 3650 days (ten years)');
    expect(error('1.5')).toBe('a whole number of days');
    expect(error('soon')).toMatch(/give the number of days/);
  });
});

describe('the retention setting as the API takes it', () => {
  it('takes a number or null, never text', () => {
    expect(payloadRetentionBody.parse({ days: 90 })).toEqual({ days: 90 });
    expect(payloadRetentionBody.parse({ days: null })).toEqual({ days: null });
    expect(payloadRetentionBody.safeParse({ days: '90' }).success).toBe(false);
    expect(payloadRetentionBody.safeParse({ days: 0 }).success).toBe(false);
    expect(payloadRetentionBody.safeParse({}).success).toBe(false);
  });
});
