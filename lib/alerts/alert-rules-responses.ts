// The success bodies of the alert rules' /api/v1 operations as they go over the wire, for the
// OpenAPI document and the response check of lib/http/route.ts. They mirror the presenters of
// alert-rules.presenter.ts and the use cases of alert-rules.ts;
// alert-rules-responses.types.test.ts holds them to those types. The signing secret is answered
// on create and on rotate only, once; the list says whether one is set, never what it is.
import { z } from 'zod';
import { MAX_QUIET_MINUTES } from './alert-rule-input';
import { alertParamsSchemas, type AlertKind } from './alert-rule-params';
import { ALERT_CHANNELS } from './channels';
import { PAGERDUTY_SEVERITIES } from './channels/pagerduty';

const id = z.guid();
const instant = z.iso.datetime();

/** The fields an update can change, as it names them in `changed`. */
export const ALERT_RULE_FIELDS = [
  'name',
  'params',
  'destination',
  'quietMinutes',
  'enabled',
] as const;

const signingSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{43}=$/)
  .describe(
    'the Standard Webhooks signing secret for webhook-signature (whsec_ + 32 random bytes, ' +
      'base64): shown this once, never answered again; store it now',
  );

const fingerprint = z
  .string()
  .regex(/^([0-9a-f]{12})?$/)
  .describe('the first 12 hex digits of the SHA-256 of the credential');
const destination = z
  .discriminatedUnion('channel', [
    z.object({ channel: z.literal('webhook'), origin: z.string(), fingerprint }),
    z.object({ channel: z.literal('slack'), origin: z.string(), fingerprint }),
    z.object({
      channel: z.literal('pagerduty'),
      endpoint: z.string(),
      severity: z.enum(PAGERDUTY_SEVERITIES),
      fingerprint: fingerprint.describe('of the routing key'),
    }),
    z.object({ channel: z.literal('email'), recipients: z.array(z.string()) }),
  ])
  .describe(
    'where alerts go, as shown: URLs as origin and fingerprint, a routing key as a fingerprint; ' +
      'the credentials themselves never come back',
  );
const deliveryState = z.enum(['delivered', 'failed', 'pending']);

const ruleFields = {
  id,
  name: z.string(),
  kindLabel: z.string().describe('the kind in words'),
  condition: z
    .string()
    .describe('the condition in words, with flows, connections and SLA rules named'),
  channel: z.enum(ALERT_CHANNELS),
  destination,
  webhook: z
    .object({
      origin: z.string().describe('scheme, host and port of the webhook URL'),
      fingerprint: z
        .string()
        .regex(/^[0-9a-f]{12}$/)
        .describe('the first 12 hex digits of the SHA-256 of the whole URL'),
    })
    .describe(
      'the webhook channel: where alerts are delivered, as shown (the URL itself never comes ' +
        'back: its path or query is often the credential); PATCH webhookUrl replaces it. Null ' +
        'for the other channels',
    )
    .nullable(),
  quietMinutes: z
    .int()
    .min(1)
    .max(MAX_QUIET_MINUTES)
    .describe('after an alert for a group, the same group stays quiet this long'),
  enabled: z.boolean(),
  secret: z
    .object({
      set: z.boolean(),
      rotatedAt: instant
        .nullable()
        .describe('when the secret was last made (created or rotated), from the audit log'),
      previousUntil: instant
        .nullable()
        .describe('during a rotation overlap: until when the previous secret still signs too'),
    })
    .describe('the state of the signing secret; the secret itself is never answered here'),
  createdAt: instant,
};

/** A rule of one kind, with that kind's parameters as saved (its defaults filled in). */
const ruleOf = <K extends AlertKind>(kind: K) =>
  z.object({ ...ruleFields, kind: z.literal(kind), params: alertParamsSchemas[kind] });

const alertRuleSchema = z.discriminatedUnion('kind', [
  ruleOf('failure_rate'),
  ruleOf('backlog_age'),
  ruleOf('circuit_open'),
  ruleOf('sla_breach'),
  ruleOf('reconciliation_drift'),
]);

export const alertRuleListSchema = z.object({
  rules: z.array(alertRuleSchema).describe('oldest first (at most 500)'),
});

export const alertRuleCreatedSchema = z.object({
  id,
  name: z.string(),
  secret: signingSecret.nullable().describe('the signing secret of a webhook rule; null otherwise'),
});

export const alertRuleUpdatedSchema = z.object({
  id,
  name: z.string().describe('the name after the change'),
  changed: z
    .array(z.enum(ALERT_RULE_FIELDS))
    .describe('the fields that changed; empty when nothing did (and nothing was recorded)'),
});

export const alertRuleDeletedSchema = z.object({
  id,
  name: z.string().describe('the name the deleted rule had'),
});

export const rotatedSecretSchema = z.object({
  id,
  secret: signingSecret,
  rotatedAt: instant.describe('when the new secret took effect (the next delivery signs with it)'),
  previousUntil: instant
    .nullable()
    .describe('until when deliveries also carry a signature with the previous secret'),
});

// Unknown keys are dropped, not refused: like every body here, what it does not name is ignored
// (and an id nobody has answers 404 whatever the body holds).
export const rotateSecretBodySchema = z
  .object({
    overlapMinutes: z
      .int('give the overlap in whole minutes')
      .min(0)
      .max(7 * 24 * 60)
      .optional()
      .describe('how long the previous secret keeps signing beside the new one (default 1440)'),
  })
  .optional();

export const alertEventListSchema = z.object({
  events: z
    .array(
      z.object({
        id,
        ruleId: id,
        ruleName: z.string(),
        groupKey: z
          .string()
          .describe('what the alert is about, e.g. "flow:<id>" or "connection:<id>"'),
        reason: z.string().describe('why it alerted, in words'),
        errorClass: z
          .string()
          .nullable()
          .describe(
            'the class the alert names (an error class, circuit_open, sla_breach, reconciliation_drift), if any',
          ),
        occurrences: z
          .int()
          .min(1)
          .describe('how often the condition held within the quiet period'),
        firstAt: instant,
        lastAt: instant,
        state: deliveryState.describe(
          'the trigger: delivered, failed (deliveryError says why) or not yet tried',
        ),
        deliveredAt: instant.nullable(),
        deliveryError: z.string().nullable(),
        resolvedAt: instant.nullable().describe('when the condition stopped holding'),
        resolveState: deliveryState
          .nullable()
          .describe('the resolve message; null while open or when the trigger never went out'),
        resolveDeliveredAt: instant.nullable(),
        resolveDeliveryError: z.string().nullable(),
        deliveryAttempts: z.int().min(0).describe('failed sends of the message now pending'),
        retryAt: instant.nullable().describe('when a failed message is tried again'),
      }),
    )
    .describe('newest first'),
});
