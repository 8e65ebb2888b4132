import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signatureOf, standardWebhookHeaders } from './standard-webhooks';

const body = '{"type":"alert.triggered","reason":"circuit open"}';

describe('standardWebhookHeaders', () => {
  it('verifies with the standardwebhooks package, and a changed body does not', () => {
    const secret = generateWebhookSecret();
    const headers = standardWebhookHeaders({
      id: 'msg_1',
      at: new Date(),
      body,
      secrets: [secret],
    });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('open', 'shut'), headers)).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('signs "id.timestamp.body" as v1,<base64 HMAC-SHA256> with the decoded secret', () => {
    // the Standard Webhooks specification's own example
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const payload = '{"test": 2432232314}';
    expect(signatureOf(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, payload)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('during an overlap, carries one signature per secret that each verify', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = standardWebhookHeaders({
      id: 'msg_2',
      at: new Date(),
      body,
      secrets: [current, previous],
    });
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    for (const secret of [current, previous])
      expect(new Webhook(secret).verify(body, headers)).toBeTruthy();
  });

  it('names the message and the time', () => {
    const at = new Date('2026-12-06T10:00:00.900Z');
    const headers = standardWebhookHeaders({ id: 'msg_3', at, body, secrets: [] });
    expect(headers['webhook-id']).toBe('msg_3');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toBe('');
  });

  it('makes whsec_ secrets of 32 bytes in standard base64', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
  });
});
