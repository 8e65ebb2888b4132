// The alert channels behind one call: a target (a channel with its opened destination) and a
// message in, a delivery outcome out. Each channel's payload is built by a pure function in its
// own module; this file only chooses.
import type { EmailTarget, SmtpSettings } from './email';
import { sendEmail } from './email';
import type { PostContext } from './http-post';
import type { AlertMessage, DeliveryOutcome } from './message';
import { sendPagerDuty, type PagerDutyTarget } from './pagerduty';
import { sendSlack, type SlackTarget } from './slack';
import { sendWebhook, type WebhookTarget } from './webhook';

export const ALERT_CHANNELS = ['webhook', 'slack', 'pagerduty', 'email'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

export const ALERT_CHANNEL_LABELS: Record<AlertChannel, string> = {
  webhook: 'Webhook (signed, Standard Webhooks)',
  slack: 'Slack (incoming webhook)',
  pagerduty: 'PagerDuty (Events API v2)',
  email: 'Email',
};

export type ChannelTarget = WebhookTarget | SlackTarget | PagerDutyTarget | EmailTarget;

export interface ChannelContext extends PostContext {
  /** SMTP_URL and ALERT_EMAIL_FROM; email deliveries fail in words without them */
  smtp?: SmtpSettings;
}

export function sendToChannel(
  target: ChannelTarget,
  message: AlertMessage,
  at: Date,
  ctx: ChannelContext,
): Promise<DeliveryOutcome> {
  switch (target.channel) {
    case 'webhook':
      return sendWebhook(target, message, at, ctx);
    case 'slack':
      return sendSlack(target, message, ctx);
    case 'pagerduty':
      return sendPagerDuty(target, message, ctx);
    case 'email':
      return sendEmail(target, message, ctx.smtp, ctx);
    default: {
      const never: never = target;
      throw new Error(`unknown alert channel ${JSON.stringify(never)}`);
    }
  }
}

export type { AlertMessage, DeliveryOutcome } from './message';
