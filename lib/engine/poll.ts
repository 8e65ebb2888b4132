// Scheduled sources: a flow whose source is polled (the ERP's inventory export) runs on a BullMQ
// job scheduler per flow. Each run asks the source adapter for the feed and records the answer
// exactly like an accepted webhook — inbound event, transactions of every subscribed flow,
// timeline, outbox, in one statement — so everything after is ordinary dispatch, within the
// target's rate limit. The provider's export id de-duplicates repeated polls of the same export.
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db } from '@/lib/db';
import { toCandidates } from '@/lib/ledger/candidates';
import { effectiveSearchPaths } from '@/lib/ledger/search-paths';
import { writeAccepted } from '@/lib/ledger/write-accepted';
import type { Logger } from '@/lib/observability/logger';
import { getAdapter } from '@/lib/providers/registry';
import { JOBS } from '@/lib/queue/catalog';
import type { QueueSet } from '@/lib/queue/queues';
import { readCredentials } from '@/lib/providers/credentials';
import { drainWaker } from '@/lib/queue/wake-drains';

export interface PollDeps {
  db: Db;
  queues: QueueSet;
  keyRing: KeyRing;
  providerTimeoutMs: number;
  log: Logger;
}

/** Makes the schedulers match the flows: one per active polled flow, none for the others. */
export async function syncPollSchedules(deps: { db: Db; queues: QueueSet }): Promise<number> {
  const flows = await deps.db.$queryRaw<{ id: string; tenant_id: string; every: number }[]>`
    SELECT id::text, tenant_id::text, poll_every_ms AS every FROM flows
    WHERE poll_feed IS NOT NULL AND poll_every_ms IS NOT NULL AND status = 'active'`;
  const spec = JOBS['flow.poll'];
  const queue = deps.queues.get(spec.queue);
  const wanted = new Set(flows.map((f) => `poll-${f.id}`));
  for (const f of flows) {
    await queue.upsertJobScheduler(
      `poll-${f.id}`,
      { every: f.every },
      { name: 'flow.poll', data: { tenantId: f.tenant_id, flowId: f.id }, opts: spec.options },
    );
  }
  for (const s of await queue.getJobSchedulers()) {
    if (s.key.startsWith('poll-') && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
  }
  return flows.length;
}

export type PollOutcome =
  | { kind: 'recorded'; transactions: number }
  | { kind: 'unchanged' }
  | { kind: 'failed'; errorClass: string; message: string }
  | { kind: 'skipped'; reason: string };

export async function pollFlow(
  deps: PollDeps,
  ids: { tenantId: string; flowId: string },
): Promise<PollOutcome> {
  const flow = await deps.db.flow.findFirst({
    where: { id: ids.flowId, tenantId: ids.tenantId },
    select: {
      pollFeed: true,
      status: true,
      sourceConnection: {
        select: {
          id: true,
          name: true,
          provider: true,
          baseUrl: true,
          credentialsEncrypted: true,
          status: true,
          searchPaths: true,
        },
      },
    },
  });
  if (!flow?.pollFeed) return { kind: 'skipped', reason: 'not a polled flow' };
  const source = flow.sourceConnection;
  if (flow.status === 'retired') return { kind: 'skipped', reason: 'retired' };
  if (flow.status === 'paused' || source.status === 'paused')
    return { kind: 'skipped', reason: 'paused' };
  const poll = getAdapter(source.provider).poll?.[flow.pollFeed];
  if (!poll)
    return {
      kind: 'failed',
      errorClass: 'contract_mismatch',
      message: `${source.provider} has no feed ${flow.pollFeed}`,
    };
  const credentials = readCredentials(source.provider, source.credentialsEncrypted, deps.keyRing);
  if (!credentials)
    return {
      kind: 'failed',
      errorClass: 'auth',
      message: `connection ${source.name} has no valid credentials`,
    };
  const result = await poll({
    baseUrl: source.baseUrl,
    credentials,
    timeoutMs: deps.providerTimeoutMs,
  });
  if (!result.ok) {
    await deps.db.connection.updateMany({
      where: { id: source.id, tenantId: ids.tenantId },
      data: { lastFailureAt: new Date(), lastError: `poll ${flow.pollFeed}: ${result.message}` },
    });
    return { kind: 'failed', errorClass: result.errorClass, message: result.message };
  }
  const flows = await deps.db.flow.findMany({
    where: {
      tenantId: ids.tenantId,
      sourceConnectionId: source.id,
      eventType: result.eventType,
      status: { not: 'retired' },
    },
    select: { id: true },
  });
  const written = await writeAccepted(deps.db, {
    tenantId: ids.tenantId,
    connectionId: source.id,
    providerEventId: result.providerEventId,
    topic: result.topic,
    status: flows.length > 0 && result.objects.length > 0 ? 'accepted' : 'ignored',
    headers: {},
    body: result.body,
    sizeBytes: Buffer.byteLength(result.body),
    summary: `${result.topic} polled from ${source.name}`,
    candidates: toCandidates(
      flows,
      result.objects,
      result.eventType,
      effectiveSearchPaths(source.searchPaths, getAdapter(source.provider).searchPaths ?? []),
    ),
  });
  if (!written) return { kind: 'unchanged' };
  await drainWaker(deps)(ids.tenantId, written.targetConnectionIds);
  return { kind: 'recorded', transactions: written.transactionIds.length };
}
