// Read model of the Transactions screen: one keyset page of the filtered set, newest or oldest
// first. Every filter is an equality or range the transactions indexes lead with, so a page costs
// the same at the top and a million rows deep; no OFFSET, no count of the whole set.
import { tenantDb, type Db, type Prisma } from '@/lib/db';
import { heldByPause, pauseSelect } from './held-by-pause';
import { decodeCursor, encodeCursor, keysetAfter } from './keyset-cursor';
import { createMasker } from './mask';
import { anyReferenceIs } from './reference-match';
import { interpretText, type TransactionFilter } from './transaction-filter';

export type TransactionListQuery = Partial<Omit<TransactionFilter, 'limit'>> & { limit: number };

export interface ListOptions {
  /** personal_data.read: see customer emails unmasked and search by them */
  personalData: boolean;
}

/** A text search naming more transactions than this is not a lookup; the rest are not shown. */
const MAX_REF_MATCHES = 1000;

/**
 * The filter as a Prisma `where` (tenant scope is added by the scoped client), or null when it
 * cannot match anything (a connection with no flows of this tenant, a flow outside the connection).
 */
export async function transactionWhere(
  db: Db,
  tenantId: string,
  filter: Omit<TransactionListQuery, 'limit'>,
  options: ListOptions,
): Promise<Prisma.TransactionWhereInput[] | null> {
  const and: Prisma.TransactionWhereInput[] = [];
  const statuses = filter.statuses ?? [];
  if (statuses.length === 1) and.push({ status: statuses[0] });
  else if (statuses.length > 1) and.push({ status: { in: statuses } });
  const flowIds = await flowScope(db, tenantId, filter);
  if (flowIds === null) return null;
  if (flowIds.length === 1) and.push({ flowId: flowIds[0] });
  else if (flowIds.length > 1) and.push({ flowId: { in: flowIds } });
  if (filter.errorClass) and.push({ errorClass: filter.errorClass });
  if (filter.from) and.push({ createdAt: { gte: filter.from } });
  if (filter.to) and.push({ createdAt: { lte: filter.to } });
  if (filter.q) and.push({ OR: await textMatches(db, tenantId, filter.q, options) });
  return and;
}

/** [] = any flow; null = nothing can match. Flows are few per tenant: resolving them is cheap. */
async function flowScope(
  db: Db,
  tenantId: string,
  filter: Pick<TransactionListQuery, 'flowId' | 'connectionId'>,
): Promise<string[] | null> {
  if (!filter.connectionId) return filter.flowId ? [filter.flowId] : [];
  const flows = await tenantDb(db, tenantId).flow.findMany({
    where: { targetConnectionId: filter.connectionId },
    select: { id: true },
  });
  const ids = flows.map((f) => f.id).filter((id) => !filter.flowId || id === filter.flowId);
  return ids.length ? ids : null;
}

async function textMatches(
  db: Db,
  tenantId: string,
  q: string,
  options: ListOptions,
): Promise<Prisma.TransactionWhereInput[]> {
  const text = interpretText(q);
  const refs = await db.$queryRaw<{ id: string }[]>`
    SELECT t.id::text AS id FROM transactions t
    WHERE t.tenant_id = ${tenantId}::uuid AND ${anyReferenceIs(tenantId, text.exact)}
    LIMIT ${MAX_REF_MATCHES}`;
  return [
    { businessKey: text.businessKey },
    { sourceObjectId: text.exact },
    ...(text.email && options.personalData ? [{ customerEmail: text.email }] : []),
    ...(text.transactionId ? [{ id: text.transactionId }] : []),
    ...(refs.length ? [{ id: { in: refs.map((r) => r.id) } }] : []),
  ];
}

export async function listTransactions(
  db: Db,
  tenantId: string,
  query: TransactionListQuery,
  options: ListOptions,
) {
  const and = await transactionWhere(db, tenantId, query, options);
  if (!and) return { rows: [], nextCursor: null };
  const order = query.sort === 'oldest' ? 'asc' : 'desc';
  const rows = await tenantDb(db, tenantId).transaction.findMany({
    where: { AND: [...and, keysetAfter('createdAt', decodeCursor(query.cursor), order)] },
    orderBy: [{ createdAt: order }, { id: order }],
    take: query.limit + 1,
    select: {
      id: true,
      businessKey: true,
      status: true,
      errorClass: true,
      attempts: true,
      externalRefs: true,
      customerEmail: true,
      createdAt: true,
      updatedAt: true,
      flow: {
        select: {
          id: true,
          ...pauseSelect,
          targetConnection: { select: { ...pauseSelect, key: true } },
        },
      },
    },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const mask = createMasker({ personal: !options.personalData });
  return {
    rows: page.map((t) => ({
      id: t.id,
      businessKey: t.businessKey,
      flowId: t.flow.id,
      flow: t.flow.name,
      target: t.flow.targetConnection.name,
      status: t.status,
      /** set when a paused connection or flow holds this transaction back: shown as "paused" */
      heldBy: heldByPause(t.status, { target: t.flow.targetConnection, flow: t.flow }),
      errorClass: t.errorClass,
      attempts: t.attempts,
      externalRef: refOf(mask.value(t.externalRefs), t.flow.targetConnection.key),
      customerEmail: t.customerEmail && mask.text(t.customerEmail),
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

function refOf(refs: unknown, system: string): string | null {
  const value =
    refs && typeof refs === 'object' ? (refs as Record<string, unknown>)[system] : undefined;
  return typeof value === 'string' ? value : null;
}

/** The tenant's flows and target connections, for the filter bar's selects. */
export async function listTransactionFilterOptions(db: Db, tenantId: string) {
  const scoped = tenantDb(db, tenantId);
  const [flows, connections] = await Promise.all([
    scoped.flow.findMany({
      select: { id: true, name: true, targetConnectionId: true },
      orderBy: { name: 'asc' },
    }),
    scoped.connection.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return { flows, connections };
}

export type TransactionList = Awaited<ReturnType<typeof listTransactions>>;
export type TransactionRow = TransactionList['rows'][number];
export type TransactionFilterOptions = Awaited<ReturnType<typeof listTransactionFilterOptions>>;
