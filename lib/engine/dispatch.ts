// Dispatches one transaction: one read, the mapping, the provider call with the transaction's
// idempotency key, then ONE statement (transition) that records command, answer and the resulting
// status and settles the outbox row — one commit per dispatch. A crash before that commit leaves
// the transaction as it was; the retry resends the same idempotency key, so the provider applies
// the command once.
import type { Db, Prisma, TransactionStatus } from '@/lib/db';
import { tenantDb } from '@/lib/db';
import { openSecret } from '@/lib/crypto/secret-box';
import { appendTimeline, type TimelineFact } from '@/lib/ledger/timeline';
import { transition, type TransitionRequest } from '@/lib/ledger/transition';
import { evaluateMapping, translateStatus } from '@/lib/mapping/evaluate';
import type { OperationOutcome } from '@/lib/providers/port';
import { findOperation, getAdapter } from '@/lib/providers/registry';
import { loadDispatchable, type Dispatchable } from './load-dispatchable';
import { decideOnFailure, parseRetryPolicy } from './retry-policy';

export interface DispatchDeps {
  db: Db;
  encryptionKey: Buffer;
  providerTimeoutMs: number;
  /** how long after a scheduled retry the sweeper may assume its job was lost */
  outboxGraceMs: number;
  random?: () => number;
}

export type DispatchResult =
  | { kind: 'done'; status: TransactionStatus }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'settled'; status: TransactionStatus }
  | { kind: 'gone' };

const DISPATCHABLE: ReadonlySet<TransactionStatus> = new Set([
  'received',
  'waiting_retry',
  'processing',
]);
/** a retry job that fires this early is close enough: not worth another delay */
const EARLY_TOLERANCE_MS = 250;

export async function dispatchTransaction(
  deps: DispatchDeps,
  ids: { tenantId: string; transactionId: string },
): Promise<DispatchResult> {
  const txn = await loadDispatchable(deps.db, ids.tenantId, ids.transactionId);
  if (!txn) return { kind: 'gone' };
  if (!DISPATCHABLE.has(txn.status)) {
    // A stray outbox row of a settled transaction. The status is checked again in the same
    // statement: a person may have replayed it (new outbox row) since we read it.
    await tenantDb(deps.db, txn.tenantId).outboxEntry.deleteMany({
      where: {
        transactionId: txn.id,
        transaction: { status: { notIn: ['received', 'waiting_retry'] } },
      },
    });
    return { kind: 'settled', status: txn.status };
  }
  const dueIn = txn.nextAttemptAt ? txn.nextAttemptAt.getTime() - Date.now() : 0;
  if (txn.status === 'waiting_retry' && dueIn > EARLY_TOLERANCE_MS)
    return { kind: 'retry', delayMs: dueIn };

  const { flow, target } = txn;
  if (flow.status === 'paused' || target.status === 'paused') {
    const what = flow.status === 'paused' ? `flow ${flow.name}` : `connection ${target.name}`;
    return settle(deps, txn, { to: 'paused', reason: `${what} is paused: held until resumed` });
  }
  const mapping = txn.mapping;
  if (!mapping)
    return settle(deps, txn, {
      to: 'needs_review',
      errorClass: 'mapping',
      reason: `flow ${flow.name} has no active mapping version`,
    });
  const operation = findOperation(target.provider, flow.operation);
  if (!operation) {
    return settle(deps, txn, {
      to: 'needs_review',
      errorClass: 'contract_mismatch',
      reason: `${target.provider} has no operation ${flow.operation}`,
    });
  }
  const payload = JSON.parse(txn.inboundBody) as unknown;
  const mapped = await evaluateMapping(mapping, payload, operation.input);
  if (!mapped.ok)
    return settle(deps, txn, {
      to: 'needs_review',
      errorClass: 'mapping',
      reason: `mapping v${mapping.version}: ${mapped.message}`,
    });
  const credentials = readCredentials(deps, txn);
  if (!credentials)
    return settle(deps, txn, {
      to: 'needs_review',
      errorClass: 'auth',
      reason: `connection ${target.name} has no valid credentials`,
    });

  const attempt = txn.attempts + 1;
  const sentAt = new Date();
  const outcome = await operation.execute(
    { baseUrl: target.baseUrl, credentials, timeoutMs: deps.providerTimeoutMs },
    mapped.command,
    { idempotencyKey: txn.idempotencyKey },
  );
  const facts = exchangeFacts(txn, mapping.version, mapped.command, outcome, attempt, sentAt);
  return outcome.kind === 'success'
    ? recordSuccess(deps, txn, outcome, attempt, facts, mapping)
    : recordFailure(deps, txn, outcome, attempt, facts, mapping.id);
}

function readCredentials(deps: DispatchDeps, txn: Dispatchable): Record<string, string> | null {
  const sealed = txn.target.credentialsEncrypted;
  if (!sealed) return null;
  try {
    const parsed = getAdapter(txn.target.provider).credentials.safeParse(
      JSON.parse(openSecret(sealed, deps.encryptionKey)),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function exchangeFacts(
  txn: Dispatchable,
  mappingVersion: number,
  command: unknown,
  outcome: OperationOutcome,
  attempt: number,
  sentAt: Date,
): TimelineFact[] {
  const target = txn.target.name;
  const { exchange } = outcome;
  const answer =
    outcome.kind === 'success'
      ? `${target} answered ${exchange.status ?? ''} ${outcome.providerStatus}${outcome.alreadyApplied ? ' (already applied earlier)' : ''}: ${outcome.externalRef}`
      : `${target} failed (${outcome.errorClass}): ${outcome.message}`;
  return [
    {
      kind: 'command',
      type: 'command.sent',
      summary: `${txn.flow.operation} sent to ${target} (attempt ${attempt})`,
      actor: 'worker',
      occurredAt: sentAt,
      data: {
        operation: txn.flow.operation,
        attempt,
        idempotencyKey: txn.idempotencyKey,
        mappingVersion,
        method: exchange.method,
        url: exchange.url,
        request: command as Prisma.InputJsonValue,
      },
    },
    {
      kind: 'event',
      type: outcome.kind === 'success' ? 'provider.accepted' : 'provider.failed',
      summary: answer.trim(),
      actor: 'worker',
      occurredAt: new Date(sentAt.getTime() + exchange.durationMs),
      data: {
        status: exchange.status,
        durationMs: exchange.durationMs,
        response: (exchange.responseBody ?? null) as Prisma.InputJsonValue,
        ...(outcome.kind === 'failure' && { errorClass: outcome.errorClass }),
      },
    },
  ];
}

async function recordSuccess(
  deps: DispatchDeps,
  txn: Dispatchable,
  outcome: Extract<OperationOutcome, { kind: 'success' }>,
  attempt: number,
  facts: TimelineFact[],
  mapping: { id: string; version: number; statusTable: Prisma.JsonValue },
): Promise<DispatchResult> {
  const translated = translateStatus(mapping.statusTable, outcome.providerStatus);
  // Only what the status table says explicitly: a provider status it does not know is a question
  // for a person, never a silent success. (`processing` needs a follow-up path — provider webhooks
  // or polling — before a status table may use it.)
  const to: TransactionStatus =
    translated === 'completed' || translated === 'needs_review' || translated === 'failed'
      ? translated
      : 'needs_review';
  const unmapped = translated !== to;
  const externalRefs = { ...txn.externalRefs, [txn.target.key]: outcome.externalRef };
  return commit(deps, txn, {
    to,
    reason: `${txn.target.name} ${outcome.providerStatus} -> ${to}`,
    attempts: attempt,
    errorClass: to === 'completed' ? null : unmapped ? 'mapping' : 'business_rule',
    lastError:
      to === 'completed'
        ? null
        : unmapped
          ? `provider status ${outcome.providerStatus} is not in mapping v${mapping.version}'s status table`
          : `provider status ${outcome.providerStatus}`,
    nextAttemptAt: null,
    externalRefs,
    mappingVersionId: mapping.id,
    facts,
  });
}

async function recordFailure(
  deps: DispatchDeps,
  txn: Dispatchable,
  outcome: Extract<OperationOutcome, { kind: 'failure' }>,
  attempt: number,
  facts: TimelineFact[],
  mappingVersionId: string,
): Promise<DispatchResult> {
  const decision = decideOnFailure(
    outcome.errorClass,
    attempt,
    parseRetryPolicy(txn.flow.retryPolicy),
    outcome.retryAfterMs,
    deps.random,
  );
  const base = {
    attempts: attempt,
    errorClass: outcome.errorClass,
    lastError: outcome.message,
    mappingVersionId,
    facts,
  };
  switch (decision.kind) {
    case 'retry': {
      const nextAttemptAt = new Date(Date.now() + decision.delayMs);
      const reason = `retry ${attempt + 1} at ${nextAttemptAt.toISOString()} (${outcome.errorClass})`;
      // The outbox offers the transaction again only after its retry was due: then its job is lost.
      const outboxAvailableAt = new Date(nextAttemptAt.getTime() + deps.outboxGraceMs);
      return commit(
        deps,
        txn,
        { ...base, to: 'waiting_retry', nextAttemptAt, outboxAvailableAt, reason },
        decision.delayMs,
      );
    }
    case 'needs_review':
      return commit(deps, txn, {
        ...base,
        to: 'needs_review',
        nextAttemptAt: null,
        reason: `${outcome.errorClass}: needs a person`,
      });
    case 'failed':
      return commit(deps, txn, {
        ...base,
        to: 'failed',
        nextAttemptAt: null,
        reason: `${outcome.errorClass}: gave up after ${attempt} attempts`,
      });
    default: {
      const exhaustive: never = decision;
      return exhaustive;
    }
  }
}

type Change = Omit<TransitionRequest, 'tenantId' | 'transactionId' | 'from' | 'actor'>;

/** Settling without contacting the provider: paused, or a person must look first. */
function settle(deps: DispatchDeps, txn: Dispatchable, change: Change): Promise<DispatchResult> {
  return commit(deps, txn, {
    ...change,
    errorClass: change.errorClass ?? null,
    lastError: change.errorClass ? change.reason : null,
  });
}

async function commit(
  deps: DispatchDeps,
  txn: Dispatchable,
  change: Change,
  retryDelayMs = 0,
): Promise<DispatchResult> {
  const verdict = await transition(deps.db, {
    tenantId: txn.tenantId,
    transactionId: txn.id,
    from: txn.status,
    actor: 'worker',
    ...change,
  });
  switch (verdict.kind) {
    case 'not_found':
      return { kind: 'gone' };
    case 'refused':
      // Someone (a person, a concurrent worker) moved the transaction meanwhile: keep what we did
      // on the timeline, leave the status to them.
      await appendTimeline(
        tenantDb(deps.db, txn.tenantId),
        txn.tenantId,
        txn.id,
        change.facts ?? [],
      );
      return { kind: 'settled', status: verdict.from };
    case 'applied':
      return change.to === 'waiting_retry'
        ? { kind: 'retry', delayMs: retryDelayMs }
        : { kind: 'done', status: change.to };
    default: {
      const exhaustive: never = verdict;
      return exhaustive;
    }
  }
}
