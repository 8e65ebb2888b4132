import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

const PASSWORD = 'correct horse battery staple';

describe('hashPassword / verifyPassword', () => {
  it('verifies the password it hashed', async () => {
    const stored = await hashPassword(PASSWORD);
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(true);
  });

  it('refuses a wrong password', async () => {
    const stored = await hashPassword(PASSWORD);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('stores scrypt$16384$8$1$<16-byte salt>$<32-byte hash>', async () => {
    const [scheme, n, r, p, salt, hash, ...rest] = (await hashPassword(PASSWORD)).split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
    expect(rest).toEqual([]);
  });

  it('salts: two hashes of the same password differ and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    await expect(verifyPassword(PASSWORD, a)).resolves.toBe(true);
    await expect(verifyPassword(PASSWORD, b)).resolves.toBe(true);
  });

  it('normalises unicode (NFKC): composed and decomposed forms verify alike', async () => {
    const stored = await hashPassword('caf\u00e9');
    await expect(verifyPassword('cafe\u0301', stored)).resolves.toBe(true);
  });
});

describe('verifyPassword with a malformed stored hash', () => {
  it.each([
    ['an empty string', ''],
    ['another scheme', 'bcrypt$2b$10$abcdefghijklmnopqrstuv$abcdefghijklmnopqrstuvwxyz12345'],
    ['too few parts', 'scrypt$16384$8$1$c2FsdA=='],
    ['an empty salt', 'scrypt$16384$8$1$$aGFzaA=='],
    ['an empty hash', 'scrypt$16384$8$1$c2FsdA==$'],
    ['a hash of the wrong length', 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaA=='],
  ])('returns false for %s', async (_label, stored) => {
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(false);
  });

  // Regression (lib/identity/password.ts:26 via :12): non-numeric or invalid cost parameters make node's scrypt
  // throw (ERR_OUT_OF_RANGE / ERR_CRYPTO_INVALID_SCRYPT_PARAMS), so verifyPassword rejects.
  it.each([
    [
      'a non-numeric N',
      'scrypt$abc$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
    ],
    [
      'N not a power of two',
      'scrypt$3$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
    ],
    [
      'a negative r',
      'scrypt$16384$-8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
    ],
  ])('returns false (does not throw) for %s', async (_label, stored) => {
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(false);
  });
});
