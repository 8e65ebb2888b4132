// One chunk of a replay pre-flight (the 'replay.preflight' job loops over it). The next CHUNK of
// the filter's transactions (those that existed when it started, after its cursor) are asked
// about at their target: the adapter's record reader for the flow's operation — the same read the
// state comparison and reconciliation make, by the reference the ledger holds or else by the
// command's own reference, as the engine's "already present" look-up before a repeat does. Reads
// go at most `concurrency` at a time and each waits for the connection's rate limit (the same
// sliding window the drain uses, lib/providers/pacing.ts), so a pre-flight shares the target's
// budget with dispatch instead of adding to it. Counts, matches and the cursor are written in one
// statement per chunk, only while the pre-flight is still running: a cancel between chunks stops
// it, and a retried job resumes after the last committed chunk.
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db, ErrorClass } from '@/lib/db';
import { readCredentials } from '@/lib/providers/credentials';
import { withPacing, RequestNotSent, type Pace } from '@/lib/providers/pacing';
import type { RecordLookup, RecordReader } from '@/lib/providers/port';
import { adapterFor } from '@/lib/providers/registry';
import { mapWithConcurrency } from './pool';
import { acquireSlot, memoryRateLimiter, type RateLimiter } from './rate-limiter';
import { replayFilterSchema, replaySelectionWhere } from './replay-batch';

export interface PreflightDeps {
  db: Db;
  keyRing: KeyRing;
  providerTimeoutMs: number;
  /** the worker's (Redis, shared with the drains); default: this process's window log */
  rateLimiter?: RateLimiter;
  /** look-ups in flight at once per chunk (default 4) */
  concurrency?: number;
  /** transactions per chunk, i.e. per commit (default 50) */
  chunkSize?: number;
  /** a look-up waits at most this long for a rate-limit slot before counting as failed */
  maxWaitMs?: number;
}

interface Row {
  id: string;
  business_key: string;
  external_refs: unknown;
  operation: string;
  connection_id: string;
  request: unknown;
}

interface Target {
  id: string;
  key: string;
  provider: string;
  settings: unknown;
  baseUrl: string;
  credentialsEncrypted: string | null;
  rateLimitPerSecond: number | null;
}

/** Without the worker's limiter (tests, tools): one window log per process, kept across chunks. */
const processLimiter = memoryRateLimiter();

/** What one transaction's look-up said. */
export type Verdict =
  | { kind: 'found'; connectionKey: string; ref: string; status: string | null }
  | { kind: 'absent' }
  | { kind: 'not_checkable' }
  | { kind: 'failed'; errorClass: ErrorClass };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

async function loadTargets(db: Db, tenantId: string, ids: readonly string[]) {
  const rows = await db.connection.findMany({
    where: { tenantId, id: { in: [...ids] } },
    select: {
      id: true,
      key: true,
      provider: true,
      settings: true,
      baseUrl: true,
      credentialsEncrypted: true,
      rateLimitPerSecond: true,
    },
  });
  return new Map<string, Target>(rows.map((r) => [r.id, r]));
}

function readerFor(target: Target, operation: string): RecordReader | undefined {
  try {
    const readers = adapterFor(target).recordReaders;
    return readers && Object.hasOwn(readers, operation) ? readers[operation] : undefined;
  } catch {
    return undefined; // an adapter this version does not know cannot look anything up
  }
}

function paceOf(deps: PreflightDeps, limiter: RateLimiter, target: Target): Pace | null {
  const limit = target.rateLimitPerSecond;
  if (!limit) return null;
  return async () => {
    const deadline = Date.now() + (deps.maxWaitMs ?? 30_000);
    const granted = await acquireSlot(
      limiter,
      target.id,
      () => limit,
      () => Date.now() > deadline,
    );
    if (!granted) throw new RequestNotSent('not sent: no rate-limit slot within the wait');
  };
}

async function check(
  deps: PreflightDeps,
  limiter: RateLimiter,
  row: Row,
  target: Target | undefined,
): Promise<Verdict> {
  if (!target) return { kind: 'not_checkable' };
  const read = readerFor(target, row.operation);
  if (!read) return { kind: 'not_checkable' };
  const refs = isObject(row.external_refs) ? row.external_refs : {};
  const id = typeof refs[target.key] === 'string' ? (refs[target.key] as string) : null;
  // Nothing was ever sent and the ledger holds no reference: there is nothing there to find.
  if (!id && row.request === null) return { kind: 'absent' };
  const credentials = readCredentials(target.provider, target.credentialsEncrypted, deps.keyRing);
  if (!credentials) return { kind: 'failed', errorClass: 'auth' };
  const ctx = { baseUrl: target.baseUrl, credentials, timeoutMs: deps.providerTimeoutMs };
  const ref = { id, businessKey: row.business_key, command: row.request };
  const pace = paceOf(deps, limiter, target);
  let lookup: RecordLookup;
  try {
    lookup = await (pace ? withPacing(pace, () => read(ctx, ref)) : read(ctx, ref));
  } catch {
    // Readers answer provider trouble as values; a throw (no slot in time, a bug) is a failed
    // check, and the transaction is replayed as usual.
    return { kind: 'failed', errorClass: 'unknown' };
  }
  if (!lookup.ok) return { kind: 'failed', errorClass: lookup.errorClass };
  if (!lookup.record) return { kind: 'absent' };
  return {
    kind: 'found',
    connectionKey: target.key,
    ref: lookup.record.ref,
    status: lookup.record.status,
  };
}

/** Runs the next chunk; `done` once the pre-flight is completed, cancelled or unknown. */
export async function runPreflightChunk(
  deps: PreflightDeps,
  tenantId: string,
  preflightId: string,
): Promise<{ done: boolean }> {
  const { db } = deps;
  const pre = await db.replayPreflight.findFirst({
    where: { id: preflightId, tenantId },
    select: {
      status: true,
      filter: true,
      cursor: true,
      createdAt: true,
      lookupCap: true,
      found: true,
      absent: true,
      failedToCheck: true,
    },
  });
  if (!pre || pre.status !== 'running') return { done: true };
  const filter = replayFilterSchema.parse(pre.filter);
  const size = deps.chunkSize ?? 50;
  // Checked so far against the cap: every transaction whose target could be asked.
  const room = pre.lookupCap - (pre.found + pre.absent + pre.failedToCheck);
  const rows = await db.$queryRaw<Row[]>`
    SELECT t.id::text, t.business_key, t.external_refs, f.operation,
           f.target_connection_id::text AS connection_id, sent.request
    FROM transactions t JOIN flows f ON f.id = t.flow_id
    LEFT JOIN LATERAL (
      SELECT e.data -> 'request' AS request FROM timeline_entries e
      WHERE e.transaction_id = t.id AND e.tenant_id = t.tenant_id AND e.type = 'command.sent'
      ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1
    ) sent ON true
    WHERE ${replaySelectionWhere(tenantId, filter, pre.cursor)}
      AND t.created_at <= ${pre.createdAt}::timestamptz
    ORDER BY t.id LIMIT ${Math.max(0, Math.min(size, room))}`;
  const capped = rows.length < size && room < size;
  const targets = await loadTargets(db, tenantId, [...new Set(rows.map((r) => r.connection_id))]);
  const limiter = deps.rateLimiter ?? processLimiter;
  const verdicts = await mapWithConcurrency(rows, deps.concurrency ?? 4, (row) =>
    check(deps, limiter, row, targets.get(row.connection_id)),
  );
  const tally = (kind: Verdict['kind']) => verdicts.filter((v) => v.kind === kind).length;
  const matches = rows.flatMap((row, i) => {
    const v = verdicts[i];
    return v?.kind === 'found'
      ? [
          {
            transactionId: row.id,
            connectionKey: v.connectionKey,
            externalRef: v.ref,
            providerStatus: v.status,
          },
        ]
      : [];
  });
  const done = rows.length < size;
  // Past the cap, whatever the filter still selects is counted, not asked about.
  const [rest] = capped
    ? await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM transactions t JOIN flows f ON f.id = t.flow_id
        WHERE ${replaySelectionWhere(tenantId, filter, rows.at(-1)?.id ?? pre.cursor)}
          AND t.created_at <= ${pre.createdAt}::timestamptz`
    : [];
  await db.$transaction(async (tx) => {
    const { count } = await tx.replayPreflight.updateMany({
      where: { id: preflightId, tenantId, status: 'running', cursor: pre.cursor },
      data: {
        found: { increment: tally('found') },
        absent: { increment: tally('absent') },
        notCheckable: { increment: tally('not_checkable') },
        failedToCheck: { increment: tally('failed') },
        ...(rest && { notChecked: rest.n }),
        ...(rows.length > 0 && { cursor: rows.at(-1)?.id }),
        ...(done && { status: 'completed', finishedAt: new Date() }),
      },
    });
    // Cancelled meanwhile, or another run of this job committed this chunk: write nothing.
    if (count !== 1) return;
    if (matches.length > 0)
      await tx.replayPreflightMatch.createMany({
        data: matches.map((m) => ({ ...m, tenantId, preflightId })),
        skipDuplicates: true,
      });
  });
  return { done };
}
