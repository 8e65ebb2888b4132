import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, classifyQuery, matchRank, matchedByLabel } from './classify-query';

describe('classifyQuery', () => {
  it('treats blank input as nothing to search for', () => {
    expect(classifyQuery('   ')).toEqual({ text: '', kind: 'empty', lookups: [] });
  });

  it('reads a UUID as a transaction id first, then as a provider id', () => {
    const q = classifyQuery(' 0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B ');
    expect(q.kind).toBe('transaction_id');
    expect(q.lookups[0]).toEqual({
      by: 'transaction_id',
      value: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    });
    expect(q.lookups.map((l) => l.by)).toEqual([
      'transaction_id',
      'external_ref',
      'source_object_id',
    ]);
  });

  it('reads anything with @ as a customer email, lower-cased, and nothing else', () => {
    expect(classifyQuery('  Buyer1047@Example.COM ')).toEqual({
      text: 'Buyer1047@Example.COM',
      kind: 'customer_email',
      lookups: [{ by: 'customer_email', value: 'buyer1047@example.com' }],
    });
  });

  it('reads #1047 as exactly that order number', () => {
    expect(classifyQuery('#1047')).toEqual({
      text: '#1047',
      kind: 'business_key',
      lookups: [{ by: 'business_key', value: '1047' }],
    });
    expect(classifyQuery('# 1047').lookups).toEqual([{ by: 'business_key', value: '1047' }]);
  });

  it('reads digits as an order number first, and also as a provider id', () => {
    const q = classifyQuery('1047');
    expect(q.kind).toBe('business_key');
    expect(q.lookups).toEqual([
      { by: 'business_key', value: '1047' },
      { by: 'external_ref', value: '1047' },
      { by: 'source_object_id', value: '1047' },
      { by: 'payload_value', value: '1047' },
    ]);
  });

  it.each(['FUL-000123', 'pi_3PqABC', 'SO-2024-0001', 'inventory exp 3'])(
    'reads %s as an external id, then as a business key, then as a value in payloads',
    (text) => {
      const q = classifyQuery(text);
      expect(q.kind).toBe('external_id');
      expect(q.lookups).toEqual([
        { by: 'external_ref', value: text },
        { by: 'source_object_id', value: text },
        { by: 'business_key', value: text },
        { by: 'payload_value', value: text.toLowerCase() },
      ]);
    },
  );

  it('keeps the case of references (providers compare them exactly)', () => {
    expect(classifyQuery('ful-000123').lookups[0]).toEqual({
      by: 'external_ref',
      value: 'ful-000123',
    });
  });

  it('caps the length', () => {
    const q = classifyQuery(`  ${'x'.repeat(500)}`);
    expect(q.text).toHaveLength(MAX_QUERY_LENGTH);
    expect(q.lookups.every((l) => l.value.length === MAX_QUERY_LENGTH)).toBe(true);
  });

  it('does not mistake a UUID-like reference for a transaction id', () => {
    expect(classifyQuery('0193a1b2-c3d4-7e5f-8a9b').kind).toBe('external_id');
  });
});

describe('match kinds', () => {
  it('rank the order number above every other way of matching', () => {
    expect(matchRank('business_key')).toBe(0);
    expect(matchRank('transaction_id')).toBeLessThan(matchRank('external_ref'));
    expect(matchRank('customer_email')).toBe(4);
  });

  it('have words for people', () => {
    expect(matchedByLabel('external_ref')).toBe('provider reference');
    expect(matchedByLabel('business_key')).toBe('order number');
  });
});
