import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { isUnusablePasswordHash, unusablePasswordHash } from './unusable-password';

describe('the password hash of people who arrive by single sign-on', () => {
  it('matches no password, not even its own text or an empty one', async () => {
    const stored = unusablePasswordHash();
    for (const attempt of ['', stored, stored.slice('sso-only$'.length), 'sso-only', 'x'])
      expect(await verifyPassword(attempt, stored)).toBe(false);
  });

  it('is different for every person and told apart from a real hash', async () => {
    const a = unusablePasswordHash();
    expect(a).not.toBe(unusablePasswordHash());
    expect(isUnusablePasswordHash(a)).toBe(true);
    const real = await hashPassword('correct horse battery staple', { N: 2 ** 10, r: 8, p: 1 });
    expect(isUnusablePasswordHash(real)).toBe(false);
    // sign-in re-hashes only after a successful verify, which cannot happen here
    expect(needsRehash(a)).toBe(true);
  });
});
