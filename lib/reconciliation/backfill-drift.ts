// Backfill: records a source record that never arrived (missing_in_ledger) as if its webhook had
// been delivered, through the same write as webhooks and polls (writeAccepted): inbound event,
// a transaction per subscribed flow, timeline, outbox. Normal dispatch does the rest. Idempotent:
// the inbound event is keyed by the source object, and transactions by their idempotency key, so
// a second backfill (or the late webhook) creates nothing twice. One database transaction per
// item: the ingest, the item's decision, a timeline entry and the audit entry commit together.
import { z } from 'zod';
import { auditActorOf, recordAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { toCandidates } from '@/lib/ledger/candidates';
import { appendTimelineEntries } from '@/lib/ledger/timeline';
import { writeAccepted } from '@/lib/ledger/write-accepted';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';
import type { WakeDrains } from '@/lib/queue/wake-drains';
import { selectionWhere, type DriftSelection } from './drift-selection';

const storedInbound = z.object({
  inbound: z.object({
    topic: z.string().min(1),
    eventType: z.string().min(1),
    object: z.object({
      sourceObjectId: z.string().min(1),
      businessKey: z.string().min(1),
      payload: z.unknown(),
      sequence: z.number().optional(),
      stateKey: z.string().optional(),
      customerEmail: z.string().optional(),
    }),
  }),
});

export type BackfillOutcome = {
  backfilled: number;
  /** items whose record cannot be ingested (the adapter listed no webhook copy) */
  skipped: number;
  /** connections that received work: the caller wakes their dispatchers */
  connectionIds: string[];
};

/** The inbound event id a backfill records: one per source object and topic, whoever repeats it. */
export const backfillEventId = (topic: string, sourceObjectId: string) =>
  `reconciliation:${topic}:${sourceObjectId}`;

export async function backfillDrift(
  db: Db,
  tenantId: string,
  input: { selection: DriftSelection; actor: Operator; audit?: AuditContext; wake: WakeDrains },
): Promise<BackfillOutcome> {
  const items = await db.driftItem.findMany({
    where: selectionWhere(tenantId, input.selection, ['missing_in_ledger']),
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const out: BackfillOutcome = { backfilled: 0, skipped: 0, connectionIds: [] };
  const woken = new Set<string>();
  for (const { id } of items) {
    const result = await backfillOne(db, tenantId, id, input);
    if (result === 'skipped') out.skipped += 1;
    else if (result !== 'decided') {
      out.backfilled += 1;
      for (const c of result) woken.add(c);
    }
  }
  out.connectionIds = [...woken];
  await input.wake(tenantId, out.connectionIds);
  return out;
}

async function backfillOne(
  db: Db,
  tenantId: string,
  itemId: string,
  input: { actor: Operator; audit?: AuditContext },
): Promise<string[] | 'skipped' | 'decided'> {
  return db.$transaction(async (tx) => {
    // Locks the item only: a concurrent decision on it waits, then sees it decided.
    const [item] = await tx.$queryRaw<
      { run_id: string; flow_id: string; provider_record: unknown; state: string }[]
    >`SELECT run_id::text, flow_id::text, provider_record, state::text FROM drift_items
      WHERE id = ${itemId}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
    if (!item || item.state !== 'open') return 'decided';
    const stored = storedInbound.safeParse(item.provider_record);
    const flow = await tx.flow.findFirst({
      where: { id: item.flow_id, tenantId },
      select: { sourceConnectionId: true, sourceConnection: { select: { name: true } } },
    });
    if (!stored.success || !flow) return 'skipped';
    const { topic, eventType, object } = stored.data.inbound;
    const flows = await tx.flow.findMany({
      where: {
        tenantId,
        sourceConnectionId: flow.sourceConnectionId,
        eventType,
        status: { not: 'retired' },
      },
      select: { id: true },
    });
    const body = JSON.stringify(object.payload);
    const written = await writeAccepted(tx, {
      tenantId,
      connectionId: flow.sourceConnectionId,
      providerEventId: backfillEventId(topic, object.sourceObjectId),
      topic,
      status: 'accepted',
      headers: {},
      body,
      sizeBytes: Buffer.byteLength(body),
      summary: `${topic} backfilled from ${flow.sourceConnection.name} by ${input.actor.label} (reconciliation)`,
      candidates: toCandidates(flows, [object], eventType),
    });
    const txn = await tx.transaction.findFirst({
      where: { tenantId, flowId: item.flow_id, sourceObjectId: object.sourceObjectId },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    const decidedAt = new Date();
    await tx.driftItem.updateMany({
      where: { id: itemId, tenantId },
      data: {
        state: 'backfilled',
        decidedBy: input.actor.label,
        decidedAt,
        transactionId: txn?.id ?? null,
      },
    });
    if (txn)
      await appendTimelineEntries(tx, tenantId, [
        {
          transactionId: txn.id,
          kind: 'human_action',
          type: 'drift.backfilled',
          summary: written
            ? `${input.actor.label} backfilled this order from reconciliation: its webhook never arrived`
            : `${input.actor.label} backfilled from reconciliation; the event was already recorded, nothing created twice`,
          actor: input.actor.id,
          data: { driftItemId: itemId, runId: item.run_id },
        },
      ]);
    await recordAudit(tx, {
      tenantId,
      actor: auditActorOf(input.actor),
      requestId: input.audit?.requestId ?? null,
      event: {
        action: 'drift.backfilled',
        objectType: 'drift_item',
        objectId: itemId,
        after: {
          runId: item.run_id,
          businessKey: object.businessKey,
          transactionId: txn?.id ?? null,
          created: written ? written.transactionIds.length : 0,
        },
      },
    });
    return written?.targetConnectionIds ?? [];
  });
}
