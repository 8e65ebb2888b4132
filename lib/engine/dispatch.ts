// Plans the dispatch of one claimed transaction: the guards that need no provider (stale, waiting
// for a dependency, no mapping, no credentials), then the mapping, the provider call with the
// transaction's idempotency key, and the resulting change. It returns the change instead of
// writing it: the drain settles a whole batch through transitionMany in one statement. A crash
// before that commit leaves the transactions as they were; the next claim resends the same
// idempotency key (or, for providers without keys, looks the record up first), so the provider
// applies each command once.
import type { ErrorClass, Prisma, TransactionStatus } from '@/lib/db';
import type { TimelineFact } from '@/lib/ledger/timeline';
import type { TransitionRequest } from '@/lib/ledger/transition';
import { evaluateMapping, translateStatus } from '@/lib/mapping/evaluate';
import { redactExchange } from '@/lib/providers/outcome';
import { RequestNotSent, withPacing, type Pace } from '@/lib/providers/pacing';
import type { OperationOutcome } from '@/lib/providers/port';
import { own } from '@/lib/base/own';
import { adapterFor } from '@/lib/providers/registry';
import type { CallOutcome } from './circuit-breaker';
import type { Dispatchable, TargetConnection } from './load-dispatchable';
import { decideOnFailure, delayWords, parseRetryPolicy } from './retry-policy';

export interface DispatchContext {
  connection: TargetConnection;
  credentials: Record<string, string> | null;
  providerTimeoutMs: number;
  random?: () => number;
  now?: () => Date;
  /** awaited before each provider request (the connection's rate limit); absent: none */
  pace?: Pace;
}

export type Plan =
  | { kind: 'settle'; request: TransitionRequest; call?: CallOutcome; retryAfterMs?: number }
  /** not now, and nothing new to record: the row only moves in the queue */
  | { kind: 'defer'; at: Date }
  /** the row's transaction no longer needs dispatching (settled by someone else meanwhile) */
  | { kind: 'stray' }
  /** the row was claimed by another worker before its request went out: not sent, not touched */
  | { kind: 'lost' };

/** Thrown before a request whose claim another worker holds now (claim-lease.ts). */
class ClaimLost extends Error {}

/** a dispatch claimed this often without an outcome keeps crashing its worker: a person looks */
export const MAX_UNSETTLED_CLAIMS = 5;

const DISPATCHABLE: ReadonlySet<TransactionStatus> = new Set(['received', 'waiting_retry']);
const PENDING: ReadonlySet<TransactionStatus> = new Set([
  'received',
  'waiting_retry',
  'processing',
  'paused',
]);
const DEPENDENCY_RECHECK_MS = 2000;
/** after this long a dependency still pending counts as blocked: attempts are spent, it ends visibly */
const DEPENDENCY_PATIENCE_MS = 60 * 60_000;

type Change = Omit<TransitionRequest, 'tenantId' | 'transactionId' | 'from' | 'actor'>;

export async function planDispatch(
  ctx: DispatchContext,
  txn: Dispatchable,
  claims: number,
  /** resolves false when the claim is no longer this batch's: checked right before the request */
  fence?: () => Promise<boolean>,
): Promise<Plan> {
  if (!DISPATCHABLE.has(txn.status)) return { kind: 'stray' };
  const settle = (
    change: Change,
    extra: Omit<Extract<Plan, { kind: 'settle' }>, 'kind' | 'request'> = {},
  ): Plan => ({
    kind: 'settle',
    request: {
      tenantId: txn.tenantId,
      transactionId: txn.id,
      from: txn.status,
      actor: 'worker',
      ...change,
    },
    ...extra,
  });
  const review = (errorClass: ErrorClass, reason: string, to: TransactionStatus = 'needs_review') =>
    settle({ to, errorClass, lastError: reason, nextAttemptAt: null, reason });

  if (claims > MAX_UNSETTLED_CLAIMS)
    return review(
      'unknown',
      `dispatch was interrupted ${claims - 1} times without an outcome (a worker crashed or was killed while sending); check the provider before replaying`,
    );
  if (txn.supersededBy)
    return review(
      'stale',
      `stale: a newer state of ${txn.businessKey} (transaction ${txn.supersededBy}) supersedes this event; not applied`,
      'cancelled',
    );
  const dep = txn.dependency;
  if (dep && dep.status !== 'completed') {
    const why = dep.transactionId
      ? `${dep.flowName} for ${txn.businessKey} is ${dep.status ?? 'pending'}`
      : `${dep.flowName} for ${txn.businessKey} has not happened yet`;
    const waitedMs = now(ctx).getTime() - txn.createdAt.getTime();
    if ((dep.status === null || PENDING.has(dep.status)) && waitedMs < DEPENDENCY_PATIENCE_MS) {
      // Still on its way: check again without spending this transaction's attempt budget, more
      // slowly the longer it waits; the timeline says "waiting" once, not at every check.
      const delay = Math.min(60_000, Math.max(DEPENDENCY_RECHECK_MS, waitedMs / 10));
      const nextAttemptAt = new Date(
        now(ctx).getTime() + delay * (1 + (ctx.random ?? Math.random)()),
      );
      if (txn.status === 'waiting_retry' && txn.errorClass === 'missing_dependency')
        return { kind: 'defer', at: nextAttemptAt };
      return settle({
        to: 'waiting_retry',
        errorClass: 'missing_dependency',
        lastError: `waiting: ${why}`,
        nextAttemptAt,
        outboxAvailableAt: nextAttemptAt,
        reason: `waiting: ${why}`,
      });
    }
    // Blocked upstream (failed, in review, cancelled): spends attempts, so it ends visibly failed.
    return failure(ctx, txn, 'missing_dependency', `blocked: ${why}`, undefined, [], undefined);
  }
  const mapping = txn.mapping;
  if (!mapping) return review('mapping', `flow ${txn.flow.name} has no active mapping version`);
  const operation = own(adapterFor(ctx.connection).operations, txn.flow.operation);
  if (!operation)
    return review(
      'contract_mismatch',
      `${ctx.connection.provider} has no operation ${txn.flow.operation}`,
    );
  const mapped = await evaluateMapping(
    mapping,
    JSON.parse(txn.inboundBody) as unknown,
    operation.input,
  );
  if (!mapped.ok) {
    // The transaction records the version that failed, as it does the one that sent.
    const reason = `mapping v${mapping.version}: ${mapped.message}`;
    return settle({
      to: 'needs_review',
      errorClass: 'mapping',
      lastError: reason,
      nextAttemptAt: null,
      reason,
      mappingVersionId: mapping.id,
    });
  }
  if (!ctx.credentials)
    return review('auth', `connection ${ctx.connection.name} has no valid credentials`);

  const attempt = txn.attempts + 1;
  const startedAt = now(ctx);
  const credentials = ctx.credentials;
  const send = async () => {
    // after any wait for a rate-limit slot: the claim must still be this batch's as it goes out
    if (fence && !(await fence())) throw new ClaimLost();
    return operation.execute(
      { baseUrl: ctx.connection.baseUrl, credentials, timeoutMs: ctx.providerTimeoutMs },
      mapped.command,
      { idempotencyKey: txn.idempotencyKey, mayHaveBeenSent: txn.sentBefore || claims > 1 },
    );
  };
  let outcome: OperationOutcome;
  try {
    outcome = ctx.pace ? await withPacing(ctx.pace, send) : await send();
  } catch (error) {
    // No rate-limit slot came before the drain had to stop waiting: nothing to record, the row
    // goes back to the queue, due now, and the claim is not counted (a lookup it may have made
    // changed nothing).
    if (error instanceof RequestNotSent) return { kind: 'defer', at: now(ctx) };
    if (error instanceof ClaimLost) return { kind: 'lost' };
    throw error;
  }
  // A paced request may have waited for its slot: it was sent when its answer came, less the
  // exchange's duration (the timeline stamps the command then, not before the wait).
  const sentAt = ctx.pace
    ? new Date(Math.max(startedAt.getTime(), now(ctx).getTime() - outcome.exchange.durationMs))
    : startedAt;
  const facts = exchangeFacts(ctx, txn, mapping.version, mapped.command, outcome, attempt, sentAt);
  const related = dep?.transactionId ?? undefined;
  if (outcome.kind === 'failure')
    return failure(
      ctx,
      txn,
      outcome.errorClass,
      outcome.message,
      outcome.retryAfterMs,
      facts,
      mapping.id,
      related,
    );

  const translated = translateStatus(mapping.statusTable, outcome.providerStatus);
  // Only what the status table says explicitly: a provider status it does not know is a question
  // for a person, never a silent success.
  const to: TransactionStatus =
    translated === 'completed' || translated === 'needs_review' || translated === 'failed'
      ? translated
      : 'needs_review';
  const unmapped = translated !== to;
  return settle(
    {
      to,
      reason: `${ctx.connection.name} ${outcome.providerStatus} -> ${to}`,
      attempts: attempt,
      errorClass: to === 'completed' ? null : unmapped ? 'mapping' : 'business_rule',
      lastError:
        to === 'completed'
          ? null
          : unmapped
            ? `provider status ${outcome.providerStatus} is not in mapping v${mapping.version}'s status table`
            : `provider status ${outcome.providerStatus}`,
      nextAttemptAt: null,
      externalRefs: { ...txn.externalRefs, [ctx.connection.key]: outcome.externalRef },
      mappingVersionId: mapping.id,
      relatedTransactionId: related,
      facts,
    },
    { call: { kind: 'success' } },
  );
}

function now(ctx: DispatchContext): Date {
  return ctx.now ? ctx.now() : new Date();
}

function failure(
  ctx: DispatchContext,
  txn: Dispatchable,
  errorClass: ErrorClass,
  message: string,
  retryAfterMs: number | undefined,
  facts: TimelineFact[],
  mappingVersionId: string | undefined,
  relatedTransactionId?: string,
): Plan {
  const attempt = txn.attempts + 1;
  const decision = decideOnFailure(
    errorClass,
    attempt,
    parseRetryPolicy(txn.flow.retryPolicy),
    retryAfterMs,
    ctx.random,
  );
  const base = {
    attempts: attempt,
    errorClass,
    lastError: message,
    mappingVersionId,
    relatedTransactionId,
    facts,
  };
  const called = facts.length > 0;
  const extra = {
    call: called ? ({ kind: 'failure', errorClass } as const) : undefined,
    retryAfterMs,
  };
  const request = (change: Change): Plan => ({
    kind: 'settle',
    request: {
      tenantId: txn.tenantId,
      transactionId: txn.id,
      from: txn.status,
      actor: 'worker',
      ...change,
    },
    ...extra,
  });
  switch (decision.kind) {
    case 'retry': {
      const nextAttemptAt = new Date(now(ctx).getTime() + decision.delayMs);
      return request({
        ...base,
        to: 'waiting_retry',
        nextAttemptAt,
        outboxAvailableAt: nextAttemptAt,
        // the class's own budget and the drawn delay, so a changed retry policy is visible here
        reason: `${message}; retry ${attempt + 1} of ${decision.maxAttempts} in ${delayWords(decision.delayMs)} at ${nextAttemptAt.toISOString()} (${errorClass})`,
      });
    }
    case 'needs_review':
      return request({
        ...base,
        to: 'needs_review',
        nextAttemptAt: null,
        reason: `${errorClass}: needs a person`,
      });
    case 'failed':
      return request({
        ...base,
        to: 'failed',
        nextAttemptAt: null,
        reason: `${errorClass}: gave up after ${attempt} attempts`,
      });
    default: {
      const exhaustive: never = decision;
      return exhaustive;
    }
  }
}

function exchangeFacts(
  ctx: DispatchContext,
  txn: Dispatchable,
  mappingVersion: number,
  command: unknown,
  outcome: OperationOutcome,
  attempt: number,
  sentAt: Date,
): (TimelineFact & { evenIfRefused: boolean })[] {
  const target = ctx.connection.name;
  // Adapters redact already; this second pass holds for any adapter that forgets: what is
  // stored of an exchange never carries the connection's credentials (ADR 0009's payload rules
  // apply to it when shown, like the rest of the fact).
  const exchange = redactExchange(outcome.exchange, ctx.credentials ?? {});
  const answer =
    outcome.kind === 'success'
      ? outcome.alreadyApplied
        ? `${target} already had it (${outcome.providerStatus}): ${outcome.externalRef}; nothing created twice`
        : `${target} answered ${exchange.status ?? ''} ${outcome.providerStatus}: ${outcome.externalRef}`
      : `${target} failed (${outcome.errorClass}): ${outcome.message}`;
  return [
    {
      kind: 'command',
      type: 'command.sent',
      summary: `${txn.flow.operation} sent to ${target} with mapping v${mappingVersion} (attempt ${attempt})`,
      actor: 'worker',
      occurredAt: sentAt,
      evenIfRefused: true,
      data: {
        operation: txn.flow.operation,
        attempt,
        idempotencyKey: txn.idempotencyKey,
        mappingVersion,
        method: exchange.method,
        url: exchange.url,
        request: command as Prisma.InputJsonValue,
        // as it went out: the command above is what the mapping made; this is what was sent
        ...(exchange.requestHeaders && { requestHeaders: exchange.requestHeaders }),
        ...(exchange.requestBody !== undefined && {
          requestBody: (exchange.requestBody ?? null) as Prisma.InputJsonValue,
        }),
      },
    },
    {
      kind: 'event',
      type:
        outcome.kind === 'failure'
          ? 'provider.failed'
          : outcome.alreadyApplied
            ? 'provider.already_present'
            : 'provider.accepted',
      summary: answer.replace(/\s+/g, ' ').trim(),
      actor: 'worker',
      occurredAt: new Date(sentAt.getTime() + exchange.durationMs),
      evenIfRefused: true,
      data: {
        status: exchange.status,
        durationMs: exchange.durationMs,
        response: (exchange.responseBody ?? null) as Prisma.InputJsonValue,
        ...(exchange.responseHeaders && { responseHeaders: exchange.responseHeaders }),
        ...(outcome.kind === 'failure' && { errorClass: outcome.errorClass }),
      },
    },
  ];
}
