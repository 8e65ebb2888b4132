import { describe, expect, it } from 'vitest';
import { listAdapters } from './registry';

describe('connection settings per adapter', () => {
  it.each(listAdapters().map((a) => [a.kind, a] as const))('%s accepts {}', (_kind, adapter) => {
    expect(adapter.settings.safeParse({}).success).toBe(true);
  });

  it.each(listAdapters().map((a) => [a.kind, a] as const))(
    '%s refuses unknown keys (typos are not silently ignored)',
    (_kind, adapter) => {
      expect(adapter.settings.safeParse({ circut: { openMs: 1000 } }).success).toBe(false);
    },
  );

  const targets = listAdapters().filter((a) => Object.keys(a.operations).length > 0);

  it.each(targets.map((a) => [a.kind, a] as const))(
    '%s takes circuit-breaker overrides within bounds',
    (_kind, adapter) => {
      expect(
        adapter.settings.safeParse({ circuit: { minCalls: 3, failureRate: 0.5, openMs: 60_000 } })
          .success,
      ).toBe(true);
      expect(adapter.settings.safeParse({ circuit: { failureRate: 2 } }).success).toBe(false);
      expect(adapter.settings.safeParse({ circuit: { openMs: 10 } }).success).toBe(false);
      expect(adapter.settings.safeParse({ circuit: { minCalls: 3, extra: 1 } }).success).toBe(
        false,
      );
    },
  );

  it('payments (webhooks only) has nothing to tune', () => {
    const payments = listAdapters().find((a) => a.kind === 'payments');
    expect(payments?.settings.safeParse({ circuit: { minCalls: 3 } }).success).toBe(false);
  });
});
