// The first half of an erasure: the customer's orders. Every transaction whose customer email is
// the address, with every transaction sharing its business key (the order's journey: a shipment
// event carries the name and street but not the address), is rewritten with its inbound event (and
// that event's duplicate deliveries) and its whole timeline, a few business keys per database
// transaction. Payloads lose the values at their connections' masking-rule paths (inbound: the
// source's; command: source's and target's; answer: the target's, as ADR 0009 masks them) and at
// the built-in personal fields; then every text of the order loses those values and the address.
import type { Db, Prisma, TenantTx } from '@/lib/db';
import { tenantDb } from '@/lib/db';
import {
  ANSWER_PAYLOADS,
  COMMAND_PAYLOADS,
  compileMaskingRules,
  payloadRules,
  type PayloadRules,
} from '@/lib/ledger/masking-rules';
import type { Operator } from '@/lib/ledger/operator';
import { normaliseTerm } from '@/lib/ledger/search-terms';
import { appendTimelineEntries } from '@/lib/ledger/timeline';
import { isCommand, isProviderAnswer } from '@/lib/ledger/timeline-facts';
import {
  eraseBody,
  eraseStrings,
  eraseStructure,
  finishBody,
  sameJson,
  textEraser,
  type TextEraser,
} from './erase-values';

/** business keys per database transaction: an order has a handful of transactions */
export const KEYS_PER_BATCH = 20;
const FINAL = new Set(['completed', 'cancelled']);

export interface OrderCounts {
  transactions: number;
  inboundEvents: number;
  timelineEntries: number;
  /** the customer's transactions not completed or cancelled: a dispatch in flight may still
   *  write what it hears back (run the erasure again once they settle) */
  stillOpen: number;
}

export interface OrdersContext {
  db: Db;
  tenantId: string;
  email: string;
  marker: string;
  actor: Operator;
}

/** The business keys of the customer's orders: by the indexed customer email, and by the inbound
 *  events (found by the sweep's scan) that mention the address. */
export async function customerBusinessKeys(
  ctx: Pick<OrdersContext, 'db' | 'tenantId' | 'email'>,
  inboundEventIds: readonly string[],
): Promise<string[]> {
  const rows = await tenantDb(ctx.db, ctx.tenantId).transaction.findMany({
    where: {
      OR: [
        { customerEmail: ctx.email },
        ...(inboundEventIds.length > 0 ? [{ inboundEventId: { in: [...inboundEventIds] } }] : []),
      ],
    },
    select: { businessKey: true },
    distinct: ['businessKey'],
  });
  return rows.map((r) => r.businessKey);
}

function factStructure(
  fact: { type: string; data: unknown },
  rules: PayloadRules,
  marker: string,
  found: Set<string>,
): unknown {
  const data = fact.data;
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return eraseStructure(data, [], marker, found);
  const command = isCommand(fact);
  const keys = command ? COMMAND_PAYLOADS : isProviderAnswer(fact) ? ANSWER_PAYLOADS : [];
  const copy: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const key of keys)
    if (key in copy)
      copy[key] = eraseStructure(
        copy[key],
        command ? rules.command : rules.response,
        marker,
        found,
      );
  return eraseStructure(copy, [], marker, found);
}

const eraseText = (erase: TextEraser, text: string | null) => (text === null ? null : erase(text));

/** Erases the customer from the orders of `keys`, in one database transaction. */
export async function eraseOrders(
  ctx: OrdersContext,
  keys: readonly string[],
): Promise<OrderCounts> {
  return tenantDb(ctx.db, ctx.tenantId).$transaction((tx) => eraseIn(tx, ctx, keys));
}

async function eraseIn(tx: TenantTx, ctx: OrdersContext, keys: readonly string[]) {
  const { marker } = ctx;
  const txns = await tx.transaction.findMany({
    where: { businessKey: { in: [...keys] } },
    select: {
      id: true,
      status: true,
      inboundEventId: true,
      customerEmail: true,
      lastError: true,
      businessKey: true,
      sourceObjectId: true,
      externalRefs: true,
      searchTerms: true,
      flow: {
        select: {
          sourceConnection: { select: { id: true, maskingRules: true } },
          targetConnection: { select: { maskingRules: true } },
        },
      },
    },
  });
  const ids = txns.map((t) => t.id);
  const inboundIds = [...new Set(txns.map((t) => t.inboundEventId))];
  const [events, timeline] = await Promise.all([
    tx.inboundEvent.findMany({
      where: { OR: [{ id: { in: inboundIds } }, { duplicateOfId: { in: inboundIds } }] },
      select: { id: true, connectionId: true, body: true, headers: true, rejectReason: true },
    }),
    tx.timelineEntry.findMany({
      where: { transactionId: { in: ids } },
      select: { id: true, transactionId: true, type: true, summary: true, data: true },
    }),
  ]);
  const rulesOf = new Map<string, PayloadRules>();
  const sourceRules = new Map<string, string[]>();
  for (const t of txns) {
    const source = compileMaskingRules(t.flow.sourceConnection.maskingRules);
    sourceRules.set(t.flow.sourceConnection.id, source);
    rulesOf.set(
      t.id,
      payloadRules(source, compileMaskingRules(t.flow.targetConnection.maskingRules)),
    );
  }

  // pass 1: structure, collecting the values the texts may quote
  const found = new Set<string>();
  const eventPass = events.map((e) => ({
    e,
    body: eraseBody(e.body, sourceRules.get(e.connectionId) ?? [], marker, found),
    headers: eraseStructure(e.headers, [], marker, found),
  }));
  const factPass = timeline.map((f) => ({
    f,
    data: factStructure(f, rulesOf.get(f.transactionId) ?? payloadRules([], []), marker, found),
  }));

  // pass 2: texts, then the rows that changed
  const erase = textEraser(ctx.email, found, marker);
  const touched = new Set<string>();
  let inboundEvents = 0;
  for (const { e, body, headers } of eventPass) {
    const newBody = finishBody(e.body, body, erase);
    const newHeaders = eraseStrings(headers, erase);
    const reason = eraseText(erase, e.rejectReason);
    if (newBody === null && sameJson(newHeaders, e.headers) && reason === e.rejectReason) continue;
    await tx.inboundEvent.update({
      where: { id: e.id },
      data: {
        ...(newBody !== null && { body: newBody }),
        headers: newHeaders as Prisma.InputJsonValue,
        rejectReason: reason,
      },
    });
    inboundEvents += 1;
    for (const t of txns) if (t.inboundEventId === e.id) touched.add(t.id);
  }
  let timelineEntries = 0;
  for (const { f, data } of factPass) {
    const newData = eraseStrings(data, erase);
    const summary = erase(f.summary);
    if (summary === f.summary && sameJson(newData, f.data)) continue;
    await tx.timelineEntry.update({
      where: { id: f.id },
      data: { summary, data: newData as Prisma.InputJsonValue },
    });
    timelineEntries += 1;
    touched.add(f.transactionId);
  }
  // payload search must not find the customer by what was erased (a tenant may search emails)
  const personalTerms = new Set(
    [...found, ctx.email].map(normaliseTerm).filter((term): term is string => term !== null),
  );
  const keepTerm = (term: string) => !personalTerms.has(term) && erase(term) === term;
  for (const t of txns) {
    const searchTerms = t.searchTerms.filter(keepTerm);
    const data = {
      // the address itself, in whatever case it was stored; another address stays
      customerEmail: eraseText(erase, t.customerEmail),
      lastError: eraseText(erase, t.lastError),
      businessKey: erase(t.businessKey),
      sourceObjectId: erase(t.sourceObjectId),
      externalRefs: eraseStrings(t.externalRefs, erase) as Prisma.InputJsonValue,
      searchTerms,
    };
    const same =
      data.customerEmail === t.customerEmail &&
      data.lastError === t.lastError &&
      data.businessKey === t.businessKey &&
      data.sourceObjectId === t.sourceObjectId &&
      sameJson(data.externalRefs, t.externalRefs) &&
      searchTerms.length === t.searchTerms.length;
    if (same) continue;
    await tx.transaction.update({ where: { id: t.id }, data });
    touched.add(t.id);
  }
  // each transaction says on its own timeline why its values read "[erased …]"
  await appendTimelineEntries(
    tx,
    ctx.tenantId,
    [...touched].map((transactionId) => ({
      transactionId,
      kind: 'human_action' as const,
      type: 'personal_data.erased',
      summary: `${ctx.actor.label} erased the customer's personal data on request`,
      actor: ctx.actor.id,
      data: { by: ctx.actor.label, marker },
    })),
  );
  return {
    transactions: touched.size,
    inboundEvents,
    timelineEntries,
    stillOpen: txns.filter((t) => !FINAL.has(t.status)).length,
  };
}
