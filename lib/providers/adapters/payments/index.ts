// Payments (Stripe-like): signed payment and refund events in; no outbound operations yet.
import { z } from 'zod';
import type { ProviderAdapter } from '../../port';
import { probeConnection, trimBase } from '../../connection-test';
import { sourceOnlySettings } from '../../settings';
import { paymentsWebhook } from './webhook';

export const paymentsCredentials = z.object({ apiKey: z.string().min(1) });

export const paymentsAdapter: ProviderAdapter = {
  kind: 'payments',
  displayName: 'Payments',
  eventTypes: ['payment.succeeded', 'payment.refunded'],
  capabilities: { idempotencyKeys: true, getByReference: true, listByWindow: true, bulk: false },
  credentials: paymentsCredentials,
  settings: sourceOnlySettings,
  testConnection: (ctx) =>
    probeConnection(
      `${trimBase(ctx.baseUrl)}/v1/payment_intents?limit=1`,
      { authorization: `Bearer ${ctx.credentials.apiKey ?? ''}` },
      ctx.timeoutMs,
      'The payments provider',
    ),
  webhook: paymentsWebhook,
  operations: {},
};
