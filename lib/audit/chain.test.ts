import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, chainHash, type ChainedContent } from './chain';

const content: ChainedContent = {
  tenantId: '0193a5c0-0000-7000-8000-000000000001',
  seq: 1,
  actorUserId: null,
  actorTokenId: null,
  actorLabel: 'Ada Admin',
  action: 'connection.updated',
  objectType: 'connection',
  objectId: 'c-1',
  reason: null,
  requestId: 'req-12345678',
  before: { name: 'Warehouse', rateLimit: { perSecond: 5, burst: 10 } },
  after: { name: 'Warehouse EU', rateLimit: { burst: 10, perSecond: 5 } },
  createdAt: new Date('2026-11-23T10:00:00.123Z'),
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('is the same whatever order the keys arrive in (jsonb reorders them)', () => {
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(
      canonicalJson({ y: { p: 3, q: 2 }, x: 1 }),
    );
  });
});

describe('chainHash', () => {
  const hash = chainHash(GENESIS_HASH, content);

  it('is 64 hex characters and repeatable', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...content })).toBe(hash);
  });

  it('does not depend on the key order of snapshots', () => {
    const reordered = {
      ...content,
      before: { rateLimit: { burst: 10, perSecond: 5 }, name: 'Warehouse' },
    };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(hash);
  });

  it.each([
    ['the previous hash', () => chainHash('1'.repeat(64), content)],
    ['the seq', () => chainHash(GENESIS_HASH, { ...content, seq: 2 })],
    ['the actor', () => chainHash(GENESIS_HASH, { ...content, actorLabel: 'Mallory' })],
    ['the reason', () => chainHash(GENESIS_HASH, { ...content, reason: 'r' })],
    ['a nested value', () => chainHash(GENESIS_HASH, { ...content, after: { name: 'X' } })],
    [
      'the time by one millisecond',
      () =>
        chainHash(GENESIS_HASH, { ...content, createdAt: new Date('2026-11-23T10:00:00.124Z') }),
    ],
  ])('changes with %s', (_label, other) => {
    expect(other()).not.toBe(hash);
  });

  it('treats a missing snapshot as null', () => {
    expect(chainHash(GENESIS_HASH, { ...content, before: undefined })).toBe(
      chainHash(GENESIS_HASH, { ...content, before: null }),
    );
  });
});
