// Commerce storefront (Shopify-like): signed order and refund webhooks in; fulfilment updates and
// bulk inventory levels out.
import type { ProviderAdapter } from '../../port';
import { commerceWebhook } from './webhook';
import { commerceOperations } from './operations';
import { commerceCredentials } from './schemas';

export const commerceAdapter: ProviderAdapter = {
  kind: 'commerce',
  displayName: 'Commerce storefront',
  capabilities: { idempotencyKeys: false, getByReference: true, listByWindow: true, bulk: true },
  credentials: commerceCredentials,
  webhook: commerceWebhook,
  operations: commerceOperations,
};
