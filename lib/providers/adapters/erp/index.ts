// ERP: sales orders, payments and credit memos out; the inventory export polled in. No idempotency
// keys: every create goes through createOnce (lookup by external_ref when a repeat is possible).
import type { Operation, ProviderAdapter, ProviderContext } from '../../port';
import { redactOutcome } from '../../outcome';
import { CREDENTIAL_PLACEHOLDER, previewRequest } from '../../request-preview';
import { probeConnection, trimBase } from '../../connection-test';
import { targetConnectionSettings } from '../../settings';
import { pollInventoryExport } from './inventory-export';
import { createOnce, CREDIT_MEMOS, PAYMENTS, SALES_ORDERS, type RecordKind } from './records';
import { erpRecordReaders } from './record-reader';
import {
  createCreditMemoCommand,
  createSalesOrderCommand,
  erpCredentials,
  recordPaymentCommand,
  type CreateCreditMemoCommand,
  type CreateSalesOrderCommand,
  type RecordPaymentCommand,
} from './schemas';

export function salesOrderRequest(c: CreateSalesOrderCommand) {
  return {
    external_ref: c.orderNumber,
    customer_email: c.customer.email,
    customer_name: c.customer.name,
    currency: c.currency,
    total: c.total,
    lines: c.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unit_price: l.unitPrice })),
  };
}

export function paymentRequest(c: RecordPaymentCommand) {
  return {
    external_ref: c.paymentReference,
    sales_order_ref: c.orderNumber,
    amount: c.amount,
    currency: c.currency,
  };
}

export function creditMemoRequest(c: CreateCreditMemoCommand) {
  return {
    external_ref: c.refundReference,
    sales_order_ref: c.orderNumber,
    amount: c.amount,
    currency: c.currency,
    ...(c.reason !== undefined && { reason: c.reason }),
  };
}

/** One ERP operation: the command's unique reference, its request, and the record collection. */
function operation<C>(
  input: Operation<C>['input'],
  kind: RecordKind,
  reference: (c: C) => string,
  request: (c: C) => unknown,
): Operation {
  return {
    input,
    describeRequest: (ctx, command) => {
      const c = command as C;
      const base = ctx.baseUrl.replace(/\/+$/, '');
      return previewRequest(
        'POST',
        `${base}${kind.path}`,
        { authorization: `Bearer ${CREDENTIAL_PLACEHOLDER}` },
        request(c),
        `When an earlier attempt may have reached the ERP, a lookup comes first: GET ${base}${kind.path}?external_ref=${encodeURIComponent(reference(c))}`,
      );
    },
    execute: async (ctx: ProviderContext, command, opts) => {
      const c = command as C;
      const outcome = await createOnce(ctx, kind, reference(c), request(c), opts.mayHaveBeenSent);
      return redactOutcome(outcome, ctx.credentials);
    },
  };
}

export const erpAdapter: ProviderAdapter = {
  kind: 'erp',
  displayName: 'ERP',
  eventTypes: ['inventory.exported'],
  searchPaths: ['$.items[*].sku'],
  capabilities: { idempotencyKeys: false, getByReference: true, listByWindow: true, bulk: true },
  credentials: erpCredentials,
  settings: targetConnectionSettings,
  testConnection: (ctx) =>
    probeConnection(
      `${trimBase(ctx.baseUrl)}/api/v1/sales-orders?limit=1`,
      { authorization: `Bearer ${ctx.credentials.apiKey ?? ''}` },
      ctx.timeoutMs,
      'The ERP',
    ),
  operations: {
    create_sales_order: operation(
      createSalesOrderCommand,
      SALES_ORDERS,
      (c) => c.orderNumber,
      salesOrderRequest,
    ),
    record_payment: operation(
      recordPaymentCommand,
      PAYMENTS,
      (c) => c.paymentReference,
      paymentRequest,
    ),
    create_credit_memo: operation(
      createCreditMemoCommand,
      CREDIT_MEMOS,
      (c) => c.refundReference,
      creditMemoRequest,
    ),
  },
  poll: { inventory_export: pollInventoryExport },
  recordReaders: erpRecordReaders,
};
