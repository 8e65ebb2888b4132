// The refusals of one connection take turns in this process before they take a pooled connection
// (a flood must not hold the whole pool waiting on one count row); other connections' do not wait.
import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { recordRefusal, type RefusalWrite } from './record-refusal';

/** A database whose transactions take `ms` and record how many of each connection overlap. */
function timedDb(ms: number) {
  const running = new Map<string, number>();
  const most = new Map<string, number>();
  /** connections in the order their transactions ended */
  const ended: string[] = [];
  let failNext = false;
  const db = {
    // the statement's values: the connection id is the first one of the count's upsert
    $executeRaw: (_sql: TemplateStringsArray, ...values: unknown[]) => ({ values }),
    $transaction: async (statements: { values: unknown[] }[]) => {
      const connection = String(statements[0]?.values[0]);
      const now = (running.get(connection) ?? 0) + 1;
      running.set(connection, now);
      most.set(connection, Math.max(most.get(connection) ?? 0, now));
      await new Promise((resolve) => setTimeout(resolve, ms));
      running.set(connection, now - 1);
      ended.push(connection);
      if (failNext) {
        failNext = false;
        throw new Error('connection lost');
      }
      return [1, 1];
    },
  };
  return {
    db: db as unknown as Pick<Db, '$transaction' | '$executeRaw'>,
    most,
    ended,
    failOnce: () => void (failNext = true),
  };
}

const refusal = (connectionId: string): RefusalWrite => ({
  tenantId: '00000000-0000-4000-8000-000000000001',
  connectionId,
  verdict: 'invalid',
  reason: 'signature invalid',
  headers: {},
  body: '{}',
  sizeBytes: 2,
  keep: 10,
});

describe('recordRefusal', () => {
  it("runs one connection's refusals one at a time, and other connections' beside them", async () => {
    const { db, most, ended } = timedDb(5);
    const ids = await Promise.all([
      ...Array.from({ length: 12 }, () => recordRefusal(db, refusal('flooded'))),
      ...Array.from({ length: 3 }, (_, i) => recordRefusal(db, refusal(`other-${i}`))),
    ]);
    expect(new Set(ids).size).toBe(15);
    expect(most.get('flooded')).toBe(1);
    // the three others ran beside the flooded connection's queue, not behind it
    expect(ended.lastIndexOf('flooded')).toBe(ended.length - 1);
    expect(ended.slice(0, 4).filter((c) => c.startsWith('other-'))).toHaveLength(3);
  });

  it('goes on with the next refusal after one that failed, and reports the failure to its caller', async () => {
    const { db, failOnce } = timedDb(1);
    failOnce();
    const [first, second] = await Promise.allSettled([
      recordRefusal(db, refusal('c')),
      recordRefusal(db, refusal('c')),
    ]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('fulfilled');
  });
});
