// One chunk of a reconciliation run (the 'reconciliation.run' job loops over it). Phase "source":
// pages of the source's records for the window against the flow's transactions (missing_in_ledger).
// Phase "target": a page of the flow's transactions of the window against the target's record for
// each reference (missing_in_target, status and field mismatches): looked up by reference, because
// a window listing cannot say that a record is gone. A side whose adapter cannot read is skipped.
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db } from '@/lib/db';
import type { ListedRecord, ProviderRecord } from '@/lib/providers/port';
import { adapterFor } from '@/lib/providers/registry';
import { compare, type LedgerRecord } from './compare';
import { decodePageKey, encodePageKey, ledgerForSources, ledgerPage } from './ledger-records';
import {
  isTransient,
  mapBounded,
  withRetry,
  DEFAULT_RETRY,
  type RetryOptions,
} from './provider-call';
import { loadRunContext, type RunContext } from './run-context';
import {
  addTotals,
  moneyOf,
  moneyOfFields,
  readTotals,
  type Money,
  type RecordMoney,
} from './totals';
import { writeChunk } from './write-chunk';

export interface RunChunkDeps {
  db: Db;
  keyRing: KeyRing;
  providerTimeoutMs: number;
  /** records per provider page (a storefront serves at most 250) */
  pageSize?: number;
  /** records compared per chunk, i.e. per commit (at least one page) */
  chunkRecords?: number;
  /** target lookups in flight at once: well inside a provider's rate limit with retries */
  lookupConcurrency?: number;
  retry?: RetryOptions;
}

/**
 * Each chunk pays once for its run context, its ledger read and its commit (about 20-30 ms
 * together): per 250-record page that alone caps a run near 10,000 records/s, per 2,000 it is
 * a few ms per page. A chunk stays resumable: a retry repeats at most these records. The source
 * side lists 5,000 per chunk (20 listing calls to repeat at worst); the target side reads 2,000,
 * because each of its records is a provider call of its own (at an ERP's 50/s, 40 s a chunk).
 */
const DEFAULT_CHUNK_RECORDS = { source: 5000, target: 2000 } as const;

const chunkRecordsOf = (deps: RunChunkDeps, phase: 'source' | 'target') =>
  Math.max(deps.chunkRecords ?? DEFAULT_CHUNK_RECORDS[phase], deps.pageSize ?? 250);

type Cursor = { phase: 'source' | 'target'; page: string | null };

function readCursor(raw: string | null): Cursor {
  if (!raw) return { phase: 'source', page: null };
  const parsed = JSON.parse(raw) as Cursor;
  return { phase: parsed.phase, page: parsed.page };
}

/** A provider read that failed for good: the run fails with the reason; transient ones throw so
 *  the job retries the same chunk later (nothing of it was written). */
class ReadFailed extends Error {}

function orFail<T>(
  result:
    | ({ ok: true } & T)
    | { ok: false; errorClass: Parameters<typeof isTransient>[0]; message: string },
): T {
  if (result.ok) return result;
  if (isTransient(result.errorClass)) throw new Error(`provider read failed: ${result.message}`);
  throw new ReadFailed(`${result.errorClass}: ${result.message}`);
}

/** A side that can be read but has no usable credentials fails the run, in words. */
function contextOf(side: RunContext['source']) {
  if (side.ctx) return side.ctx;
  throw new ReadFailed(`auth: connection ${side.key} has no valid credentials`);
}

const sum = (records: readonly ProviderRecord[]) =>
  records.reduce((n, r) => n + (r.amountMinor ?? 0), 0);

const recordMoney = (r: ProviderRecord | undefined): Money | null =>
  r?.amountMinor === undefined ? null : { minor: r.amountMinor, currency: r.currency ?? null };

/** A side that names no currency is taken to be in the other side's (a command without one). */
function pair(ledger: Money | null, provider: Money | null): RecordMoney {
  return {
    ledger: ledger && { ...ledger, currency: ledger.currency ?? provider?.currency ?? null },
    provider: provider && { ...provider, currency: provider.currency ?? ledger?.currency ?? null },
  };
}

/**
 * Source side: the provider's money is every record listed; the ledger's is the records it holds
 * a transaction for, at the amount listed (the ledger recorded that very record, and a source's
 * command need not carry money: a fulfilment does not). The difference is what never reached it.
 */
function sourceMoney(records: readonly ListedRecord[], missing: ReadonlySet<string>) {
  return moneyOf(
    records.map((r) => {
      const money = recordMoney(r);
      return { ledger: missing.has(r.ref) ? null : money, provider: money };
    }),
  );
}

/**
 * Target side: per transaction the ledger believes the target holds (completed, with a
 * reference), the money of the command it sent against the record found for it (none when it is
 * missing). A superseded transaction is left out: its record shows its successor's money.
 */
function targetMoney(ledger: readonly LedgerRecord[], found: readonly ProviderRecord[]) {
  const byRef = new Map(found.map((r) => [r.ref, r]));
  return moneyOf(
    ledger.flatMap((l) =>
      l.status === 'completed' && l.targetRef !== null && !l.superseded
        ? [pair(moneyOfFields(l.fields), recordMoney(byRef.get(l.targetRef)))]
        : [],
    ),
  );
}

async function sourceChunk(deps: RunChunkDeps, tenantId: string, c: RunContext, cursor: Cursor) {
  const list = adapterFor(c.source).reconcile?.listSource;
  if (!list) return null;
  const ctx = contextOf(c.source);
  const pageSize = deps.pageSize ?? 250;
  const pages = Math.floor(chunkRecordsOf(deps, 'source') / pageSize);
  const records: ListedRecord[] = [];
  let nextPage = cursor.page;
  let listingMs = 0;
  for (let n = 0; n < pages && (n === 0 || nextPage !== null); n++) {
    const started = performance.now();
    const page = orFail(
      await withRetry(
        () =>
          list(ctx, {
            eventType: c.flow.eventType,
            from: c.run.windowFrom,
            to: c.run.windowTo,
            cursor: nextPage,
            limit: pageSize,
          }),
        deps.retry ?? DEFAULT_RETRY,
      ),
    );
    listingMs += performance.now() - started;
    records.push(...page.records);
    nextPage = page.nextCursor;
  }
  const ledger = await ledgerForSources(
    deps.db,
    tenantId,
    c.run.flowId,
    records.map((r) => r.ref),
  );
  const comparedAt = performance.now();
  const result = compare({ ledger, source: records, rules: c.rules });
  const comparingMs = performance.now() - comparedAt;
  return {
    result,
    listed: records.length,
    listingMs,
    comparingMs,
    next:
      nextPage === null
        ? { phase: 'target' as const, page: null }
        : { phase: 'source' as const, page: nextPage },
    totals: addTotals(readTotals(c.run.totals), c.source.key, {
      count: records.length,
      amountMinor: sum(records),
      currency: records[0]?.currency ?? null,
      matched: result.matched,
      unmatched: result.items.length,
      side: 'source',
      items: result.items.length,
      money: sourceMoney(records, new Set(result.items.map((i) => i.providerRef ?? ''))),
    }),
  };
}

async function targetChunk(deps: RunChunkDeps, tenantId: string, c: RunContext, cursor: Cursor) {
  // The same read of the operation's record the state comparison makes (one per record kind).
  const adapter = adapterFor(c.target);
  const readers = adapter.recordReaders;
  const read =
    readers && Object.hasOwn(readers, c.flow.operation) ? readers[c.flow.operation] : undefined;
  if (!read) return null;
  const ctx = contextOf(c.target);
  const limit = chunkRecordsOf(deps, 'target');
  const page = await ledgerPage(deps.db, tenantId, {
    flowId: c.run.flowId,
    from: c.run.windowFrom,
    to: c.run.windowTo,
    after: decodePageKey(cursor.page),
    limit,
    targetKey: c.target.key,
    sharedRecords: adapter.sharedRecords?.includes(c.flow.operation) ?? false,
  });
  const ledger = page.records;
  // A reader may need the command as well as the reference (a CRM reads contacts by email).
  const refs = ledger.flatMap((l) =>
    l.status === 'completed' && l.targetRef
      ? [{ id: l.targetRef, businessKey: l.businessKey, command: l.fields }]
      : [],
  );
  const started = performance.now();
  const found = await mapBounded(
    refs,
    deps.lookupConcurrency ?? 8,
    async (ref) =>
      orFail(await withRetry(() => read(ctx, ref), deps.retry ?? DEFAULT_RETRY)).record,
  );
  const listingMs = performance.now() - started;
  const target = found.filter((r): r is ProviderRecord => r !== null);
  const comparedAt = performance.now();
  const result = compare({ ledger, target, rules: c.rules });
  const comparingMs = performance.now() - comparedAt;
  const drifted = new Set(result.items.map((i) => i.transactionId)).size;
  return {
    result,
    listed: target.length,
    listingMs,
    comparingMs,
    next:
      ledger.length < limit || !page.last
        ? null
        : { phase: 'target' as const, page: encodePageKey(page.last) },
    totals: addTotals(readTotals(c.run.totals), c.target.key, {
      count: target.length,
      amountMinor: sum(target),
      currency: target[0]?.currency ?? null,
      matched: result.matched,
      unmatched: drifted,
      side: 'target',
      items: result.items.length,
      money: targetMoney(ledger, target),
    }),
  };
}

/** Runs the next chunk; `done` when the run finished, failed, was cancelled or is unknown. */
export async function runReconciliationChunk(
  deps: RunChunkDeps,
  tenantId: string,
  runId: string,
): Promise<{ done: boolean }> {
  const c = await loadRunContext(deps.db, tenantId, runId, deps);
  if (!c) return { done: true };
  const cursor = readCursor(c.run.cursor);
  try {
    const chunk =
      cursor.phase === 'source'
        ? ((await sourceChunk(deps, tenantId, c, cursor)) ?? skipTo('target'))
        : ((await targetChunk(deps, tenantId, c, cursor)) ?? skipTo(null));
    const next: Cursor | null = chunk.next;
    await writeChunk(deps.db, tenantId, {
      runId,
      flowId: c.run.flowId,
      fromCursor: c.run.cursor,
      toCursor: next ? JSON.stringify(next) : c.run.cursor,
      listed: chunk.listed,
      matched: chunk.result.matched,
      items: chunk.result.items,
      totals: chunk.totals ?? readTotals(c.run.totals),
      listingMs: chunk.listingMs,
      comparingMs: chunk.comparingMs,
      finished: next === null,
    });
    return { done: next === null };
  } catch (error) {
    if (!(error instanceof ReadFailed)) throw error;
    await deps.db.reconciliationRun.updateMany({
      where: { id: runId, tenantId, status: 'running' },
      data: { status: 'failed', error: error.message, finishedAt: new Date() },
    });
    return { done: true };
  }
}

/** An empty chunk that moves the run to `phase` (null: finished). */
function skipTo(phase: 'target' | null) {
  return {
    result: { matched: 0, items: [] },
    listed: 0,
    listingMs: 0,
    comparingMs: 0,
    next: phase ? { phase, page: null } : null,
    totals: undefined,
  };
}
