import { describe, expect, it } from 'vitest';
import { FIXTURE_KEY_RING } from '@/test/support/ledger-fixtures';
import { destinationShown, openTarget, storeDestination } from './channel-input';

const deps = { keyRing: FIXTURE_KEY_RING, allowHosts: [] };
const rule = (stored: ReturnType<typeof storeDestination>, channel: string) => ({
  ...stored,
  channel,
  secretEncrypted: null,
  previousSecretEncrypted: null,
  previousSecretUntil: null,
});

describe('storeDestination', () => {
  it('seals a Slack URL and keeps only its origin and fingerprint in the clear', () => {
    const url = 'https://hooks.slack.com/services/T0/B0/secretpart';
    const stored = storeDestination('slack', { slackWebhookUrl: url }, deps);
    expect(JSON.stringify(stored.destination)).not.toContain('secretpart');
    expect(stored.destinationEncrypted).not.toContain('secretpart');
    expect(destinationShown('slack', stored)).toEqual({
      channel: 'slack',
      origin: 'https://hooks.slack.com',
      fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) as string,
    });
    expect(openTarget(rule(stored, 'slack'), FIXTURE_KEY_RING, new Date())).toEqual({
      channel: 'slack',
      url,
    });
  });

  it('keeps a sealed routing key when only the severity changes', () => {
    const first = storeDestination('pagerduty', { pagerdutyRoutingKey: 'key-1' }, deps);
    expect(destinationShown('pagerduty', first)).toMatchObject({
      endpoint: 'https://events.pagerduty.com/v2/enqueue',
      severity: 'error',
    });
    const next = storeDestination('pagerduty', { pagerdutySeverity: 'critical' }, deps, first);
    expect(openTarget(rule(next, 'pagerduty'), FIXTURE_KEY_RING, new Date())).toEqual({
      channel: 'pagerduty',
      routingKey: 'key-1',
      endpoint: 'https://events.pagerduty.com/v2/enqueue',
      severity: 'critical',
    });
  });

  it('refuses internal URLs and missing destinations in words, per field', () => {
    expect(() =>
      storeDestination('slack', { slackWebhookUrl: 'http://127.0.0.1/x' }, deps),
    ).toThrow(/127\.0\.0\.1/);
    expect(() =>
      storeDestination(
        'pagerduty',
        { pagerdutyRoutingKey: 'k', pagerdutyEndpoint: 'http://169.254.169.254/' },
        deps,
      ),
    ).toThrow(/169\.254\.169\.254/);
    expect(() => storeDestination('email', {}, deps)).toThrow('give the recipients');
    expect(() => storeDestination('webhook', {}, deps)).toThrow('give the webhook URL');
  });

  it('stores recipients lower-cased and once each', () => {
    const stored = storeDestination(
      'email',
      { emailRecipients: ['A@x.test', 'a@x.test', 'b@x.test'] },
      deps,
    );
    expect(stored.destination).toEqual({ recipients: ['a@x.test', 'b@x.test'] });
  });
});

describe('openTarget', () => {
  it('signs with the previous secret too until its overlap ends', () => {
    const sealed = (s: string) => FIXTURE_KEY_RING.seal(s);
    const webhook = {
      webhookUrl: 'https://a.example.com/',
      destination: {},
      destinationEncrypted: null,
      channel: 'webhook',
      secretEncrypted: sealed('whsec_new'),
      previousSecretEncrypted: sealed('whsec_old'),
      previousSecretUntil: new Date('2026-12-06T12:00:00Z'),
    };
    const before = openTarget(webhook, FIXTURE_KEY_RING, new Date('2026-12-06T11:59:59Z'));
    const after = openTarget(webhook, FIXTURE_KEY_RING, new Date('2026-12-06T12:00:00Z'));
    expect(before).toMatchObject({ secrets: ['whsec_new', 'whsec_old'] });
    expect(after).toMatchObject({ secrets: ['whsec_new'] });
  });
});
