// What every channel is told about one alert: the trigger (the condition holds) or the resolve (it
// no longer does). Channels reshape this into their own payloads (webhook.ts, slack.ts,
// pagerduty.ts, email.ts); nothing here knows a channel.

export type AlertMessageType = 'triggered' | 'resolved';

export interface AlertMessage {
  type: AlertMessageType;
  /** stable per message, the same on every retry of it (the webhook's webhook-id) */
  id: string;
  event: { id: string; groupKey: string; occurrences: number };
  rule: { id: string; name: string; kind: string };
  reason: string;
  errorClass: string | null;
  counts: Record<string, number>;
  firstAt: string;
  lastAt: string;
  /** set on the resolve message */
  resolvedAt: string | null;
  /** into the console: absolute when NEXTAUTH_URL is known, else a console path */
  link: string;
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

/**
 * The message id: the event, what the message says, and the instant that makes it one message (a
 * trigger: when the event was last delivered before, so a retry keeps the id and a later reminder
 * gets a new one; a resolve: when it resolved).
 */
export function messageIdOf(type: AlertMessageType, eventId: string, instant: Date | null): string {
  return `msg_${eventId.replaceAll('-', '')}_${type}_${instant?.getTime() ?? 0}`;
}

/** "failed 3 · total 10": counts in words for the channels that show text. */
export function countsInWords(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([name, value]) => `${name} ${value}`)
    .join(' · ');
}
