// Where an alert rule sends: the channel and its destination, as an admin writes them (flat fields,
// so the form and the API share them) and as they are stored. Credentials are sealed with the key
// ring and come back only as an origin or a fingerprint: a Slack incoming-webhook URL (the URL is
// the credential) and a PagerDuty routing key. Every URL passes the outbound guard when saved.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { AppError } from '@/lib/errors';
import { ALERT_CHANNELS, type AlertChannel, type ChannelTarget } from './channels';
import {
  PAGERDUTY_ENDPOINT,
  PAGERDUTY_SEVERITIES,
  type PagerDutySeverity,
} from './channels/pagerduty';
import { checkWebhookUrl } from './webhook-url';
import { webhookShown } from './webhook-shown';

const url = (what: string) =>
  z
    .string(`give the ${what}`)
    .trim()
    .min(1, `give the ${what}`)
    .max(2000, `the ${what} is too long`);

/** The destination fields of a create (the channel's own are required) or an update. */
export const destinationFields = {
  webhookUrl: url('webhook URL').optional(),
  slackWebhookUrl: url('Slack incoming-webhook URL').optional(),
  pagerdutyRoutingKey: z
    .string('give the routing key')
    .trim()
    .min(1, 'give the routing key')
    .max(200, 'the routing key is too long')
    .optional(),
  pagerdutySeverity: z.enum(PAGERDUTY_SEVERITIES, 'choose a severity').optional(),
  pagerdutyEndpoint: url('PagerDuty events endpoint').optional(),
  emailRecipients: z
    .array(z.email('give valid email addresses'), 'give the recipients')
    .min(1, 'give at least one recipient')
    .max(20, 'at most 20 recipients')
    .optional(),
};
export const channelField = z.enum(ALERT_CHANNELS, 'choose where alerts go');
type DestinationInput = {
  [K in keyof typeof destinationFields]?: z.infer<(typeof destinationFields)[K]>;
};

/** The non-secret settings stored on alert_rules.destination, per channel. */
const storedSchemas = {
  webhook: z.object({}),
  slack: z.object({ origin: z.string(), fingerprint: z.string() }),
  pagerduty: z.object({
    endpoint: z.string(),
    severity: z.enum(PAGERDUTY_SEVERITIES),
    fingerprint: z.string(),
  }),
  email: z.object({ recipients: z.array(z.string()) }),
} satisfies Record<AlertChannel, z.ZodType>;

export interface StoredDestination {
  webhookUrl: string | null;
  /** alert_rules.destination as read (JSON), parsed per channel where used */
  destination: unknown;
  destinationEncrypted: string | null;
}

/** What the console, the API and the audit log show of a destination: never a credential. */
export type DestinationShown =
  | { channel: 'webhook'; origin: string; fingerprint: string }
  | { channel: 'slack'; origin: string; fingerprint: string }
  | { channel: 'pagerduty'; endpoint: string; severity: PagerDutySeverity; fingerprint: string }
  | { channel: 'email'; recipients: string[] };

const fingerprintOf = (value: string) =>
  createHash('sha256').update(value).digest('hex').slice(0, 12);

function refused(field: string, reason: string): never {
  throw new AppError('VALIDATION_FAILED', reason, { fieldErrors: { [field]: [reason] } });
}

function guarded(field: keyof DestinationInput, raw: string, allowHosts: readonly string[]) {
  const verdict = checkWebhookUrl(raw, allowHosts);
  if (!verdict.ok) refused(field, verdict.reason);
  return verdict.url.toString();
}

function required<T>(field: keyof DestinationInput, value: T | undefined, what: string): T {
  if (value === undefined) refused(field, `give the ${what}`);
  return value;
}

/**
 * The stored form of a destination. `current` is the rule's stored destination on an update:
 * fields left out keep their value (a routing key is not asked again to change the severity).
 */
export function storeDestination(
  channel: AlertChannel,
  input: DestinationInput,
  deps: { keyRing: KeyRing; allowHosts: readonly string[] },
  current?: StoredDestination,
): StoredDestination {
  switch (channel) {
    case 'webhook': {
      const raw = input.webhookUrl ?? current?.webhookUrl ?? undefined;
      const webhookUrl = guarded(
        'webhookUrl',
        required('webhookUrl', raw, 'webhook URL'),
        deps.allowHosts,
      );
      return { webhookUrl, destination: {}, destinationEncrypted: null };
    }
    case 'slack': {
      if (input.slackWebhookUrl === undefined && current) return current;
      const raw = required('slackWebhookUrl', input.slackWebhookUrl, 'Slack incoming-webhook URL');
      const slackUrl = guarded('slackWebhookUrl', raw, deps.allowHosts);
      const shown = webhookShown(slackUrl);
      return {
        webhookUrl: null,
        destination: { origin: shown.origin, fingerprint: shown.fingerprint },
        destinationEncrypted: deps.keyRing.seal(slackUrl),
      };
    }
    case 'pagerduty': {
      const before = current
        ? storedSchemas.pagerduty.safeParse(current.destination).data
        : undefined;
      const key = input.pagerdutyRoutingKey;
      if (key === undefined && !current?.destinationEncrypted)
        refused('pagerdutyRoutingKey', 'give the routing key');
      const endpoint = guarded(
        'pagerdutyEndpoint',
        input.pagerdutyEndpoint ?? before?.endpoint ?? PAGERDUTY_ENDPOINT,
        deps.allowHosts,
      );
      return {
        webhookUrl: null,
        destination: {
          endpoint,
          severity: input.pagerdutySeverity ?? before?.severity ?? 'error',
          fingerprint: key === undefined ? (before?.fingerprint ?? '') : fingerprintOf(key),
        },
        destinationEncrypted:
          key === undefined ? (current?.destinationEncrypted ?? null) : deps.keyRing.seal(key),
      };
    }
    case 'email': {
      const before = current ? storedSchemas.email.safeParse(current.destination).data : undefined;
      const recipients = required(
        'emailRecipients',
        input.emailRecipients ?? before?.recipients,
        'recipients',
      );
      return {
        webhookUrl: null,
        destination: { recipients: [...new Set(recipients.map((r) => r.toLowerCase()))] },
        destinationEncrypted: null,
      };
    }
    default: {
      const never: never = channel;
      throw new Error(`unknown alert channel ${String(never)}`);
    }
  }
}

export function channelOf(raw: string): AlertChannel {
  const channel = ALERT_CHANNELS.find((c) => c === raw);
  if (!channel) throw new AppError('CONFLICT', `the rule has an unknown channel "${raw}"`);
  return channel;
}

/** How a stored destination is shown; a stored value that does not parse shows as blank. */
export function destinationShown(
  channel: AlertChannel,
  stored: StoredDestination,
): DestinationShown {
  switch (channel) {
    case 'webhook':
      return { channel, ...webhookShown(stored.webhookUrl ?? 'about:blank') };
    case 'slack': {
      const d = storedSchemas.slack.safeParse(stored.destination).data;
      return { channel, origin: d?.origin ?? '', fingerprint: d?.fingerprint ?? '' };
    }
    case 'pagerduty': {
      const d = storedSchemas.pagerduty.safeParse(stored.destination).data;
      return {
        channel,
        endpoint: d?.endpoint ?? PAGERDUTY_ENDPOINT,
        severity: d?.severity ?? 'error',
        fingerprint: d?.fingerprint ?? '',
      };
    }
    case 'email':
      return {
        channel,
        recipients: storedSchemas.email.safeParse(stored.destination).data?.recipients ?? [],
      };
    default: {
      const never: never = channel;
      throw new Error(`unknown alert channel ${String(never)}`);
    }
  }
}

/**
 * The target a delivery goes to, with its credentials opened. Throws when the stored destination
 * cannot be used (the caller records that as the delivery error).
 */
export function openTarget(
  rule: StoredDestination & {
    channel: string;
    secretEncrypted: string | null;
    previousSecretEncrypted: string | null;
    previousSecretUntil: Date | null;
  },
  keyRing: KeyRing,
  now: Date,
): ChannelTarget {
  const channel = channelOf(rule.channel);
  switch (channel) {
    case 'webhook': {
      if (!rule.webhookUrl) throw new Error('the rule has no webhook URL');
      const secrets: string[] = [];
      if (rule.secretEncrypted) secrets.push(keyRing.open(rule.secretEncrypted));
      if (
        rule.previousSecretEncrypted &&
        rule.previousSecretUntil &&
        rule.previousSecretUntil > now
      )
        secrets.push(keyRing.open(rule.previousSecretEncrypted));
      return { channel, url: rule.webhookUrl, secrets };
    }
    case 'slack':
      return {
        channel,
        url: keyRing.open(
          required('slackWebhookUrl', rule.destinationEncrypted ?? undefined, 'Slack URL'),
        ),
      };
    case 'pagerduty': {
      const shown = destinationShown(channel, rule);
      if (shown.channel !== 'pagerduty' || !rule.destinationEncrypted)
        throw new Error('the rule has no routing key');
      return {
        channel,
        routingKey: keyRing.open(rule.destinationEncrypted),
        endpoint: shown.endpoint,
        severity: shown.severity,
      };
    }
    case 'email': {
      const shown = destinationShown(channel, rule);
      return { channel, recipients: shown.channel === 'email' ? shown.recipients : [] };
    }
    default: {
      const never: never = channel;
      throw new Error(`unknown alert channel ${String(never)}`);
    }
  }
}
