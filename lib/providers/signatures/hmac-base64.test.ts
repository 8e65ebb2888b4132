import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHmacBase64, verifyHmacBase64 } from './hmac-base64';

const SECRET = 'shpss_current_secret';
// Deliberately non-canonical JSON: extra spaces, newline, key order and a unicode escape.
const RAW =
  '{"id": 820982911946154500,  "email":"ada@example.com",\n "total_price":"12.50","note":"caf\\u00e9"}';
const body = Buffer.from(RAW, 'utf8');

/** Independent reference: base64(HMAC-SHA256(secret, raw bytes)). */
const reference = (bytes: Buffer, secret: string) =>
  createHmac('sha256', secret).update(bytes).digest('base64');

describe('signHmacBase64', () => {
  it('matches an independent node:crypto computation', () => {
    expect(signHmacBase64(body, SECRET)).toBe(reference(body, SECRET));
  });

  it('matches a known test vector (RFC 4231 case 2)', () => {
    const sig = signHmacBase64('what do ya want for nothing?', 'Jefe');
    expect(Buffer.from(sig, 'base64').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('signs a string and the same bytes as a Buffer identically', () => {
    expect(signHmacBase64(RAW, SECRET)).toBe(signHmacBase64(body, SECRET));
  });
});

describe('verifyHmacBase64', () => {
  const header = reference(body, SECRET);

  it('is valid with the right secret over the raw bytes', () => {
    expect(verifyHmacBase64(body, header, [SECRET])).toBe('valid');
  });

  it('is invalid with the wrong secret', () => {
    expect(verifyHmacBase64(body, header, ['some_other_secret'])).toBe('invalid');
  });

  it('is invalid when no secret is configured', () => {
    expect(verifyHmacBase64(body, header, [])).toBe('invalid');
  });

  it.each([0, 1, 17, body.length - 1])(
    'is invalid after changing the byte at offset %i',
    (offset) => {
      const tampered = Buffer.from(body);
      tampered[offset] = tampered[offset]! ^ 0x01;
      expect(verifyHmacBase64(tampered, header, [SECRET])).toBe('invalid');
    },
  );

  it('is invalid with one extra trailing byte', () => {
    expect(verifyHmacBase64(Buffer.concat([body, Buffer.from('\n')]), header, [SECRET])).toBe(
      'invalid',
    );
  });

  it('is invalid over re-serialised JSON (same data, different whitespace)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(RAW)), 'utf8');
    expect(reserialised.equals(body)).toBe(false);
    expect(JSON.parse(reserialised.toString())).toEqual(JSON.parse(RAW));
    expect(verifyHmacBase64(reserialised, header, [SECRET])).toBe('invalid');
  });

  it.each([null, ''])('is missing when the header is %j', (value) => {
    expect(verifyHmacBase64(body, value, [SECRET])).toBe('missing');
  });

  it.each([
    ['garbage text', 'not-a-signature'],
    ['a hex digest instead of base64', createHmac('sha256', SECRET).update(body).digest('hex')],
    ['a truncated signature', header.slice(0, 20)],
    ['a signature of another body', reference(Buffer.from('{}'), SECRET)],
    ['an all-zero 32-byte value', Buffer.alloc(32).toString('base64')],
  ])('is invalid for %s', (_label, value) => {
    expect(verifyHmacBase64(body, value, [SECRET])).toBe('invalid');
  });

  describe('secret rotation overlap', () => {
    const OLD = 'shpss_old_secret';
    const NEW = 'shpss_new_secret';

    it('accepts a body signed with the old secret while both are configured', () => {
      expect(verifyHmacBase64(body, reference(body, OLD), [NEW, OLD])).toBe('valid');
    });

    it('accepts a body signed with the new secret while both are configured', () => {
      expect(verifyHmacBase64(body, reference(body, NEW), [NEW, OLD])).toBe('valid');
    });

    it('refuses the old secret once it is removed', () => {
      expect(verifyHmacBase64(body, reference(body, OLD), [NEW])).toBe('invalid');
    });
  });
});
