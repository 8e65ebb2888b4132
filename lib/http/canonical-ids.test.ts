import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalIds } from './canonical-ids';

const ID = '0190A0B0-0000-7000-8000-00000000ABCD';

describe('canonical path ids', () => {
  it('lower-cases the fields declared as UUIDs, and only those', () => {
    const schema = z.object({ id: z.uuid(), businessKey: z.string() });
    const parsed = schema.parse({ id: ID, businessKey: 'ORDER-ABC' });
    expect(canonicalIds(schema, parsed)).toEqual({
      id: ID.toLowerCase(),
      businessKey: 'ORDER-ABC',
    });
  });

  it('leaves schemas without UUID fields, and no schema at all, alone', () => {
    const schema = z.object({ intent: z.enum(['pause', 'resume']) });
    expect(canonicalIds(schema, { intent: 'pause' })).toEqual({ intent: 'pause' });
    expect(canonicalIds(undefined, { id: ID })).toEqual({ id: ID });
  });
});
