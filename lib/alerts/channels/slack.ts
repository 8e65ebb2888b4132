// Slack through an incoming webhook: Block Kit with the reason, the counts and a button into the
// console; a resolve says so in its header. The incoming-webhook URL is itself the credential:
// stored sealed (lib/alerts/channel-input.ts), used here, never shown again.
import { countsInWords, type AlertMessage, type DeliveryOutcome } from './message';
import { postJson, type PostContext } from './http-post';

export interface SlackTarget {
  channel: 'slack';
  url: string;
}

/** Slack's mrkdwn treats &, < and > as control characters; a reason must not become a link. */
const escape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
/** header blocks take plain text of at most 150 characters */
const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function slackPayload(message: AlertMessage) {
  const resolved = message.type === 'resolved';
  const title = `${resolved ? 'Resolved' : 'Alert'}: ${message.rule.name}`;
  const facts = [
    ...Object.entries(message.counts).map(([name, value]) => `*${escape(name)}*\n${value}`),
    `*occurrences*\n${message.event.occurrences}`,
    ...(message.errorClass ? [`*class*\n${escape(message.errorClass)}`] : []),
  ].slice(0, 10); // a section takes at most 10 fields
  const absolute = /^https?:\/\//.test(message.link);
  return {
    // the notification text, and what clients without blocks show
    text: `${title} — ${message.reason}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(title, 150), emoji: false } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(escape(message.reason), 3000) },
        fields: facts.map((text) => ({ type: 'mrkdwn', text })),
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: resolved
              ? `Resolved at ${message.resolvedAt ?? message.lastAt} · first seen ${message.firstAt}`
              : `First seen ${message.firstAt} · last ${message.lastAt} · ${escape(countsInWords(message.counts))}`,
          },
        ],
      },
      // a button needs an absolute URL: without NEXTAUTH_URL the path is shown as text instead
      absolute
        ? {
            type: 'actions',
            elements: [
              {
                type: 'button',
                text: { type: 'plain_text', text: 'Open in Waybill' },
                url: message.link,
              },
            ],
          }
        : { type: 'context', elements: [{ type: 'mrkdwn', text: `Console: ${message.link}` }] },
    ],
  };
}

export function sendSlack(
  target: SlackTarget,
  message: AlertMessage,
  ctx: PostContext,
): Promise<DeliveryOutcome> {
  return postJson(target.url, JSON.stringify(slackPayload(message)), {}, ctx);
}
