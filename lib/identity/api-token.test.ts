import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bearerOf,
  displayPrefixOf,
  generateApiTokenSecret,
  hashApiToken,
  looksLikeApiToken,
} from './api-token';

describe('API token secrets', () => {
  it('are "wbt_" and 32 random bytes in base64url, different every time', () => {
    const a = generateApiTokenSecret();
    const b = generateApiTokenSecret();
    expect(a).toMatch(/^wbt_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(4), 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(looksLikeApiToken(a)).toBe(true);
  });

  it('are stored as the hex SHA-256 of the whole secret', () => {
    const secret = generateApiTokenSecret();
    const expected = createHash('sha256').update(secret).digest('hex');
    expect(hashApiToken(secret)).toBe(expected);
    expect(hashApiToken(secret)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('show only a short prefix that does not give the secret away', () => {
    const secret = generateApiTokenSecret();
    const prefix = displayPrefixOf(secret);
    expect(prefix).toBe(secret.slice(0, 12));
    expect(secret.length - prefix.length).toBeGreaterThanOrEqual(35);
  });

  it('refuses look-alikes before any lookup', () => {
    for (const value of ['', 'wbt_', 'wbt_short', `xyz_${'a'.repeat(43)}`, `wbt_${'a'.repeat(44)}`])
      expect(looksLikeApiToken(value), value).toBe(false);
  });
});

describe('bearerOf', () => {
  const h = (value?: string) => new Headers(value === undefined ? {} : { authorization: value });

  it('reads the credentials of a Bearer header, any case of the scheme', () => {
    expect(bearerOf(h('Bearer wbt_abc'))).toBe('wbt_abc');
    expect(bearerOf(h('bearer   wbt_abc '))).toBe('wbt_abc');
  });

  it('is null without a header and empty (an invalid attempt) for another scheme', () => {
    expect(bearerOf(h())).toBeNull();
    expect(bearerOf(h('Basic dXNlcjpwYXNz'))).toBe('');
    expect(bearerOf(h('Bearer'))).toBe('');
    expect(bearerOf(h('Bearer a b'))).toBe('');
  });
});
