// One chunk's result in one database transaction: the run's counters, totals and cursor move
// only if the cursor is still the one the chunk started from, so a chunk that ran twice (a
// retried job, two workers) writes its drift items once. Only the run row is locked, briefly:
// transactions, the outbox and inbound events are read outside and never locked here.
import type { Db, Prisma } from '@/lib/db';
import { uuid7 } from '@/lib/db/uuid7';
import type { DriftFinding } from './compare';
import type { RunTotals } from './totals';

const json = (v: unknown): Prisma.InputJsonValue | undefined =>
  v === null || v === undefined
    ? undefined
    : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

/**
 * The chunk's drift items in one statement, as one JSON parameter: createMany costs about a
 * millisecond per row here, which made the items the largest part of a chunk's commit. A value
 * left out (null or undefined) is stored as NULL, as createMany stored it.
 */
async function insertItems(
  tx: Prisma.TransactionClient,
  tenantId: string,
  input: { runId: string; flowId: string; items: readonly DriftFinding[] },
): Promise<void> {
  const rows = input.items.map((i) => ({
    id: uuid7(),
    kind: i.kind,
    business_key: i.businessKey,
    provider_ref: i.providerRef,
    transaction_id: i.transactionId,
    field: i.field,
    ledger_value: json(i.ledgerValue),
    provider_value: json(i.providerValue),
    owner: i.owner,
    amount_minor: i.amountMinor,
    currency: i.currency,
    ledger_amount_minor: i.ledgerAmountMinor,
    ledger_currency: i.ledgerCurrency,
    cause: i.cause,
    provider_record: json(i.providerRecord),
  }));
  await tx.$executeRaw`
    INSERT INTO drift_items (id, tenant_id, run_id, flow_id, kind, business_key, provider_ref,
                             transaction_id, field, ledger_value, provider_value, owner,
                             amount_minor, currency, ledger_amount_minor, ledger_currency, cause,
                             provider_record)
    SELECT i.id, ${tenantId}::uuid, ${input.runId}::uuid, ${input.flowId}::uuid,
           i.kind::"DriftKind", i.business_key, i.provider_ref, i.transaction_id, i.field,
           i.ledger_value, i.provider_value, i.owner, i.amount_minor, i.currency,
           i.ledger_amount_minor, i.ledger_currency, i.cause, i.provider_record
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS i(
      id uuid, kind text, business_key text, provider_ref text, transaction_id uuid, field text,
      ledger_value jsonb, provider_value jsonb, owner text, amount_minor bigint, currency text,
      ledger_amount_minor bigint, ledger_currency text, cause text, provider_record jsonb)`;
}

export async function writeChunk(
  db: Db,
  tenantId: string,
  input: {
    runId: string;
    flowId: string;
    fromCursor: string | null;
    toCursor: string | null;
    listed: number;
    matched: number;
    items: readonly DriftFinding[];
    totals: RunTotals;
    listingMs: number;
    comparingMs: number;
    finished: boolean;
  },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // A chunk's result can be derived again: if a crash loses this commit, the run's cursor is
    // still the old one and the chunk runs again. So it need not wait for its WAL flush, which
    // on a busy disk costs more than the chunk's own work. Anything that depends on it (a
    // decision on a drift item) commits durably later, and that flush covers this one too.
    await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
    const { count } = await tx.reconciliationRun.updateMany({
      where: { id: input.runId, tenantId, status: 'running', cursor: input.fromCursor },
      data: {
        cursor: input.toCursor,
        listed: { increment: input.listed },
        matched: { increment: input.matched },
        drifted: { increment: input.items.length },
        listingMs: { increment: Math.round(input.listingMs) },
        comparingMs: { increment: Math.round(input.comparingMs) },
        totals: json(input.totals) ?? {},
        ...(input.finished && { status: 'completed', finishedAt: new Date() }),
      },
    });
    if (count !== 1) return false;
    if (input.items.length > 0) await insertItems(tx, tenantId, input);
    return true;
  });
}
