// Alert rules' /api/v1 operations as route specs, merged into lib/http/api-catalog.ts.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { createAlertRuleSchema, updateAlertRuleSchema } from './alert-rule-input';
import {
  alertEventListSchema,
  alertRuleCreatedSchema,
  alertRuleDeletedSchema,
  alertRuleListSchema,
  alertRuleUpdatedSchema,
  rotatedSecretSchema,
  rotateSecretBodySchema,
} from './alert-rules-responses';

const TAG = 'Alerts and SLAs';
type Spec = RouteSpec & { operation: ApiOperation };
const ruleId = z.object({ id: z.uuid('unknown alert rule') });

export const ALERT_RULES_API = {
  'GET /api/v1/alert-rules': {
    permission: 'settings.manage',
    response: alertRuleListSchema,
    operation: {
      id: 'listAlertRules',
      tag: TAG,
      summary: 'Alert rules with their condition in words and the state of the signing secret',
      description: 'The signing secret itself is never answered after create or rotate.',
    },
  },
  'POST /api/v1/alert-rules': {
    permission: 'settings.manage',
    body: createAlertRuleSchema,
    response: alertRuleCreatedSchema,
    operation: {
      id: 'createAlertRule',
      tag: TAG,
      status: 201,
      summary:
        'Alert a webhook, Slack, PagerDuty or email when a condition holds (failure rate, ' +
        'backlog age, circuit, SLA), and again when it resolves',
      description:
        'params depend on kind; channel (default webhook) decides the destination fields: ' +
        'webhookUrl; slackWebhookUrl; pagerdutyRoutingKey, pagerdutySeverity, pagerdutyEndpoint; ' +
        'emailRecipients. URLs must be http(s) without credentials and reach a public host ' +
        '(internal, loopback and metadata addresses are refused). Slack URLs and routing keys ' +
        'are write-only. Answers { id, name, secret }: for a webhook rule the Standard Webhooks ' +
        'signing secret, shown this once; null otherwise.',
    },
  },
  'PATCH /api/v1/alert-rules/{id}': {
    permission: 'settings.manage',
    params: ruleId,
    body: updateAlertRuleSchema,
    response: alertRuleUpdatedSchema,
    operation: {
      id: 'updateAlertRule',
      tag: TAG,
      summary: 'Change an alert rule (fields left out stay as they are; the kind is fixed)',
    },
  },
  'DELETE /api/v1/alert-rules/{id}': {
    permission: 'settings.manage',
    params: ruleId,
    response: alertRuleDeletedSchema,
    operation: {
      id: 'deleteAlertRule',
      tag: TAG,
      summary: 'Delete an alert rule and its alert events',
    },
  },
  'POST /api/v1/alert-rules/{id}/rotate-secret': {
    permission: 'settings.manage',
    params: ruleId,
    body: rotateSecretBodySchema,
    response: rotatedSecretSchema,
    operation: {
      id: 'rotateAlertRuleSecret',
      tag: TAG,
      summary: 'Replace the signing secret; answers { id, secret, rotatedAt, previousUntil } once',
      description:
        'Webhook rules only. During the overlap (overlapMinutes, default 1440; 0 ends the old ' +
        'secret at once) deliveries carry a signature with each secret, space-separated in ' +
        'webhook-signature.',
    },
  },
  'GET /api/v1/alert-events': {
    permission: 'settings.manage',
    query: z.object({
      ruleId: z.uuid('unknown alert rule').optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: alertEventListSchema,
    operation: {
      id: 'listAlertEvents',
      tag: TAG,
      summary: 'Recent alerts, newest first: reason, occurrences and delivery outcome',
    },
  },
} satisfies Record<string, Spec>;
