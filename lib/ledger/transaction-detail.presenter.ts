// Read model of the Transaction screen: header, error class in words, external references, the
// inbound event, the latest timeline entries in order, the attempts and the four payload views
// derived from them. Masking happens once, here, before anything is derived, so every view (and
// every Copy button) carries the masked value: the source and target connections' masking rules
// for every role (unless an audited reveal asked for this one view: lib/ledger/reveal-payloads.ts),
// then the built-in personal fields for roles that may not read personal data. The values those
// rules and fields hold are then masked in every other string the page shows (the outbound URL,
// headers, timeline summaries, error texts): lib/ledger/transaction-mask.ts.
import type { Prisma, TenantDb } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { errorClassHelp } from './error-class-help';
import { explainFailure } from './failure-cause';
import { loadFailureEvidence } from './failure-evidence';
import { heldByPause, pauseSelect } from './held-by-pause';
import {
  applyMaskingRules,
  compileMaskingRules,
  maskFactPayloads,
  NO_RULES,
  payloadRules,
  type InvalidRule,
} from './masking-rules';
import { nameActors } from './timeline-actors';
import { deriveAttempts } from './transaction-attempts';
import { parseBody, transactionMasker } from './transaction-mask';
import { extractPayloads } from './transaction-payloads';
import { isUuid } from '@/lib/base/uuid';
import { timelineItem, timelineSelect } from './transaction-timeline.presenter';

/** Long timelines (many replays) show their latest entries; the API pages through all of them. */
export const DETAIL_TIMELINE_LIMIT = 500;

export async function getTransactionDetail(
  db: TenantDb,
  id: string,
  options: {
    maskPersonalData: boolean;
    /** true only for an audited reveal: the connections' masking rules are not applied */
    reveal?: boolean;
    /** told about a stored rule that cannot be applied (it is skipped) */
    onInvalidRule?: (rule: InvalidRule) => void;
  },
) {
  if (!isUuid(id)) throw notFound('transaction');
  const t = await db.transaction.findUnique({
    where: { id },
    select: {
      id: true,
      tenantId: true,
      businessKey: true,
      sourceObjectId: true,
      idempotencyKey: true,
      status: true,
      errorClass: true,
      lastError: true,
      attempts: true,
      nextAttemptAt: true,
      externalRefs: true,
      customerEmail: true,
      createdAt: true,
      updatedAt: true,
      completedAt: true,
      flow: {
        select: {
          ...pauseSelect,
          operation: true,
          sourceConnection: { select: { name: true, maskingRules: true } },
          targetConnection: { select: { ...pauseSelect, maskingRules: true } },
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
      // Newest first so the limit keeps the latest; reversed below into the order things happened.
      timeline: {
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        take: DETAIL_TIMELINE_LIMIT + 1,
        select: timelineSelect,
      },
    },
  });
  if (!t) throw notFound('transaction');
  const warn = options.onInvalidRule;
  const source = compileMaskingRules(t.flow.sourceConnection.maskingRules, warn);
  const target = compileMaskingRules(t.flow.targetConnection.maskingRules, warn);
  const rules = options.reveal ? NO_RULES : payloadRules(source, target);
  const inboundBody = parseBody(t.inboundEvent.body);
  const mask = transactionMasker(
    { inbound: inboundBody, facts: t.timeline, customerEmail: t.customerEmail },
    { personal: options.maskPersonalData, rules, onInvalidRule: warn },
  );
  const timeline = await nameActors(
    db,
    t.timeline
      .slice(0, DETAIL_TIMELINE_LIMIT)
      .reverse()
      .map((e) => {
        const data = maskFactPayloads(e.type, e.data, rules, warn) as Prisma.JsonValue;
        return timelineItem({ ...e, data }, mask);
      }),
  );
  const evidence = await loadFailureEvidence(db, t.tenantId, [t.id], (v) => mask.text(v));
  const inbound = {
    id: t.inboundEvent.id,
    topic: t.inboundEvent.topic,
    providerEventId: t.inboundEvent.providerEventId,
    receivedAt: t.inboundEvent.receivedAt.toISOString(),
    headers: mask.value(t.inboundEvent.headers),
    payload: mask.value(applyMaskingRules(inboundBody, rules.inbound, warn)),
  };
  return {
    id: t.id,
    businessKey: t.businessKey,
    sourceObjectId: mask.text(t.sourceObjectId),
    idempotencyKey: t.idempotencyKey,
    status: t.status,
    errorClass: t.errorClass,
    errorHelp: t.errorClass ? errorClassHelp(t.errorClass) : null,
    lastError: t.lastError === null ? null : mask.text(t.lastError),
    /** the cause that explains the failure (dominant class across attempts), not just the last */
    cause: explainFailure({
      status: t.status,
      errorClass: t.errorClass,
      lastError: t.lastError === null ? null : mask.text(t.lastError),
      tallies: evidence.tallies.get(t.id) ?? [],
      dependency: evidence.dependencies.get(t.id) ?? null,
    }),
    /** the pause holding this transaction back (its stored status stays received / waiting) */
    heldBy: heldByPause(t.status, { target: t.flow.targetConnection, flow: t.flow }),
    attempts: t.attempts,
    nextAttemptAt: t.nextAttemptAt?.toISOString() ?? null,
    externalRefs: stringEntries(mask.value(t.externalRefs)),
    customerEmail: t.customerEmail === null ? null : mask.text(t.customerEmail),
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
    /** the connections mark sensitive paths: payloads are masked for every role until revealed */
    maskingRulesApply: source.length + target.length > 0,
    revealed: options.reveal === true,
    inbound,
    timeline,
    /** true when older entries exist than the ones in `timeline` */
    timelineTruncated: t.timeline.length > DETAIL_TIMELINE_LIMIT,
    attemptRows: deriveAttempts(timeline),
    payloads: extractPayloads({ body: inbound.payload, headers: inbound.headers }, timeline),
  };
}

/** external_refs is { system: reference }; anything else in it is not a reference to show. */
function stringEntries(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export type TransactionDetail = Awaited<ReturnType<typeof getTransactionDetail>>;
export type { TimelineItem } from './transaction-timeline.presenter';
