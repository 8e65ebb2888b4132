// The ingest flood limits against a real redis-server: per connection and per address, refused
// deliveries counted apart, a blocked address refused before anything else, and no limit (with
// one warning) when Redis is gone.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProducerRedis } from '@/lib/queue/connection';
import { usePrivateRedis } from '@/test/support/private-redis';
import { redisIngestLimiter, type IngestLimitPolicy } from './ingest-limits';

const { client: redis } = usePrivateRedis();

const policy: IngestLimitPolicy = {
  windowSeconds: 60,
  perConnection: 5,
  perAddress: 8,
  refusedPerConnection: 2,
  refusedPerAddress: 3,
};
const limiterFor = (p = policy) =>
  redisIngestLimiter(redis(), {
    keyPrefix: `t${randomBytes(3).toString('hex')}`,
    policy: p,
    warn: () => undefined,
  });
const caller = (address: string, connectionKey = 'commerce') => ({
  tenantSlug: 'acme',
  connectionKey,
  address,
});

describe('ingest limits', () => {
  it('admits up to the per-connection limit, then answers with the rest of the window', async () => {
    const limiter = limiterFor();
    for (let i = 0; i < 5; i++)
      expect(await limiter.admit(caller(`192.0.2.${i}`))).toEqual({ ok: true });
    const over = await limiter.admit(caller('192.0.2.99'));
    expect(over).toMatchObject({ ok: false });
    if (!over.ok) expect(over.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    if (!over.ok) expect(over.retryAfterSeconds).toBeLessThanOrEqual(60);
    // another connection has its own budget
    expect(await limiter.admit(caller('192.0.2.99', 'payments'))).toEqual({ ok: true });
  });

  it('limits one address across connections', async () => {
    const limiter = limiterFor({ ...policy, perConnection: 100 });
    for (let i = 0; i < 8; i++)
      expect(await limiter.admit(caller('198.51.100.1', `c${i}`))).toEqual({ ok: true });
    expect((await limiter.admit(caller('198.51.100.1', 'c9'))).ok).toBe(false);
    expect((await limiter.admit(caller('198.51.100.2', 'c9'))).ok).toBe(true);
  });

  it('counts refusals per connection; a connection past its budget still admits deliveries', async () => {
    const limiter = limiterFor({ ...policy, refusedPerAddress: 100 });
    expect((await limiter.admitRefusal(caller('203.0.113.1'))).ok).toBe(true);
    expect((await limiter.admitRefusal(caller('203.0.113.2'))).ok).toBe(true);
    expect((await limiter.admitRefusal(caller('203.0.113.3'))).ok).toBe(false);
    // the signature is checked before a refusal is counted: a valid sender is still admitted
    expect((await limiter.admit(caller('203.0.113.4'))).ok).toBe(true);
  });

  it('an address past its refused budget hears 429 for everything, before its body is read', async () => {
    const limiter = limiterFor({ ...policy, refusedPerConnection: 100 });
    for (let i = 0; i < 3; i++)
      expect((await limiter.admitRefusal(caller('203.0.113.50', `c${i}`))).ok).toBe(true);
    expect((await limiter.admit(caller('203.0.113.50', 'other'))).ok).toBe(false);
    expect((await limiter.admit(caller('203.0.113.51', 'other'))).ok).toBe(true);
  });

  it("a blocked address's deliveries do not count against the connection it floods", async () => {
    const limiter = limiterFor({ ...policy, refusedPerConnection: 100 });
    for (let i = 0; i < 3; i++) await limiter.admitRefusal(caller('203.0.113.60', `c${i}`));
    for (let i = 0; i < 20; i++)
      expect((await limiter.admit(caller('203.0.113.60'))).ok).toBe(false);
    // the connection's budget of 5 is untouched: a real sender still gets all of it
    for (let i = 0; i < 5; i++)
      expect(await limiter.admit(caller(`192.0.2.${60 + i}`))).toEqual({ ok: true });
    expect((await limiter.admit(caller('192.0.2.70'))).ok).toBe(false);
  });

  it('puts paths that name nothing into one bucket', async () => {
    const limiter = limiterFor({ ...policy, perAddress: 100 });
    for (let i = 0; i < 5; i++)
      expect((await limiter.admit(caller('192.0.2.1', `BAD\u0000${i}`))).ok).toBe(true);
    expect((await limiter.admit(caller('192.0.2.1', 'BAD\u0000x'))).ok).toBe(false);
    const keys = await redis().keys('*BAD*');
    expect(keys).toEqual([]);
  });

  it('sets an expiry on every counter', async () => {
    const prefix = `t${randomBytes(3).toString('hex')}`;
    const limiter = redisIngestLimiter(redis(), { keyPrefix: prefix, policy, warn: () => {} });
    await limiter.admit(caller('192.0.2.1'));
    await limiter.admitRefusal(caller('192.0.2.1'));
    const keys = await redis().keys(`${prefix}:*`);
    expect(keys.length).toBe(4);
    for (const key of keys) expect(await redis().ttl(key)).toBeGreaterThan(0);
  });

  it('fails open with one warning when Redis is unreachable', async () => {
    const down = createProducerRedis('redis://127.0.0.1:9');
    down.on('error', () => undefined);
    const said: string[] = [];
    const limiter = redisIngestLimiter(down, {
      keyPrefix: 'x',
      policy: { ...policy, perConnection: 1 },
      warn: (m) => void said.push(m),
    });
    try {
      for (let i = 0; i < 5; i++) {
        expect(await limiter.admit(caller('192.0.2.1'))).toEqual({ ok: true });
        expect(await limiter.admitRefusal(caller('192.0.2.1'))).toEqual({ ok: true });
      }
      expect(said).toEqual(['ingest limits unavailable (Redis); deliveries are not rate-limited']);
    } finally {
      down.disconnect();
    }
  });
});
