// Reading records back from a generic HTTP connection, so reconciliation and the state comparison
// work for it as for coded adapters: one record by the provider's id, or by the business key when
// no id is known yet; records changed in a window, page by page (a source's listing). Each record
// is put in the product's words by the connection's record expressions.
import { minorUnits, lookupFailed, readRecord } from '../../record-read';
import type {
  ListedRecord,
  ProviderContext,
  ProviderRecord,
  RecordLookup,
  RecordPage,
  RecordReader,
  RecordRef,
  RecordWindow,
} from '../../port';
import { classifyFailure } from './classify';
import { buildUrl, ConfigEvaluationError, evaluate, evaluateText } from './expressions';
import { sendAuthenticated } from './request';
import type { HttpSettings } from './settings';

type Read = NonNullable<HttpSettings['read']>;

/** One raw record in the product's words; null when it names no reference. */
export async function toProviderRecord(read: Read, raw: unknown): Promise<ProviderRecord | null> {
  const r = read.record;
  const text = (expr: string | undefined, what: string) =>
    expr === undefined ? Promise.resolve(null) : evaluateText(expr, raw, {}, what);
  const ref = await text(r.reference, 'record reference');
  if (ref === null) return null;
  const fields = r.fields === undefined ? {} : await evaluate(r.fields, raw, {}, 'record fields');
  const amountMinor =
    r.amount === undefined ? undefined : minorUnits(await evaluate(r.amount, raw, {}, 'amount'));
  const currency = await text(r.currency, 'currency');
  return {
    ref,
    businessKey: (await text(r.businessKey, 'business key')) ?? '',
    status: await text(r.status, 'record status'),
    fields:
      fields !== null && typeof fields === 'object' && !Array.isArray(fields)
        ? (fields as Record<string, unknown>)
        : {},
    ...(amountMinor !== undefined && { amountMinor }),
    ...(currency !== null && { currency }),
    updatedAt: await text(r.updatedAt, 'updated at'),
  };
}

async function getJson(
  ctx: ProviderContext,
  settings: HttpSettings,
  url: string,
  what: string,
): Promise<
  | { ok: true; body: unknown }
  | { ok: true; body: null; absent: true }
  | { ok: false; failure: RecordLookup }
> {
  const attempt = await sendAuthenticated(ctx, settings, { method: 'GET', url, headers: {} });
  if (!attempt.ok) return { ok: false, failure: lookupFailed(attempt.errorClass, attempt.message) };
  const { status, body, headers } = attempt.result;
  if (status === 404) return { ok: true, body: null, absent: true };
  if (status < 200 || status >= 300) {
    const c = await classifyFailure([], status, body, headers, what);
    return { ok: false, failure: lookupFailed(c.errorClass, c.message, c.retryAfterMs) };
  }
  return { ok: true, body };
}

async function readOneRecord(
  ctx: ProviderContext,
  settings: HttpSettings,
  read: Read,
  ref: RecordRef,
): Promise<RecordLookup> {
  const values = { ref: ref.id, businessKey: ref.businessKey, command: ref.command };
  const by = ref.id !== null && read.get ? { ...read.get, query: {} } : read.find;
  if (!by)
    return lookupFailed('contract_mismatch', 'this connection has no read-back request for it');
  const answer = await getJson(
    ctx,
    settings,
    buildUrl(ctx.baseUrl, by.path, by.query, values),
    'the read',
  );
  if (!answer.ok) return answer.failure;
  if (answer.body === null) return readRecord(null);
  const raw =
    by.select === undefined ? answer.body : await evaluate(by.select, answer.body, {}, 'select');
  if (raw === undefined || raw === null) return readRecord(null);
  const record = await toProviderRecord(read, raw);
  if (!record)
    return lookupFailed('contract_mismatch', 'the read answered a record without a reference');
  return readRecord(record);
}

export function configuredReader(settings: HttpSettings, read: Read): RecordReader {
  return async (ctx, ref) => {
    try {
      return await readOneRecord(ctx, settings, read, ref);
    } catch (error) {
      if (error instanceof ConfigEvaluationError) return lookupFailed('mapping', error.message);
      throw error;
    }
  };
}

async function listPage(
  ctx: ProviderContext,
  settings: HttpSettings,
  read: Read,
  list: NonNullable<Read['list']>,
  window: RecordWindow,
): Promise<RecordPage> {
  const query: Record<string, string> = {
    ...list.query,
    [list.fromParam]: window.from.toISOString(),
    [list.toParam]: window.to.toISOString(),
    ...(list.limitParam && { [list.limitParam]: String(window.limit) }),
    ...(window.cursor !== null && { [list.cursorParam]: window.cursor }),
  };
  // Window values are not templates: set them after the configured query is filled.
  const url = new URL(buildUrl(ctx.baseUrl, list.path, list.query, {}));
  for (const [k, v] of Object.entries(query))
    if (!Object.hasOwn(list.query, k)) url.searchParams.set(k, v);
  const answer = await getJson(ctx, settings, url.toString(), 'the listing');
  if (!answer.ok) {
    const f = answer.failure;
    return f.ok
      ? { ok: false, errorClass: 'contract_mismatch', message: 'unexpected answer' }
      : {
          ok: false,
          errorClass: f.errorClass,
          message: f.message,
          ...(f.retryAfterMs !== undefined && { retryAfterMs: f.retryAfterMs }),
        };
  }
  const items = await evaluate(list.items, answer.body, {}, 'list items');
  const raws = items === undefined || items === null ? [] : Array.isArray(items) ? items : [items];
  const records: ListedRecord[] = [];
  for (const raw of raws) {
    const record = await toProviderRecord(read, raw);
    if (record) records.push(record);
  }
  const next = await evaluateText(list.nextCursor, answer.body, {}, 'next cursor');
  return { ok: true, records, nextCursor: next };
}

export function configuredListing(settings: HttpSettings, read: Read) {
  const list = read.list;
  if (!list) return undefined;
  return async (ctx: ProviderContext, window: RecordWindow): Promise<RecordPage> => {
    try {
      return await listPage(ctx, settings, read, list, window);
    } catch (error) {
      if (error instanceof ConfigEvaluationError)
        return { ok: false, errorClass: 'mapping', message: error.message };
      throw error;
    }
  };
}
