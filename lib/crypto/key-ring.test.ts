import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createKeyRing,
  keyIdOfEnvelope,
  keyRingFromEnv,
  parseKeyList,
  singleKeyRing,
  UnknownKeyError,
} from './key-ring';
import { sealSecret } from './secret-box';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const b64 = (b: Buffer) => b.toString('base64');

describe('key ring', () => {
  it('seals v2 envelopes naming the active key, and opens them', () => {
    const ring = createKeyRing({ keys: { k1, k2 }, activeKeyId: 'k2' });
    const sealed = ring.seal('shpat_secret');
    const [version, kid, iv, tag, data, ...rest] = sealed.split('.');
    expect([version, kid, rest]).toEqual(['v2', 'k2', []]);
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
    expect(data).not.toContain('shpat');
    expect(ring.open(sealed)).toBe('shpat_secret');
    expect(ring.keyIdOf(sealed)).toBe('k2');
    expect(ring.isCurrent(sealed)).toBe(true);
  });

  it('opens v1 envelopes with the legacy key k1', () => {
    const ring = createKeyRing({ keys: { k1, k2 }, activeKeyId: 'k2' });
    const legacy = sealSecret('old secret', k1);
    expect(ring.open(legacy)).toBe('old secret');
    expect(ring.keyIdOf(legacy)).toBe('k1');
    expect(ring.isCurrent(legacy)).toBe(false);
  });

  it('opens envelopes of every key in the ring after the active key changed', () => {
    const before = createKeyRing({ keys: { k1 }, activeKeyId: 'k1' });
    const after = createKeyRing({ keys: { k1, k2 }, activeKeyId: 'k2' });
    const old = before.seal('value');
    expect(after.open(old)).toBe('value');
    expect(after.isCurrent(old)).toBe(false);
    expect(after.keyIdOf(after.seal('value'))).toBe('k2');
  });

  it('refuses an unknown key id with a clear error', () => {
    const sealed = createKeyRing({ keys: { k2 }, activeKeyId: 'k2' }).seal('x');
    const ring = singleKeyRing(b64(k1));
    expect(() => ring.open(sealed)).toThrow(UnknownKeyError);
    expect(() => ring.open(sealed)).toThrow(/key "k2" is not in the key ring/);
  });

  it('refuses a v1 envelope when the legacy key has left the ring', () => {
    const ring = createKeyRing({ keys: { k2 }, activeKeyId: 'k2' });
    expect(() => ring.open(sealSecret('x', k1))).toThrow(/key "k1" is not in the key ring/);
  });

  it('binds the key id: an envelope relabelled to another key does not open', () => {
    const ring = createKeyRing({ keys: { k1, k2: k1 }, activeKeyId: 'k1' });
    const relabelled = ring.seal('x').replace(/^v2\.k1\./, 'v2.k2.');
    expect(() => ring.open(relabelled)).toThrow();
  });

  it('refuses a tampered ciphertext and a truncated tag', () => {
    const ring = singleKeyRing(b64(k1));
    const parts = ring.seal('value').split('.');
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0] = data[0]! ^ 1;
    expect(() => ring.open([...parts.slice(0, 4), data.toString('base64url')].join('.'))).toThrow();
    const shortTag = Buffer.from(parts[3]!, 'base64url').subarray(0, 12).toString('base64url');
    expect(() => ring.open([parts[0], parts[1], parts[2], shortTag, parts[4]].join('.'))).toThrow(
      /authentication tag/,
    );
  });

  it('refuses what is no envelope', () => {
    const ring = singleKeyRing(b64(k1));
    expect(() => ring.open('plaintext')).toThrow(/unknown format/);
    expect(() => ring.open('v3.k1.a.b.c')).toThrow(/unknown format/);
    expect(keyIdOfEnvelope('v2.bad.id.x.y.z')).toBe('bad');
    expect(keyIdOfEnvelope('nonsense')).toBeNull();
  });

  it('refuses keys of the wrong length, bad ids and an active id not in the ring', () => {
    expect(() => createKeyRing({ keys: { k1: randomBytes(16) }, activeKeyId: 'k1' })).toThrow(
      /32 bytes/,
    );
    expect(() => createKeyRing({ keys: { 'k.1': k1 }, activeKeyId: 'k.1' })).toThrow(/key id/);
    expect(() => createKeyRing({ keys: { k1 }, activeKeyId: 'k9' })).toThrow(/"k9" is not/);
  });
});

describe('key ring from the environment', () => {
  it('keeps WAYBILL_ENCRYPTION_KEY working alone, as k1', () => {
    const ring = keyRingFromEnv({ WAYBILL_ENCRYPTION_KEY: b64(k1) });
    expect(ring.activeKeyId).toBe('k1');
    expect(ring.open(sealSecret('x', k1))).toBe('x');
  });

  it('adds WAYBILL_ENCRYPTION_KEYS and picks the active one by WAYBILL_ENCRYPTION_KEY_ID', () => {
    const ring = keyRingFromEnv({
      WAYBILL_ENCRYPTION_KEY: b64(k1),
      WAYBILL_ENCRYPTION_KEYS: `k2:${b64(k2)}`,
      WAYBILL_ENCRYPTION_KEY_ID: 'k2',
    });
    expect(ring.activeKeyId).toBe('k2');
    expect(ring.keyIds).toEqual(['k2', 'k1']);
    expect(ring.keyIdOf(ring.seal('x'))).toBe('k2');
  });

  it('works without the legacy key once the list holds every key', () => {
    const ring = keyRingFromEnv({
      WAYBILL_ENCRYPTION_KEYS: `k2:${b64(k2)}`,
      WAYBILL_ENCRYPTION_KEY_ID: 'k2',
    });
    expect(ring.keyIds).toEqual(['k2']);
  });

  it('refuses an active id without a key, a conflicting k1 and malformed lists', () => {
    expect(() => keyRingFromEnv({ WAYBILL_ENCRYPTION_KEYS: `k2:${b64(k2)}` })).toThrow(/"k1"/);
    expect(() =>
      keyRingFromEnv({ WAYBILL_ENCRYPTION_KEY: b64(k1), WAYBILL_ENCRYPTION_KEYS: `k1:${b64(k2)}` }),
    ).toThrow(/may not give it another value/);
    expect(() => parseKeyList('no-colon-here')).toThrow(/<key id>:<base64 key>/);
    expect(() => parseKeyList(`k2:${b64(k2)},k2:${b64(k1)}`)).toThrow(/twice/);
  });

  it('never puts a key into an error message', () => {
    const secret = b64(randomBytes(16));
    try {
      keyRingFromEnv({ WAYBILL_ENCRYPTION_KEYS: `k2:${secret}`, WAYBILL_ENCRYPTION_KEY_ID: 'k2' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
  });
});
