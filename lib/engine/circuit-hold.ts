// While a connection's circuit is open nothing is sent to it, and every transaction that comes due
// meanwhile is told so on its own timeline: it is held (waiting_retry) until the circuit may probe
// again, without spending an attempt.
import type { Db } from '@/lib/db';
import { transitionMany } from '@/lib/ledger/transition';
import { claimDue, releaseClaims } from './claim';
import type { TargetConnection } from './load-dispatchable';

const HOLD_BATCH = 500;

export async function holdForOpenCircuit(
  db: Db,
  connection: TargetConnection,
  until: Date,
  random: () => number = Math.random,
): Promise<number> {
  const claims = await claimDue(db, connection.id, HOLD_BATCH, 60_000);
  if (claims.length === 0) return 0;
  // A row claimed before and never settled may still be in flight: a lane whose lease lapsed on a
  // loaded machine, or a worker that died while sending it. Holding it would change its status
  // and reset its claim count under that sender: the sender's settle would be refused, and the
  // next dispatch would not know that a request may have reached the provider — a provider
  // without idempotency keys would get it twice (a chaos run: five ERP sales orders). It is only
  // moved to the circuit's schedule, its count kept, so its next dispatch looks first.
  const unsettled = claims.filter((c) => c.claims > 1).map((c) => c.transactionId);
  const fresh = claims.filter((c) => c.claims <= 1).map((c) => c.transactionId);
  const rows = await db.$queryRaw<
    { id: string; status: 'received' | 'waiting_retry'; last_error: string | null }[]
  >`
    SELECT id::text, status::text AS status, last_error FROM transactions
    WHERE id = ANY(${fresh}::uuid[]) AND tenant_id = ${connection.tenantId}::uuid`;
  const prefix = `held: the ${connection.name} circuit is open`;
  const reason = `${prefix} after repeated outage-like failures; next try after ${until.toISOString()}`;
  // Held again in the same outage (the probe failed): the timeline already says so once; only the
  // queue's schedule moves, so a long outage does not write an entry per probe per transaction.
  const again = rows.filter(
    (t) => t.status === 'waiting_retry' && t.last_error?.startsWith(prefix),
  );
  const first = rows.filter((t) => !again.includes(t));
  await releaseClaims(
    db,
    [...unsettled, ...again.map((t) => t.id)],
    new Date(until.getTime() + Math.floor(random() * 1000)),
  );
  const statuses = first;
  await transitionMany(
    db,
    statuses.map((t) => {
      // Spread the wake-ups over a second so the probe is not followed by a stampede.
      const next = new Date(until.getTime() + Math.floor(random() * 1000));
      return {
        tenantId: connection.tenantId,
        transactionId: t.id,
        from: t.status,
        to: 'waiting_retry' as const,
        actor: 'worker',
        nextAttemptAt: next,
        outboxAvailableAt: next,
        // Not the transaction's own failure: the class stays, the reason says why it waits.
        lastError: reason,
        reason,
        facts: [
          {
            kind: 'event' as const,
            type: 'circuit.held',
            summary: `delayed by the open ${connection.name} circuit`,
            actor: 'worker',
            data: { circuit: 'open', until: until.toISOString() },
          },
        ],
      };
    }),
  );
  return rows.length + unsettled.length;
}
