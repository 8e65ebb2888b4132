// PagerDuty Events API v2: a trigger, then a resolve with the same dedup_key, so PagerDuty opens
// one incident per alert event and closes it when the condition clears. The endpoint is
// configurable per rule (EU accounts use events.eu.pagerduty.com; tests a local receiver).
import type { AlertMessage, DeliveryOutcome } from './message';
import { postJson, type PostContext } from './http-post';

export const PAGERDUTY_ENDPOINT = 'https://events.pagerduty.com/v2/enqueue';
export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type PagerDutySeverity = (typeof PAGERDUTY_SEVERITIES)[number];

export interface PagerDutyTarget {
  channel: 'pagerduty';
  routingKey: string;
  endpoint: string;
  severity: PagerDutySeverity;
}

/** one incident per alert event: retries, reminders and the resolve all name it */
export const dedupKeyOf = (eventId: string) => `waybill-alert-${eventId}`;

export function pagerDutyPayload(target: PagerDutyTarget, message: AlertMessage) {
  const common = {
    routing_key: target.routingKey,
    dedup_key: dedupKeyOf(message.event.id),
  };
  if (message.type === 'resolved') return { ...common, event_action: 'resolve' as const };
  const absolute = /^https?:\/\//.test(message.link);
  return {
    ...common,
    event_action: 'trigger' as const,
    payload: {
      // PagerDuty cuts summaries at 1024 characters
      summary: `${message.rule.name}: ${message.reason}`.slice(0, 1024),
      severity: target.severity,
      source: 'waybill',
      timestamp: message.lastAt,
      component: message.event.groupKey,
      group: message.rule.kind,
      ...(message.errorClass && { class: message.errorClass }),
      custom_details: {
        reason: message.reason,
        counts: message.counts,
        occurrences: message.event.occurrences,
        rule: message.rule.name,
        firstAt: message.firstAt,
        link: message.link,
      },
    },
    client: 'Waybill',
    ...(absolute && {
      client_url: message.link,
      links: [{ href: message.link, text: 'Open in Waybill' }],
    }),
  };
}

export function sendPagerDuty(
  target: PagerDutyTarget,
  message: AlertMessage,
  ctx: PostContext,
): Promise<DeliveryOutcome> {
  return postJson(target.endpoint, JSON.stringify(pagerDutyPayload(target, message)), {}, ctx);
}
