// Reconciliation's source listing: orders changed in a window, read through the Admin API's
// cursor pagination (Link rel="next" with page_info; filters travel inside the cursor). Only
// orders that reached the event type's state are returned, each with the webhook it would have
// carried, so a backfill records exactly what a delivered orders/paid would have.
import { z } from 'zod';
import { callProvider, classifyHttpStatus, retryAfterMs } from '../../http';
import type {
  ListedRecord,
  Reconciler,
  RecordPage,
  RecordWindow,
  ProviderContext,
} from '../../port';
import { orderRecord } from './record-reader';
import { commerceWebhook } from './webhook';
import { API_VERSION } from './schemas';
import { own } from '@/lib/base/own';

const orderList = z.object({ orders: z.array(z.unknown()) });

/** Which orders reached an event type's state: a refunded order was paid first. */
const STATES: Record<string, { topic: string; statuses: readonly string[] }> = {
  'order.paid': { topic: 'orders/paid', statuses: ['paid', 'partially_refunded', 'refunded'] },
};

function nextPageInfo(link: string | null): string | null {
  const next = link?.split(',').find((part) => /rel="?next"?/.test(part));
  const url = next?.match(/<([^>]+)>/)?.[1];
  return url ? new URL(url).searchParams.get('page_info') : null;
}

function toRecord(raw: unknown, eventType: string, topic: string): ListedRecord | 'unreadable' {
  // The same normalised order the record reader answers (one place knows the order's shape)...
  const record = orderRecord(raw);
  if (!record || record.status === null || record.updatedAt === null) return 'unreadable';
  // ...and the same reading as a delivered webhook (ids, business key, sequence, email).
  const read = commerceWebhook.parse(
    Buffer.alloc(0),
    raw,
    new Headers({ 'x-shopify-topic': topic, 'x-shopify-webhook-id': 'listing' }),
  );
  const object = read.ok ? read.webhook.objects[0] : undefined;
  return { ...record, ...(object && { inbound: { topic, eventType, object } }) };
}

async function listSource(ctx: ProviderContext, w: RecordWindow): Promise<RecordPage> {
  const state = own(STATES, w.eventType);
  if (!state) return { ok: true, records: [], nextCursor: null };
  const base = `${ctx.baseUrl.replace(/\/+$/, '')}/admin/api/${API_VERSION}/orders.json`;
  const limit = Math.min(Math.max(w.limit, 1), 250);
  // updated_at_max is inclusive at the storefront; the window is [from, to).
  const url = w.cursor
    ? `${base}?limit=${limit}&page_info=${encodeURIComponent(w.cursor)}`
    : `${base}?limit=${limit}&updated_at_min=${w.from.toISOString()}&updated_at_max=${new Date(w.to.getTime() - 1).toISOString()}`;
  const attempt = await callProvider('GET', url, {
    headers: { 'x-shopify-access-token': ctx.credentials.accessToken ?? '' },
    timeoutMs: ctx.timeoutMs,
  });
  if (!attempt.ok) return { ok: false, errorClass: attempt.errorClass, message: attempt.message };
  const { status, body, headers } = attempt.result;
  if (status !== 200) {
    const wait = retryAfterMs(headers);
    return {
      ok: false,
      errorClass: classifyHttpStatus(status),
      message: `storefront order listing answered ${status}`,
      ...(wait !== undefined && { retryAfterMs: wait }),
    };
  }
  const list = orderList.safeParse(body);
  if (!list.success)
    return { ok: false, errorClass: 'contract_mismatch', message: 'order listing is unreadable' };
  const records: ListedRecord[] = [];
  for (const raw of list.data.orders) {
    const record = toRecord(raw, w.eventType, state.topic);
    if (record === 'unreadable')
      return { ok: false, errorClass: 'contract_mismatch', message: 'an order is unreadable' };
    if (record.status !== null && state.statuses.includes(record.status)) records.push(record);
  }
  return { ok: true, records, nextCursor: nextPageInfo(headers.get('link')) };
}

export const commerceReconciler: Reconciler = { listSource };
