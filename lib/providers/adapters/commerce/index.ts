// Commerce storefront (Shopify-like): signed order and refund webhooks in; fulfilment updates and
// bulk inventory levels out.
import type { ProviderAdapter } from '../../port';
import { probeConnection, trimBase } from '../../connection-test';
import { targetConnectionSettings } from '../../settings';
import { commerceWebhook } from './webhook';
import { commerceOperations } from './operations';
import { commerceReconciler } from './reconcile';
import { commerceRecordReaders } from './record-reader';
import { API_VERSION, commerceCredentials } from './schemas';

export const commerceAdapter: ProviderAdapter = {
  kind: 'commerce',
  displayName: 'Commerce storefront',
  eventTypes: ['order.created', 'order.paid', 'order.cancelled', 'refund.created'],
  searchPaths: ['$.line_items[*].sku'],
  capabilities: { idempotencyKeys: false, getByReference: true, listByWindow: true, bulk: true },
  credentials: commerceCredentials,
  settings: targetConnectionSettings,
  // Reads one order: the Admin API answers 401 to a bad access token, 404 to a wrong shop URL.
  testConnection: (ctx) =>
    probeConnection(
      `${trimBase(ctx.baseUrl)}/admin/api/${API_VERSION}/orders.json?limit=1`,
      { 'x-shopify-access-token': ctx.credentials.accessToken ?? '' },
      ctx.timeoutMs,
      'The storefront',
    ),
  webhook: commerceWebhook,
  operations: commerceOperations,
  reconcile: commerceReconciler,
  recordReaders: commerceRecordReaders,
};
