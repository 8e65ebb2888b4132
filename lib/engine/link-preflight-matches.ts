// A replay started with a pre-flight links what the pre-flight found at the target instead of
// sending it again: the target's reference is recorded and the transaction completes through the
// one guarded transition, with a timeline entry saying it was found at the provider during the
// pre-flight. Only transactions the batch's own filter still selects, and only from failed or
// needs_review (the statuses that may complete); a paused one is replayed as usual, and the
// engine's look-up before a repeat finds the record then. Runs inside the batch's start, so the
// batch's count, its audit entry and the links are one database transaction.
import type { Prisma, TransactionStatus } from '@/lib/db';
import { transitionMany, type TransitionRequest } from '@/lib/ledger/transition';
import type { Actor } from './replay';
import { replaySelectionWhere, type ReplayFilter } from './replay-batch';

interface MatchRow {
  id: string;
  status: TransactionStatus;
  external_refs: unknown;
  connection_key: string;
  external_ref: string;
  provider_status: string | null;
}

type Tx = Pick<Prisma.TransactionClient, '$queryRaw'>;

export async function linkPreflightMatches(
  tx: Tx,
  tenantId: string,
  input: { preflightId: string; filter: ReplayFilter; actor: Actor; reason: string },
): Promise<{ linked: number; transactionIds: string[] }> {
  const rows = await tx.$queryRaw<MatchRow[]>`
    SELECT t.id::text, t.status::text AS status, t.external_refs, m.connection_key, m.external_ref,
           m.provider_status
    FROM replay_preflight_matches m
    JOIN transactions t ON t.id = m.transaction_id AND t.tenant_id = m.tenant_id
    JOIN flows f ON f.id = t.flow_id
    WHERE m.tenant_id = ${tenantId}::uuid AND m.preflight_id = ${input.preflightId}::uuid
      AND t.status IN ('failed', 'needs_review')
      AND ${replaySelectionWhere(tenantId, input.filter, null)}
    ORDER BY t.id`;
  const who = input.actor.label;
  const requests = rows.map((r): TransitionRequest => ({
    tenantId,
    transactionId: r.id,
    from: r.status,
    to: 'completed',
    actor: input.actor.id,
    reason: `found at ${r.connection_key} during the replay pre-flight; linked by ${who} instead of sent again: ${input.reason}`,
    errorClass: null,
    lastError: null,
    nextAttemptAt: null,
    externalRefs: {
      ...(typeof r.external_refs === 'object' && r.external_refs !== null
        ? (r.external_refs as Record<string, Prisma.InputJsonValue>)
        : {}),
      [r.connection_key]: r.external_ref,
    },
    facts: [
      {
        kind: 'reconciliation',
        type: 'replay.linked',
        summary: `Found at ${r.connection_key} as ${r.external_ref} during the replay pre-flight: linked, not sent again`,
        actor: input.actor.id,
        data: {
          preflightId: input.preflightId,
          system: r.connection_key,
          externalRef: r.external_ref,
          providerStatus: r.provider_status,
          by: who,
          reason: input.reason,
        },
      },
    ],
  }));
  const verdicts = await transitionMany(tx, requests);
  const transactionIds = rows.flatMap((r, i) => (verdicts[i]?.kind === 'applied' ? [r.id] : []));
  return { linked: transactionIds.length, transactionIds };
}
