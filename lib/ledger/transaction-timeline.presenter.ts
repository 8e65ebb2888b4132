// One transaction's timeline as the console and the API show it: entries in the order they
// happened, every actor by name (people, API tokens: timeline-actors.ts) with a person's note,
// the payloads facts carry masked by the connections' masking rules (every role), and personal
// data masked for roles that may not read it. Summaries, URLs, headers and error texts are masked
// too: every value the rules or the personal fields mark is replaced wherever it occurs
// (lib/ledger/transaction-mask.ts). The API pages through long timelines by keyset on the
// (transaction_id, occurred_at, id) index; the Transaction screen takes the latest entries at once.
import { isUuid } from '@/lib/base/uuid';
import type { Prisma, TenantDb, TimelineKind, TransactionStatus } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Masker } from './mask';
import {
  compileMaskingRules,
  maskFactPayloads,
  payloadRules,
  type InvalidRule,
} from './masking-rules';
import { nameActors } from './timeline-actors';
import { stringField } from './timeline-facts';
import { splitTimes } from './timeline-groups';
import { loadSensitiveValues, maskerOf } from './transaction-mask';

export const timelineSelect = {
  id: true,
  kind: true,
  type: true,
  summary: true,
  actor: true,
  fromStatus: true,
  toStatus: true,
  data: true,
  occurredAt: true,
} as const satisfies Prisma.TimelineEntrySelect;

interface TimelineRow {
  id: bigint;
  kind: TimelineKind;
  type: string;
  summary: string;
  actor: string;
  fromStatus: TransactionStatus | null;
  toStatus: TransactionStatus | null;
  data: Prisma.JsonValue;
  occurredAt: Date;
}

export function timelineItem(e: TimelineRow, mask: Masker) {
  const data = mask.value(e.data);
  const human = e.kind === 'human_action';
  const summary = mask.text(e.summary);
  // Human actions record the user id as actor and the readable label (and the why) in data.
  const note = human ? (stringField(data, 'note') ?? stringField(data, 'reason')) : null;
  return {
    id: e.id.toString(),
    kind: e.kind,
    type: e.type,
    summary,
    /** the summary with its embedded ISO times apart, for the page to format like any time */
    summaryParts: splitTimes(summary),
    actor: e.actor,
    /** the label the fact recorded; nameActors() puts a name on ids (timeline-actors.ts) */
    actorLabel: mask.text((human && stringField(data, 'by')) || e.actor),
    note,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    data,
    occurredAt: e.occurredAt.toISOString(),
  };
}

export type TimelineItem = ReturnType<typeof timelineItem>;

export const TIMELINE_PAGE_MAX = 500;

/** A page of the timeline, oldest first, after the cursor of the previous page. */
export async function listTimeline(
  db: TenantDb,
  transactionId: string,
  query: {
    cursor?: string;
    limit: number;
    maskPersonalData: boolean;
    onInvalidRule?: (rule: InvalidRule) => void;
  },
) {
  if (!isUuid(transactionId)) throw notFound('transaction');
  const exists = await db.transaction.findUnique({
    where: { id: transactionId },
    select: {
      flow: {
        select: {
          sourceConnection: { select: { maskingRules: true } },
          targetConnection: { select: { maskingRules: true } },
        },
      },
    },
  });
  if (!exists) throw notFound('transaction');
  const warn = query.onInvalidRule;
  const rules = payloadRules(
    compileMaskingRules(exists.flow.sourceConnection.maskingRules, warn),
    compileMaskingRules(exists.flow.targetConnection.maskingRules, warn),
  );
  const after = decodeTimelineCursor(query.cursor);
  const limit = Math.min(Math.max(query.limit, 1), TIMELINE_PAGE_MAX);
  const rows = await db.timelineEntry.findMany({
    where: {
      transactionId,
      ...(after && {
        OR: [
          { occurredAt: { gt: after.occurredAt } },
          { occurredAt: after.occurredAt, id: { gt: after.id } },
        ],
      }),
    },
    orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
    take: limit + 1,
    select: timelineSelect,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const values = await loadSensitiveValues(db, [transactionId], {
    personal: query.maskPersonalData,
    onInvalidRule: warn,
  });
  const mask = maskerOf(values.values(), query.maskPersonalData);
  return {
    items: await nameActors(
      db,
      page.map((e) =>
        timelineItem(
          { ...e, data: maskFactPayloads(e.type, e.data, rules, warn) as Prisma.JsonValue },
          mask,
        ),
      ),
    ),
    nextCursor: rows.length > limit && last ? encodeTimelineCursor(last) : null,
  };
}

export type TimelinePage = Awaited<ReturnType<typeof listTimeline>>;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeTimelineCursor(e: { occurredAt: Date; id: bigint }): string {
  return Buffer.from(`${e.occurredAt.toISOString()}|${e.id}`).toString('base64url');
}

/** An unreadable cursor starts from the beginning rather than failing the request. */
export function decodeTimelineCursor(cursor: string | undefined | null) {
  if (!cursor) return null;
  const [iso, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !iso || !id || !ISO.test(iso) || !/^\d{1,19}$/.test(id)) return null;
  const occurredAt = new Date(iso);
  return Number.isNaN(occurredAt.getTime()) ? null : { occurredAt, id: BigInt(id) };
}
