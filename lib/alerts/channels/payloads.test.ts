// The pure payload builders of every channel, from one message.
import { describe, expect, it } from 'vitest';
import { emailMessage } from './email';
import { messageIdOf, type AlertMessage } from './message';
import { dedupKeyOf, pagerDutyPayload, type PagerDutyTarget } from './pagerduty';
import { slackPayload } from './slack';
import { webhookPayload, webhookRequest } from './webhook';

const trigger: AlertMessage = {
  type: 'triggered',
  id: 'msg_e1_triggered_0',
  event: { id: 'e1', groupKey: 'connection:c1', occurrences: 3 },
  rule: { id: 'r1', name: 'ERP down', kind: 'circuit_open' },
  reason: 'Deliveries to ERP <prod> & co are stopped',
  errorClass: 'circuit_open',
  counts: { failures: 5 },
  firstAt: '2026-12-06T10:00:00.000Z',
  lastAt: '2026-12-06T10:02:00.000Z',
  resolvedAt: null,
  link: 'https://waybill.example.com/connections/c1',
};
const resolve: AlertMessage = {
  ...trigger,
  type: 'resolved',
  id: 'msg_e1_resolved_1',
  resolvedAt: '2026-12-06T10:05:00.000Z',
};
const at = new Date('2026-12-06T10:05:00Z');

describe('messageIdOf', () => {
  it('is the same for a retry and differs for another message of the event', () => {
    const delivered = new Date('2026-12-06T10:00:00Z');
    expect(messageIdOf('triggered', 'a-b', null)).toBe('msg_ab_triggered_0');
    expect(messageIdOf('triggered', 'a-b', delivered)).not.toBe(
      messageIdOf('triggered', 'a-b', null),
    );
    expect(messageIdOf('resolved', 'a-b', delivered)).not.toBe(
      messageIdOf('triggered', 'a-b', delivered),
    );
  });
});

describe('webhookPayload', () => {
  it('says what happened in `type`, beside the alert’s fields', () => {
    expect(webhookPayload(trigger, at)).toMatchObject({
      type: 'alert.triggered',
      timestamp: at.toISOString(),
      rule: trigger.rule,
      reason: trigger.reason,
      counts: { failures: 5 },
      resolvedAt: null,
    });
    expect(webhookPayload(resolve, at)).toMatchObject({
      type: 'alert.resolved',
      resolvedAt: resolve.resolvedAt,
    });
  });

  it('leaves the signature out when the rule has no secret', () => {
    const { headers } = webhookRequest(
      { channel: 'webhook', url: 'https://x.test', secrets: [] },
      trigger,
      at,
    );
    expect(headers).toEqual({
      'webhook-id': trigger.id,
      'webhook-timestamp': String(at.getTime() / 1000),
    });
  });
});

describe('slackPayload', () => {
  it('is Block Kit with the reason (escaped), the counts and a button into the console', () => {
    const payload = slackPayload(trigger);
    expect(payload.text).toBe(`Alert: ERP down — ${trigger.reason}`);
    expect(payload.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Alert: ERP down', emoji: false } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Deliveries to ERP &lt;prod&gt; &amp; co are stopped' },
        fields: [
          { type: 'mrkdwn', text: '*failures*\n5' },
          { type: 'mrkdwn', text: '*occurrences*\n3' },
          { type: 'mrkdwn', text: '*class*\ncircuit_open' },
        ],
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'First seen 2026-12-06T10:00:00.000Z · last 2026-12-06T10:02:00.000Z · failures 5',
          },
        ],
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Open in Waybill' },
            url: trigger.link,
          },
        ],
      },
    ]);
  });

  it('says resolved in its header; without an absolute link the path is text, not a button', () => {
    const payload = slackPayload({ ...resolve, link: '/connections/c1' });
    expect(payload.blocks[0]).toMatchObject({ text: { text: 'Resolved: ERP down' } });
    expect(payload.blocks[3]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Console: /connections/c1' }],
    });
  });
});

describe('pagerDutyPayload', () => {
  const target: PagerDutyTarget = {
    channel: 'pagerduty',
    routingKey: 'rk',
    endpoint: 'https://events.pagerduty.com/v2/enqueue',
    severity: 'warning',
  };

  it('triggers with summary, severity, source and details under a dedup_key per event', () => {
    expect(pagerDutyPayload(target, trigger)).toEqual({
      routing_key: 'rk',
      dedup_key: dedupKeyOf('e1'),
      event_action: 'trigger',
      payload: {
        summary: `ERP down: ${trigger.reason}`,
        severity: 'warning',
        source: 'waybill',
        timestamp: trigger.lastAt,
        component: 'connection:c1',
        group: 'circuit_open',
        class: 'circuit_open',
        custom_details: {
          reason: trigger.reason,
          counts: { failures: 5 },
          occurrences: 3,
          rule: 'ERP down',
          firstAt: trigger.firstAt,
          link: trigger.link,
        },
      },
      client: 'Waybill',
      client_url: trigger.link,
      links: [{ href: trigger.link, text: 'Open in Waybill' }],
    });
  });

  it('resolves the same dedup_key with nothing else', () => {
    expect(pagerDutyPayload(target, resolve)).toEqual({
      routing_key: 'rk',
      dedup_key: 'waybill-alert-e1',
      event_action: 'resolve',
    });
  });

  it('cuts the summary at 1024 characters', () => {
    const long = pagerDutyPayload(target, { ...trigger, reason: 'x'.repeat(2000) });
    expect(long.event_action === 'trigger' && long.payload.summary).toHaveLength(1024);
  });
});

describe('emailMessage', () => {
  it('has a subject per kind and the reason, counts and link in the body', () => {
    const mail = emailMessage(trigger);
    expect(mail.subject).toBe('[Waybill] Alert: ERP down');
    expect(mail.text).toContain(trigger.reason);
    expect(mail.text).toContain('Counts: failures 5');
    expect(mail.text).toContain(`Open in Waybill: ${trigger.link}`);
    const resolved = emailMessage(resolve);
    expect(resolved.subject).toBe('[Waybill] Resolved: ERP down');
    expect(resolved.text).toContain(`Resolved at: ${resolve.resolvedAt}`);
    expect(resolved.threadId).toBe(mail.threadId);
  });
});
