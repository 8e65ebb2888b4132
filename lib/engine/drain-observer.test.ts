import { describe, expect, it } from 'vitest';
import type { ErrorClass, TransactionStatus } from '@/lib/db';
import type { TimelineFact } from '@/lib/ledger/timeline';
import { summarizeBatch } from './drain-observer';
import type { PlannedClaim } from './plan-batch';

let n = 0;
const exchange = (operation: string, durationMs: number, failed = false): TimelineFact[] => [
  {
    kind: 'command',
    type: 'command.sent',
    summary: 'sent',
    data: { operation, attempt: 1, idempotencyKey: 'k' },
  },
  {
    kind: 'event',
    type: failed ? 'provider.failed' : 'provider.accepted',
    summary: 'answered',
    data: { status: failed ? 503 : 201, durationMs },
  },
];
const settled = (
  to: TransactionStatus,
  errorClass: ErrorClass | null,
  facts?: TimelineFact[],
): PlannedClaim => ({
  transactionId: `t${++n}`,
  plan: {
    kind: 'settle',
    request: { tenantId: 'x', transactionId: `t${n}`, to, reason: 'r', errorClass, facts },
  },
});

describe('summarizeBatch', () => {
  it('counts each plan once by outcome and class, retries by class, and calls with their latency', () => {
    const summary = summarizeBatch([
      settled('completed', null, exchange('createFulfillment', 42)),
      settled('completed', null, exchange('createFulfillment', 1500)),
      settled('waiting_retry', 'provider_outage', exchange('createFulfillment', 7, true)),
      settled('waiting_retry', 'missing_dependency'),
      settled('needs_review', 'mapping'),
      settled('cancelled', 'stale'),
      { transactionId: 'd', plan: { kind: 'defer', at: new Date() } },
      { transactionId: 's', plan: { kind: 'stray' } },
      { transactionId: 'u', plan: { kind: 'unloadable' } },
    ]);
    expect(summary.size).toBe(9);
    expect(summary.outcomes).toEqual(
      expect.arrayContaining([
        { outcome: 'completed', errorClass: 'none', count: 2 },
        { outcome: 'waiting_retry', errorClass: 'provider_outage', count: 1 },
        { outcome: 'waiting_retry', errorClass: 'missing_dependency', count: 1 },
        { outcome: 'needs_review', errorClass: 'mapping', count: 1 },
        { outcome: 'cancelled', errorClass: 'stale', count: 1 },
        { outcome: 'deferred', errorClass: 'none', count: 1 },
        { outcome: 'stray', errorClass: 'none', count: 1 },
        { outcome: 'unloadable', errorClass: 'none', count: 1 },
      ]),
    );
    expect(summary.outcomes).toHaveLength(8);
    expect(summary.retries).toEqual(
      expect.arrayContaining([
        { errorClass: 'provider_outage', count: 1 },
        { errorClass: 'missing_dependency', count: 1 },
      ]),
    );
    expect(summary.retries).toHaveLength(2);
    // only plans that reached the provider have a latency, in seconds
    expect(summary.calls).toEqual([
      { operation: 'createFulfillment', seconds: 0.042 },
      { operation: 'createFulfillment', seconds: 1.5 },
      { operation: 'createFulfillment', seconds: 0.007 },
    ]);
  });

  it('reports an empty batch as nothing', () => {
    expect(summarizeBatch([])).toEqual({ size: 0, outcomes: [], calls: [], retries: [] });
  });

  it('takes no latency from facts without an operation or a duration', () => {
    const [sent] = exchange('createFulfillment', 5);
    const summary = summarizeBatch([
      settled('failed', 'timeout', sent ? [sent] : []),
      settled('completed', null, [
        { kind: 'event', type: 'provider.accepted', summary: 'a', data: { durationMs: 3 } },
      ]),
    ]);
    expect(summary.calls).toEqual([]);
  });
});
