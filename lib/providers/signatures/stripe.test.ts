import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signStripe, verifyStripe } from './stripe';

// The library that signs these headers in the wild; its API key is never used (no network).
const stripe = new Stripe('sk_test_unit_never_sent');

const SECRET = 'whsec_current_0123456789abcdef';
const NOW = new Date('2025-06-01T12:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
// Deliberately non-canonical JSON: spacing, a newline and a unicode escape live only in raw bytes.
const RAW =
  '{"id": "evt_1", "object":"event",\n "type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","note":"caf\\u00e9"}}}';
const body = Buffer.from(RAW, 'utf8');

const libraryHeader = (payload: string, secret: string, timestamp: number) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
/** The v1 value alone, from the library's header. */
const v1Of = (header: string) =>
  header
    .split(',')
    .find((p) => p.startsWith('v1='))!
    .slice(3);

describe('signStripe', () => {
  it('produces the same header as the stripe library', () => {
    expect(signStripe(body, SECRET, T)).toBe(libraryHeader(RAW, SECRET, T));
  });

  it('is accepted by the stripe library', () => {
    const header = signStripe(body, SECRET, Math.floor(Date.now() / 1000));
    expect(stripe.webhooks.constructEvent(RAW, header, SECRET).id).toBe('evt_1');
  });

  it('keys the HMAC with the whole whsec_ string (an independent computation)', () => {
    const hex = createHmac('sha256', SECRET).update(`${T}.${RAW}`).digest('hex');
    expect(signStripe(RAW, SECRET, T)).toBe(`t=${T},v1=${hex}`);
  });
});

describe('verifyStripe', () => {
  const header = libraryHeader(RAW, SECRET, T);

  it('is valid for a header made by the stripe library over the raw bytes', () => {
    expect(verifyStripe(body, header, [SECRET], NOW)).toBe('valid');
  });

  it('is invalid with the wrong secret', () => {
    expect(verifyStripe(body, header, ['whsec_some_other_secret'], NOW)).toBe('invalid');
  });

  it('is invalid when no secret (or only an empty one) is configured', () => {
    expect(verifyStripe(body, header, [], NOW)).toBe('invalid');
    expect(verifyStripe(body, libraryHeader(RAW, '', T), [''], NOW)).toBe('invalid');
  });

  it.each([0, 1, 40, body.length - 1])('is invalid after changing the byte at offset %i', (at) => {
    const tampered = Buffer.from(body);
    tampered[at] = tampered[at]! ^ 0x01;
    expect(verifyStripe(tampered, header, [SECRET], NOW)).toBe('invalid');
  });

  it('is invalid over re-serialised JSON (same data, different whitespace)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(RAW)), 'utf8');
    expect(reserialised.equals(body)).toBe(false);
    expect(verifyStripe(reserialised, header, [SECRET], NOW)).toBe('invalid');
  });

  it('is invalid when the timestamp is swapped for another (the signature covers it)', () => {
    const moved = header.replace(`t=${T}`, `t=${T + 1}`);
    expect(verifyStripe(body, moved, [SECRET], NOW)).toBe('invalid');
  });

  describe('timestamp tolerance (300 s by default, both directions)', () => {
    it.each([
      ['300 s old', -300, 'valid'],
      ['301 s old', -301, 'invalid'],
      ['a day old', -86_400, 'invalid'],
      ['300 s ahead', 300, 'valid'],
      ['301 s ahead', 301, 'invalid'],
      ['a day ahead', 86_400, 'invalid'],
    ] as const)('a header signed %s is %s', (_label, offset, verdict) => {
      const signed = libraryHeader(RAW, SECRET, T + offset);
      expect(verifyStripe(body, signed, [SECRET], NOW)).toBe(verdict);
    });

    it('honours a custom tolerance', () => {
      const signed = libraryHeader(RAW, SECRET, T - 60);
      expect(verifyStripe(body, signed, [SECRET], NOW, 30)).toBe('invalid');
      expect(verifyStripe(body, signed, [SECRET], NOW, 60)).toBe('valid');
    });
  });

  describe('secret rotation overlap', () => {
    const OLD = 'whsec_old_secret';
    const NEW = 'whsec_new_secret';
    const byOld = libraryHeader(RAW, OLD, T);
    const byNew = libraryHeader(RAW, NEW, T);

    it('accepts either secret while both are configured', () => {
      expect(verifyStripe(body, byOld, [NEW, OLD], NOW)).toBe('valid');
      expect(verifyStripe(body, byNew, [NEW, OLD], NOW)).toBe('valid');
    });

    it('refuses the old secret once it is removed', () => {
      expect(verifyStripe(body, byOld, [NEW], NOW)).toBe('invalid');
    });

    it('accepts a header carrying several v1 signatures when any one matches', () => {
      const both = `t=${T},v1=${v1Of(byOld)},v1=${v1Of(byNew)}`;
      expect(verifyStripe(body, both, [NEW], NOW)).toBe('valid');
      expect(verifyStripe(body, both, [OLD], NOW)).toBe('valid');
      expect(verifyStripe(body, both, ['whsec_neither'], NOW)).toBe('invalid');
    });
  });

  describe('schemes other than v1', () => {
    const sig = v1Of(header);

    it('ignores v0 (a valid digest under v0 alone is not enough)', () => {
      expect(verifyStripe(body, `t=${T},v0=${sig}`, [SECRET], NOW)).toBe('invalid');
    });

    it('still verifies v1 when v0 and unknown schemes ride along', () => {
      const mixed = `t=${T},v0=${'0'.repeat(64)},v1=${sig},v9=whatever`;
      expect(verifyStripe(body, mixed, [SECRET], NOW)).toBe('valid');
    });
  });

  it.each([null, '', '   '])('is missing when the header is %j', (value) => {
    expect(verifyStripe(body, value, [SECRET], NOW)).toBe('missing');
  });

  describe('malformed headers are invalid, never a throw', () => {
    const sig = v1Of(header);
    it.each([
      ['garbage text', 'not-a-signature'],
      ['only a timestamp', `t=${T}`],
      ['only a signature', `v1=${sig}`],
      ['an empty timestamp', `t=,v1=${sig}`],
      ['a non-numeric timestamp', `t=soon,v1=${sig}`],
      ['a timestamp in exponent form', `t=1.7e9,v1=${sig}`],
      ['two timestamps', `t=${T},t=${T},v1=${sig}`],
      ['an empty v1', `t=${T},v1=`],
      ['a non-hex v1', `t=${T},v1=${'z'.repeat(64)}`],
      ['a v1 with trailing junk', `t=${T},v1=${sig}zz`],
      ['a truncated v1', `t=${T},v1=${sig.slice(0, 40)}`],
      ['an uppercase v1 (Stripe signs lowercase)', `t=${T},v1=${sig.toUpperCase()}`],
      ['a base64 v1', `t=${T},v1=${Buffer.from(sig, 'hex').toString('base64')}`],
      ['separators only', ',,,==,'],
    ])('%s', (_label, value) => {
      expect(verifyStripe(body, value, [SECRET], NOW)).toBe('invalid');
    });
  });
});
