// One chunk's result in one database transaction: the run's counters, totals and cursor move
// only if the cursor is still the one the chunk started from, so a chunk that ran twice (a
// retried job, two workers) writes its drift items once. Only the run row is locked, briefly:
// transactions, the outbox and inbound events are read outside and never locked here.
import type { Db, Prisma } from '@/lib/db';
import type { DriftFinding } from './compare';

export interface SystemTotals {
  count: number;
  amountMinor: number;
  currency: string | null;
  matched: number;
  unmatched: number;
}
export type RunTotals = Record<string, SystemTotals>;

export function addTotals(
  totals: RunTotals,
  system: string,
  add: {
    count: number;
    amountMinor: number;
    currency: string | null;
    matched: number;
    unmatched: number;
  },
): RunTotals {
  const was = totals[system] ?? {
    count: 0,
    amountMinor: 0,
    currency: null,
    matched: 0,
    unmatched: 0,
  };
  return {
    ...totals,
    [system]: {
      count: was.count + add.count,
      amountMinor: was.amountMinor + add.amountMinor,
      currency: was.currency ?? add.currency,
      matched: was.matched + add.matched,
      unmatched: was.unmatched + add.unmatched,
    },
  };
}

export function readTotals(value: unknown): RunTotals {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as RunTotals) : {};
}

const json = (v: unknown): Prisma.InputJsonValue | undefined =>
  v === null || v === undefined
    ? undefined
    : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

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
    if (input.items.length > 0)
      await tx.driftItem.createMany({
        data: input.items.map((i) => ({
          tenantId,
          runId: input.runId,
          flowId: input.flowId,
          kind: i.kind,
          businessKey: i.businessKey,
          providerRef: i.providerRef,
          transactionId: i.transactionId,
          field: i.field,
          ledgerValue: json(i.ledgerValue),
          providerValue: json(i.providerValue),
          owner: i.owner,
          amountMinor: i.amountMinor === null ? null : BigInt(i.amountMinor),
          currency: i.currency,
          providerRecord: json(i.providerRecord),
        })),
      });
    return true;
  });
}
