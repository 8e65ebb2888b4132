// Payments (Stripe-like): signed payment and refund events in; no outbound operations yet.
import { z } from 'zod';
import type { ProviderAdapter } from '../../port';
import { paymentsWebhook } from './webhook';

export const paymentsCredentials = z.object({ apiKey: z.string().min(1) });

export const paymentsAdapter: ProviderAdapter = {
  kind: 'payments',
  displayName: 'Payments',
  capabilities: { idempotencyKeys: true, getByReference: true, listByWindow: true, bulk: false },
  credentials: paymentsCredentials,
  webhook: paymentsWebhook,
  operations: {},
};
