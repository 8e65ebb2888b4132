import { createHash, createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  signStandardWebhook,
  standardWebhookHeaders,
  standardWebhookKey,
  verifyStandardWebhook,
  type StandardWebhookHeaders,
} from './standard-webhooks';

const keyBytes = (label: string) => createHash('sha256').update(label).digest();
const secretOf = (label: string) => `whsec_${keyBytes(label).toString('base64')}`;

const SECRET = secretOf('current');
const MSG_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const NOW = new Date('2025-06-01T12:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
// Deliberately non-canonical JSON: only the exact bytes received carry a valid signature.
const RAW =
  '{"type": "fulfilment.status_changed",\n "data":{"fulfilment":{"id":"F-1","note":"caf\\u00e9"}}}';
const body = Buffer.from(RAW, 'utf8');

/** Headers as the standardwebhooks library signs them. */
function libraryHeaders(
  secret = SECRET,
  timestamp = T,
  id = MSG_ID,
  payload = RAW,
): StandardWebhookHeaders {
  const signature = new Webhook(secret).sign(id, new Date(timestamp * 1000), payload);
  return { id, timestamp: String(timestamp), signature };
}

describe('signStandardWebhook', () => {
  it('produces the same signature as the standardwebhooks library', () => {
    expect(signStandardWebhook(body, SECRET, MSG_ID, T)).toBe(libraryHeaders().signature);
  });

  it('is accepted by the standardwebhooks library', () => {
    const ts = Math.floor(Date.now() / 1000);
    const signature = signStandardWebhook(body, SECRET, MSG_ID, ts);
    const headers = { 'webhook-id': MSG_ID, 'webhook-timestamp': String(ts) };
    expect(new Webhook(SECRET).verify(RAW, { ...headers, 'webhook-signature': signature })).toEqual(
      JSON.parse(RAW),
    );
  });

  it('keys the HMAC with the base64-decoded secret (an independent computation)', () => {
    const digest = createHmac('sha256', keyBytes('current'))
      .update(`${MSG_ID}.${T}.${RAW}`)
      .digest('base64');
    expect(signStandardWebhook(RAW, SECRET, MSG_ID, T)).toBe(`v1,${digest}`);
  });
});

describe('standardWebhookKey', () => {
  it('decodes the base64 after the whsec_ prefix, and a bare key the same way', () => {
    expect(standardWebhookKey(SECRET)).toEqual(keyBytes('current'));
    expect(standardWebhookKey(SECRET.slice('whsec_'.length))).toEqual(keyBytes('current'));
  });

  it.each(['', 'whsec_', 'whsec_not base64!', 'whsec_ab$cd'])('refuses %j', (secret) => {
    expect(standardWebhookKey(secret)).toBeUndefined();
  });
});

describe('verifyStandardWebhook', () => {
  const headers = libraryHeaders();

  it('is valid for headers made by the standardwebhooks library over the raw bytes', () => {
    expect(verifyStandardWebhook(body, headers, [SECRET], NOW)).toBe('valid');
  });

  it('is invalid with the wrong secret', () => {
    expect(verifyStandardWebhook(body, headers, [secretOf('other')], NOW)).toBe('invalid');
  });

  it('skips secrets that are not base64 instead of throwing', () => {
    expect(verifyStandardWebhook(body, headers, ['whsec_!!!', '', SECRET], NOW)).toBe('valid');
    expect(verifyStandardWebhook(body, headers, ['whsec_!!!'], NOW)).toBe('invalid');
    expect(verifyStandardWebhook(body, headers, [], NOW)).toBe('invalid');
  });

  it.each([0, 1, 40, body.length - 1])('is invalid after changing the byte at offset %i', (at) => {
    const tampered = Buffer.from(body);
    tampered[at] = tampered[at]! ^ 0x01;
    expect(verifyStandardWebhook(tampered, headers, [SECRET], NOW)).toBe('invalid');
  });

  it('is invalid over re-serialised JSON (same data, different whitespace)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(RAW)), 'utf8');
    expect(reserialised.equals(body)).toBe(false);
    expect(verifyStandardWebhook(reserialised, headers, [SECRET], NOW)).toBe('invalid');
  });

  it('is invalid when the id or timestamp is swapped (the signature covers both)', () => {
    const otherId = { ...headers, id: 'msg_other' };
    const otherTime = { ...headers, timestamp: String(T + 1) };
    expect(verifyStandardWebhook(body, otherId, [SECRET], NOW)).toBe('invalid');
    expect(verifyStandardWebhook(body, otherTime, [SECRET], NOW)).toBe('invalid');
  });

  describe('timestamp tolerance (300 s by default, both directions)', () => {
    it.each([
      ['300 s old', -300, 'valid'],
      ['301 s old', -301, 'invalid'],
      ['a day old', -86_400, 'invalid'],
      ['300 s ahead', 300, 'valid'],
      ['301 s ahead', 301, 'invalid'],
      ['a day ahead', 86_400, 'invalid'],
    ] as const)('headers signed %s are %s', (_label, offset, verdict) => {
      const signed = libraryHeaders(SECRET, T + offset);
      expect(verifyStandardWebhook(body, signed, [SECRET], NOW)).toBe(verdict);
    });

    it('honours a custom tolerance', () => {
      const signed = libraryHeaders(SECRET, T - 60);
      expect(verifyStandardWebhook(body, signed, [SECRET], NOW, 30)).toBe('invalid');
      expect(verifyStandardWebhook(body, signed, [SECRET], NOW, 60)).toBe('valid');
    });
  });

  describe('secret rotation overlap', () => {
    const OLD = secretOf('old');
    const NEW = secretOf('new');
    const byOld = libraryHeaders(OLD);
    const byNew = libraryHeaders(NEW);

    it('accepts either secret while both are configured', () => {
      expect(verifyStandardWebhook(body, byOld, [NEW, OLD], NOW)).toBe('valid');
      expect(verifyStandardWebhook(body, byNew, [NEW, OLD], NOW)).toBe('valid');
    });

    it('refuses the old secret once it is removed', () => {
      expect(verifyStandardWebhook(body, byOld, [NEW], NOW)).toBe('invalid');
    });

    it('accepts a header listing several signatures when any one matches', () => {
      const both = { ...headers, signature: `${byOld.signature} ${byNew.signature}` };
      expect(verifyStandardWebhook(body, both, [NEW], NOW)).toBe('valid');
      expect(verifyStandardWebhook(body, both, [OLD], NOW)).toBe('valid');
      expect(verifyStandardWebhook(body, both, [secretOf('neither')], NOW)).toBe('invalid');
    });

    it('skips entries of other versions (v1a is asymmetric) in the list', () => {
      const digest = headers.signature!.slice(3);
      const mixed = { ...headers, signature: `v1a,${digest}  v2,xyz v1,${digest}` };
      expect(verifyStandardWebhook(body, mixed, [SECRET], NOW)).toBe('valid');
      const onlyOthers = { ...headers, signature: `v1a,${digest} v2,${digest}` };
      expect(verifyStandardWebhook(body, onlyOthers, [SECRET], NOW)).toBe('invalid');
    });
  });

  it.each([null, '', '  '])('is missing when webhook-signature is %j', (signature) => {
    expect(verifyStandardWebhook(body, { ...headers, signature }, [SECRET], NOW)).toBe('missing');
  });

  describe('malformed headers are invalid, never a throw', () => {
    const digest = headers.signature!.slice(3);
    it.each<[string, Partial<StandardWebhookHeaders>]>([
      ['no webhook-id', { id: null }],
      ['an empty webhook-id', { id: '' }],
      ['no webhook-timestamp', { timestamp: null }],
      ['a non-numeric timestamp', { timestamp: 'soon' }],
      ['a timestamp in milliseconds', { timestamp: String(T * 1000) }],
      ['a signature without a version', { signature: digest }],
      ['an empty v1', { signature: 'v1,' }],
      ['a v1 without its padding', { signature: `v1,${digest.replace('=', '')}` }],
      ['a truncated v1', { signature: `v1,${digest.slice(0, 20)}` }],
      ['a hex v1', { signature: `v1,${Buffer.from(digest, 'base64').toString('hex')}` }],
      ['a v1 with junk characters', { signature: `v1,${digest.slice(0, 40)}!!=` }],
      ['garbage text', { signature: 'not a signature' }],
    ])('%s', (_label, patch) => {
      expect(verifyStandardWebhook(body, { ...headers, ...patch }, [SECRET], NOW)).toBe('invalid');
    });
  });
});

describe('standardWebhookHeaders', () => {
  it('reads the three headers case-insensitively, null when absent', () => {
    const h = new Headers({ 'Webhook-Id': 'msg_1', 'WEBHOOK-TIMESTAMP': '17' });
    expect(standardWebhookHeaders(h)).toEqual({ id: 'msg_1', timestamp: '17', signature: null });
  });
});
