// Read model of the Transaction screen: header, external references, inbound payload and the
// whole timeline in order. Personal data is masked for roles that may not read it.
import type { TenantDb } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { maskPersonalData } from './mask';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getTransactionDetail(
  db: TenantDb,
  id: string,
  options: { maskPersonalData: boolean },
) {
  if (!UUID.test(id)) throw notFound('transaction');
  const t = await db.transaction.findUnique({
    where: { id },
    select: {
      id: true,
      businessKey: true,
      sourceObjectId: true,
      idempotencyKey: true,
      status: true,
      errorClass: true,
      lastError: true,
      attempts: true,
      nextAttemptAt: true,
      externalRefs: true,
      createdAt: true,
      updatedAt: true,
      completedAt: true,
      flow: {
        select: {
          name: true,
          operation: true,
          sourceConnection: { select: { name: true } },
          targetConnection: { select: { name: true } },
        },
      },
      mappingVersion: { select: { version: true } },
      inboundEvent: {
        select: {
          id: true,
          topic: true,
          providerEventId: true,
          receivedAt: true,
          headers: true,
          body: true,
        },
      },
      timeline: {
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          kind: true,
          type: true,
          summary: true,
          actor: true,
          fromStatus: true,
          toStatus: true,
          data: true,
          occurredAt: true,
        },
      },
    },
  });
  if (!t) throw notFound('transaction');
  const mask = <T>(value: T): T =>
    options.maskPersonalData ? (maskPersonalData(value) as T) : value;
  return {
    id: t.id,
    businessKey: t.businessKey,
    sourceObjectId: t.sourceObjectId,
    idempotencyKey: t.idempotencyKey,
    status: t.status,
    errorClass: t.errorClass,
    lastError: t.lastError,
    attempts: t.attempts,
    nextAttemptAt: t.nextAttemptAt?.toISOString() ?? null,
    externalRefs: (t.externalRefs ?? {}) as Record<string, string>,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
    flow: {
      name: t.flow.name,
      operation: t.flow.operation,
      source: t.flow.sourceConnection.name,
      target: t.flow.targetConnection.name,
    },
    mappingVersion: t.mappingVersion?.version ?? null,
    inbound: {
      id: t.inboundEvent.id,
      topic: t.inboundEvent.topic,
      providerEventId: t.inboundEvent.providerEventId,
      receivedAt: t.inboundEvent.receivedAt.toISOString(),
      headers: t.inboundEvent.headers,
      payload: mask(parseJson(t.inboundEvent.body)),
    },
    timeline: t.timeline.map((e) => ({
      id: e.id.toString(),
      kind: e.kind,
      type: e.type,
      summary: e.summary,
      actor: e.actor,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      data: mask(e.data),
      occurredAt: e.occurredAt.toISOString(),
    })),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export type TransactionDetail = Awaited<ReturnType<typeof getTransactionDetail>>;
export type TimelineItem = TransactionDetail['timeline'][number];
