// Overview fixtures: transactions of any demo flow placed at chosen times with chosen outcomes
// (the ledger fixture inserts "now" into one flow only), and a second tenant for isolation.
import { tenantDb, uuid7, type Db, type ErrorClass, type TransactionStatus } from '@/lib/db';
import { seedFixtureTenant } from './ledger-fixtures';

export interface FixtureTenant {
  db: Db;
  tenantId: string;
  /** demo flow key -> id */
  flows: Record<string, string>;
  connections: Record<string, string>;
}

/** Seeds (or reuses) a demo tenant with `slug` in `db`: its own users, connections and flows. */
export async function demoTenant(db: Db, slug: string): Promise<FixtureTenant> {
  const seeded = await seedFixtureTenant(db, slug, { name: slug });
  return {
    db,
    tenantId: seeded.tenantId,
    flows: seeded.flowIds,
    connections: seeded.connectionIds,
  };
}

export interface PlacedTransaction {
  flow: string;
  status: TransactionStatus;
  createdAt: Date;
  /** completed ones: when (defaults to createdAt + 1 s) */
  completedAt?: Date;
  errorClass?: ErrorClass;
  businessKey?: string;
  /** an outbox row, as the engine keeps for unsettled work (default: for in-progress statuses) */
  outbox?: boolean;
}

const QUEUED: TransactionStatus[] = ['received', 'waiting_retry', 'paused'];

/** Inserts one transaction of the flow with key `p.flow`, exactly as described; returns its id. */
export async function placeTransaction(t: FixtureTenant, p: PlacedTransaction): Promise<string> {
  const scoped = tenantDb(t.db, t.tenantId);
  const flowId = t.flows[p.flow];
  if (!flowId) throw new Error(`no demo flow ${p.flow}`);
  const flow = await scoped.flow.findUniqueOrThrow({
    where: { id: flowId },
    select: { sourceConnectionId: true, targetConnectionId: true },
  });
  const event = await scoped.inboundEvent.create({
    data: {
      tenantId: t.tenantId,
      connectionId: flow.sourceConnectionId,
      status: 'accepted',
      signatureVerdict: 'valid',
      body: '{}',
      sizeBytes: 2,
      providerEventId: uuid7(),
      receivedAt: p.createdAt,
    },
  });
  const id = uuid7();
  await scoped.transaction.create({
    data: {
      id,
      tenantId: t.tenantId,
      flowId,
      inboundEventId: event.id,
      businessKey: p.businessKey ?? id.slice(-6),
      sourceObjectId: id,
      idempotencyKey: `k-${id}`,
      status: p.status,
      errorClass: p.errorClass ?? null,
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
      completedAt:
        p.status === 'completed' ? (p.completedAt ?? new Date(p.createdAt.getTime() + 1000)) : null,
    },
  });
  if (p.outbox ?? QUEUED.includes(p.status))
    await scoped.outboxEntry.create({
      data: {
        tenantId: t.tenantId,
        transactionId: id,
        flowId,
        connectionId: flow.targetConnectionId,
        availableAt: p.createdAt,
        createdAt: p.createdAt,
      },
    });
  return id;
}
