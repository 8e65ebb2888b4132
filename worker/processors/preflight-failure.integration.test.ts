// A replay pre-flight whose job keeps failing (its database reads fail mid-check) is marked
// failed, with the reason, on its last attempt only: earlier attempts leave it running for BullMQ
// to try again, and a finished pre-flight is never rewritten. Real PostgreSQL; the failure is a
// database client whose pre-flight read rejects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { failReplayPreflight, startReplayPreflight } from '@/lib/engine/replay-preflight';
import { isLastAttempt } from '@/lib/queue/handlers';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY_RING } from '@/test/support/ledger-fixtures';
import { demoTenant, placeTransaction, type FixtureTenant } from '@/test/support/overview-fixtures';
import { replayPreflight } from './operations';

const SUPPORT = { id: '00000000-0000-7000-8000-0000000000ab', label: 'Sam Support' };
let db: Db;
let drop: () => Promise<void>;
let acme: FixtureTenant;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 2 });
  acme = await demoTenant(db, 'acme');
  await placeTransaction(acme, {
    flow: 'orders-paid-to-erp',
    status: 'failed',
    createdAt: new Date(Date.now() - 60_000),
    errorClass: 'provider_outage',
  });
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

/** The real client, but every pre-flight read rejects: the check cannot go on. */
function failingReads(real: Db): Db {
  const preflights = new Proxy(real.replayPreflight, {
    get: (target, key, receiver) =>
      key === 'findFirst' || key === 'findUnique'
        ? () => Promise.reject(new Error('connection terminated unexpectedly\nstack …'))
        : (Reflect.get(target, key, receiver) as unknown),
  });
  return new Proxy(real, {
    get: (target, key, receiver) =>
      key === 'replayPreflight' ? preflights : (Reflect.get(target, key, receiver) as unknown),
  });
}

const statusOf = (id: string) =>
  db.replayPreflight.findUniqueOrThrow({ where: { id }, select: { status: true, error: true } });

describe('a pre-flight whose job runs out of attempts', () => {
  it('knows its last attempt from BullMQ’s counts', () => {
    expect(isLastAttempt({ name: 'x', attemptsMade: 0, opts: { attempts: 3 } })).toBe(false);
    expect(isLastAttempt({ name: 'x', attemptsMade: 2, opts: { attempts: 3 } })).toBe(true);
    expect(isLastAttempt({ name: 'x' })).toBe(true);
  });

  it('stays running after an earlier attempt fails, and is marked failed after the last', async () => {
    const { preflightId, selected } = await startReplayPreflight(db, acme.tenantId, {
      filter: { statuses: ['failed'] },
      actor: SUPPORT,
    });
    expect(selected).toBe(1);
    const handler = replayPreflight({
      db: failingReads(db),
      keyRing: FIXTURE_KEY_RING,
      providerTimeoutMs: 1000,
    });
    const data = { tenantId: acme.tenantId, preflightId };
    const job = (attemptsMade: number) => ({
      name: 'replay.preflight',
      attemptsMade,
      opts: { attempts: 3 },
    });

    await expect(handler(data, job(0))).rejects.toThrow('connection terminated');
    expect(await statusOf(preflightId)).toEqual({ status: 'running', error: null });

    await expect(handler(data, job(2))).rejects.toThrow('connection terminated');
    expect(await statusOf(preflightId)).toEqual({
      status: 'failed',
      error: 'the check stopped: connection terminated unexpectedly',
    });
  });

  it('never rewrites a pre-flight that already finished', async () => {
    const { preflightId } = await startReplayPreflight(db, acme.tenantId, {
      filter: { statuses: ['failed'] },
      actor: SUPPORT,
    });
    await db.replayPreflight.update({
      where: { id: preflightId },
      data: { status: 'completed', finishedAt: new Date() },
    });
    expect(await failReplayPreflight(db, acme.tenantId, preflightId, new Error('late'))).toBe(
      false,
    );
    expect(await statusOf(preflightId)).toEqual({ status: 'completed', error: null });
    // another tenant's id: nothing
    expect(await failReplayPreflight(db, acme.tenantId, crypto.randomUUID(), 'x')).toBe(false);
  });
});
