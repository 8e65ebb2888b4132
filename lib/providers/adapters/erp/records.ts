// ERP writes. The ERP has no idempotency keys (a repeated create makes a second record), so when
// an earlier attempt may have reached it we look the record up by external_ref first and adopt it.
import type { ErrorClass } from '@/lib/db';
import type { OperationOutcome, ProviderContext, ProviderExchange } from '../../port';
import { callProvider } from '../../http';
import { failure } from '../../outcome';
import { erpFailure } from './classify';
import { erpRecord, erpRecordList, type ErpRecord } from './schemas';

export interface RecordKind {
  /** collection path, e.g. /api/v1/sales-orders */
  path: string;
  label: string;
}

export const SALES_ORDERS: RecordKind = { path: '/api/v1/sales-orders', label: 'sales order' };
export const PAYMENTS: RecordKind = { path: '/api/v1/payments', label: 'payment' };
export const CREDIT_MEMOS: RecordKind = { path: '/api/v1/credit-memos', label: 'credit memo' };

type Lookup =
  | { kind: 'found'; record: ErpRecord; exchange: ProviderExchange }
  | { kind: 'absent' }
  | {
      kind: 'failed';
      errorClass: ErrorClass;
      message: string;
      retryAfterMs?: number;
      exchange: ProviderExchange;
    };

const base = (ctx: ProviderContext) => ctx.baseUrl.replace(/\/+$/, '');
const auth = (ctx: ProviderContext) => ({
  authorization: `Bearer ${ctx.credentials.apiKey ?? ''}`,
});

export async function findByExternalRef(
  ctx: ProviderContext,
  kind: RecordKind,
  externalRef: string,
): Promise<Lookup> {
  const url = `${base(ctx)}${kind.path}?external_ref=${encodeURIComponent(externalRef)}`;
  const attempt = await callProvider('GET', url, { headers: auth(ctx), timeoutMs: ctx.timeoutMs });
  if (!attempt.ok)
    return {
      kind: 'failed',
      errorClass: attempt.errorClass,
      message: attempt.message,
      exchange: attempt.exchange,
    };
  const { status, body, exchange } = attempt.result;
  if (status !== 200)
    return { kind: 'failed', ...erpFailure(`${kind.label} lookup`, attempt.result), exchange };
  const list = erpRecordList.safeParse(body);
  const records = list.success ? list.data.data.map((r) => erpRecord.safeParse(r)) : [];
  if (!list.success || records.some((r) => !r.success))
    return {
      kind: 'failed',
      errorClass: 'contract_mismatch',
      message: `ERP ${kind.label} lookup answered an unreadable list`,
      exchange,
    };
  const all = records.flatMap((r) => (r.success ? [r.data] : []));
  // Filter again ourselves: an ERP that ignored the filter would otherwise make us adopt someone
  // else's record, or (reading "not in this page" as absent) create a duplicate.
  const mine = all.filter((r) => r.external_ref === externalRef);
  if (mine[0]) return { kind: 'found', record: mine[0], exchange };
  if (all.length > 0)
    return {
      kind: 'failed',
      errorClass: 'contract_mismatch',
      message: `ERP ${kind.label} lookup ignored the external_ref filter`,
      exchange,
    };
  return { kind: 'absent' };
}

async function create(
  ctx: ProviderContext,
  kind: RecordKind,
  request: unknown,
): Promise<OperationOutcome> {
  const attempt = await callProvider('POST', `${base(ctx)}${kind.path}`, {
    headers: auth(ctx),
    body: request,
    timeoutMs: ctx.timeoutMs,
  });
  if (!attempt.ok) return failure(attempt.errorClass, attempt.message, attempt.exchange);
  const { status, body, exchange } = attempt.result;
  if (status < 200 || status >= 300) {
    const f = erpFailure(`${kind.label} create`, attempt.result);
    return failure(f.errorClass, f.message, exchange, f.retryAfterMs);
  }
  const record = erpRecord.safeParse(body);
  if (status !== 200 && status !== 201)
    return failure('contract_mismatch', `ERP ${kind.label} create answered ${status}`, exchange);
  if (!record.success)
    return failure(
      'contract_mismatch',
      `ERP answered ${status} without a readable ${kind.label}`,
      exchange,
    );
  return {
    kind: 'success',
    externalRef: record.data.id,
    providerStatus: record.data.status,
    alreadyApplied: false,
    exchange,
  };
}

/** Creates the record unless an attempt that may have reached the ERP already created it. */
export async function createOnce(
  ctx: ProviderContext,
  kind: RecordKind,
  externalRef: string,
  request: unknown,
  mayHaveBeenSent: boolean,
): Promise<OperationOutcome> {
  if (!mayHaveBeenSent) return create(ctx, kind, request);
  const lookup = await findByExternalRef(ctx, kind, externalRef);
  switch (lookup.kind) {
    case 'found':
      return {
        kind: 'success',
        externalRef: lookup.record.id,
        providerStatus: lookup.record.status,
        alreadyApplied: true,
        exchange: lookup.exchange,
      };
    case 'absent':
      return create(ctx, kind, request);
    case 'failed':
      // Creating blind could duplicate the record: the lookup's own class decides what happens.
      return failure(lookup.errorClass, lookup.message, lookup.exchange, lookup.retryAfterMs);
    default: {
      const exhaustive: never = lookup;
      return exhaustive;
    }
  }
}
