import { describe, expect, it } from 'vitest';
import { createSlaRuleSchema, updateSlaRuleSchema } from './sla-rule-input';

const A = '0193a5b0-0000-7000-8000-00000000000a';
const B = '0193a5b0-0000-7000-8000-00000000000b';

describe('createSlaRuleSchema', () => {
  const valid = { name: 'Warehouse ack', expectFlowId: B, withinMinutes: 30 };

  it('defaults to no start flow and enabled; reads minutes from a form string', () => {
    expect(createSlaRuleSchema.parse({ ...valid, withinMinutes: '45' })).toEqual({
      name: 'Warehouse ack',
      startFlowId: null,
      expectFlowId: B,
      withinMinutes: 45,
      enabled: true,
    });
    expect(createSlaRuleSchema.parse({ ...valid, startFlowId: A }).startFlowId).toBe(A);
  });

  it('accepts the bounds 1 and 10080 minutes', () => {
    expect(createSlaRuleSchema.safeParse({ ...valid, withinMinutes: 1 }).success).toBe(true);
    expect(createSlaRuleSchema.safeParse({ ...valid, withinMinutes: 10080 }).success).toBe(true);
  });

  it.each([
    [{ withinMinutes: 0 }, 'at least 1 minute'],
    [{ withinMinutes: 10081 }, 'at most 10080 minutes'],
    [{ withinMinutes: 2.5 }, 'whole minutes'],
    [{ withinMinutes: '' }, 'at least 1 minute'],
    [{ name: '   ' }, 'give the rule a name'],
    [{ expectFlowId: 'warehouse' }, 'choose a flow'],
    [{ startFlowId: 'x' }, 'choose a flow'],
    [{ tenantId: A }, 'Unrecognized key'],
  ])('refuses %o in words', (change, words) => {
    const result = createSlaRuleSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(words);
  });
});

describe('updateSlaRuleSchema', () => {
  it('keeps what is left out, and can remove the start flow', () => {
    expect(updateSlaRuleSchema.parse({})).toEqual({});
    expect(updateSlaRuleSchema.parse({ startFlowId: null })).toEqual({ startFlowId: null });
    expect(updateSlaRuleSchema.safeParse({ withinMinutes: 0 }).success).toBe(false);
  });
});
