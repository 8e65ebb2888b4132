import { describe, expect, it } from 'vitest';
import { classifyQuery } from './classify-query';

const payloadLookups = (q: string) =>
  classifyQuery(q).lookups.filter((l) => l.by === 'payload_value');

describe('classifyQuery: values inside payloads', () => {
  it('searches payloads for a SKU or a tracking number, normalised as ingest stores them', () => {
    expect(payloadLookups(' TENT-2P-GRN ')).toEqual([
      { by: 'payload_value', value: 'tent-2p-grn' },
    ]);
    expect(payloadLookups('00340434161094042557')).toEqual([
      { by: 'payload_value', value: '00340434161094042557' },
    ]);
  });

  it('ranks a payload match after every more specific lookup', () => {
    const lookups = classifyQuery('FUL-000123').lookups.map((l) => l.by);
    expect(lookups.at(-1)).toBe('payload_value');
  });

  it('never probes payloads with an email or a transaction id', () => {
    expect(payloadLookups('ada@example.com')).toEqual([]);
    expect(payloadLookups('0193a000-0000-7000-8000-0000000000ad')).toEqual([]);
    expect(payloadLookups('#1047')).toEqual([]);
  });
});
