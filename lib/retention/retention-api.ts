// Payload retention's /api/v1 operations as route specs, merged into lib/http/api-catalog.ts: the
// Settings page's Retention section through the same use cases. Pure data.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from './payload-marker';

const TAG = 'Settings';
type Spec = RouteSpec & { operation: ApiOperation };

const days = z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).nullable();

/** The body of PUT: JSON, so no form coercion — a number of days or null (keep forever). */
export const payloadRetentionBody = z.object({
  days: days.describe('days raw payloads and provider responses are kept; null: kept forever'),
});

export const payloadRetentionResponse = z.object({
  days: days.describe('null: raw payloads and provider responses are kept forever'),
  rule: z
    .string()
    .nullable()
    .describe('the rule in words, as the markers left in place of removed bodies name it'),
});

export const payloadRetentionChangedResponse = payloadRetentionResponse.extend({
  previous: days,
  changed: z.boolean(),
});

export const RETENTION_API = {
  'GET /api/v1/settings/retention': {
    permission: 'settings.manage',
    response: payloadRetentionResponse,
    operation: {
      id: 'getPayloadRetention',
      tag: TAG,
      summary: 'How long raw payloads and provider responses are kept (null: forever)',
    },
  },
  'PUT /api/v1/settings/retention': {
    permission: 'settings.manage',
    body: payloadRetentionBody,
    response: payloadRetentionChangedResponse,
    operation: {
      id: 'setPayloadRetention',
      tag: TAG,
      summary: 'Keep raw payloads and provider responses for N days, or forever (null)',
      description:
        `days: ${MIN_RETENTION_DAYS}-${MAX_RETENTION_DAYS}, or null. Older inbound bodies and ` +
        'headers, the request and response bodies on timelines and drift items’ provider records ' +
        'are replaced by a marker naming the day and the rule by the next daily retention run; ' +
        'transactions, statuses, references and timeline facts stay. A removed body cannot be ' +
        'brought back. Audited (before and after).',
    },
  },
} satisfies Record<string, Spec>;
