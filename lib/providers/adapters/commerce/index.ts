// Commerce storefront (Shopify-like): signed order and refund webhooks in, fulfilment updates out
// (later).
import { z } from 'zod';
import type { ProviderAdapter } from '../../port';
import { commerceWebhook } from './webhook';
import { commerceOperations } from './operations';

export const commerceAdapter: ProviderAdapter = {
  kind: 'commerce',
  displayName: 'Commerce storefront',
  capabilities: { idempotencyKeys: false, getByReference: true, listByWindow: true, bulk: false },
  credentials: z.record(z.string(), z.string()),
  webhook: commerceWebhook,
  operations: commerceOperations,
};
