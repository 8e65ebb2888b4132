import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from './password';

const PASSWORD = 'correct horse battery staple';
/** One to four scrypt runs at N=2^17 (~0.3 s each alone) per test: room for a machine busy with
 *  the other steps of `npm test` (a CI run on a loaded box took 5 s for three). */
const SCRYPT_MS = 20_000;

describe('hashPassword / verifyPassword', { timeout: SCRYPT_MS }, () => {
  it('verifies the password it hashed', async () => {
    const stored = await hashPassword(PASSWORD);
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(true);
  });

  it('refuses a wrong password', async () => {
    const stored = await hashPassword(PASSWORD);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it("stores scrypt$131072$8$1$<16-byte salt>$<32-byte hash> (OWASP's N=2^17, r=8, p=1)", async () => {
    const [scheme, n, r, p, salt, hash, ...rest] = (await hashPassword(PASSWORD)).split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '131072', '8', '1']);
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

// A hash made before the cost was raised (N=2^14), by the code of that time: salt "waybill-salt-16b".
const OLD_HASH =
  'scrypt$16384$8$1$d2F5YmlsbC1zYWx0LTE2Yg==$YoCH7U2OXpTQwZ8iE4hZIM43+Tu1bUx0yHug3BI+VpY=';

describe('hashes of older parameters', () => {
  it('verifies a stored N=2^14 hash with its own parameters', async () => {
    await expect(verifyPassword(PASSWORD, OLD_HASH)).resolves.toBe(true);
    await expect(verifyPassword('not it', OLD_HASH)).resolves.toBe(false);
  });

  it('makes and verifies a hash of given parameters', async () => {
    const stored = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(true);
  });
});

describe('needsRehash', () => {
  const salt = Buffer.alloc(16, 1).toString('base64');
  const key = Buffer.alloc(32, 2).toString('base64');
  const stored = (n: number, r: number, p: number, s = salt, k = key) =>
    `scrypt$${n}$${r}$${p}$${s}$${k}`;

  it('is false for a hash made today', { timeout: SCRYPT_MS }, async () => {
    expect(needsRehash(await hashPassword(PASSWORD))).toBe(false);
    expect(needsRehash(stored(SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p))).toBe(false);
  });

  it('is false for stronger parameters', () => {
    expect(needsRehash(stored(2 ** 18, 8, 1))).toBe(false);
    expect(needsRehash(stored(2 ** 17, 16, 2))).toBe(false);
  });

  it.each([
    ['the old N=2^14', OLD_HASH],
    ['a lower N', stored(2 ** 16, 8, 1)],
    ['a lower r', stored(2 ** 17, 4, 1)],
    ['a shorter salt', stored(2 ** 17, 8, 1, Buffer.alloc(8).toString('base64'))],
    ['another scheme', 'bcrypt$2b$10$abcdefghijklmnopqrstuv$abcdefghijklmnopqrstuvwxyz12345'],
    ['a malformed hash', 'scrypt$131072$8$1$c2FsdA=='],
  ])('is true for %s', (_label, hash) => {
    expect(needsRehash(hash)).toBe(true);
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
    ['an extra part', `${OLD_HASH}$x`],
    ['a cost over the memory cap (N=2^20)', OLD_HASH.replace('$16384$', '$1048576$')],
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
