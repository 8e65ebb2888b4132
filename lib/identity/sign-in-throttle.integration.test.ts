// The sign-in throttle's overall ceiling against a real redis-server: failed attempts from every
// address count toward one ceiling; successes give their slot back; attempts an address may not
// make do not count, so one address cannot spend everyone's budget.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { usePrivateRedis } from '@/test/support/private-redis';
import { redisThrottle } from './sign-in-throttle';

const { client: redis } = usePrivateRedis();

const throttleWith = (keyPrefix = `t${randomBytes(3).toString('hex')}`) => ({
  keyPrefix,
  throttle: redisThrottle(redis(), {
    keyPrefix,
    policy: { maxAttempts: 2, windowSeconds: 60 },
    overall: { maxAttempts: 4, windowSeconds: 60 },
    warn: () => {},
  }),
});

describe('the overall sign-in ceiling', () => {
  it('throttles every address once the failures of all addresses pass it', async () => {
    const { throttle, keyPrefix } = throttleWith();
    for (let i = 1; i <= 4; i++) expect(await throttle.take(`192.0.2.${i}`)).toBe('allowed');
    expect(await throttle.take('192.0.2.5')).toBe('throttled');
    expect(await throttle.take('192.0.2.6')).toBe('throttled');
    // refused attempts give their overall slot back: the ceiling does not creep up by itself
    expect(await redis().get(`${keyPrefix}:sign-in:overall`)).toBe('4');
    expect(await redis().ttl(`${keyPrefix}:sign-in:overall`)).toBeGreaterThan(0);
  });

  it('does not count successful sign-ins', async () => {
    const { throttle } = throttleWith();
    for (let i = 0; i < 10; i++) {
      expect(await throttle.take(`198.51.100.${i}`)).toBe('allowed');
      await throttle.release(`198.51.100.${i}`);
    }
    for (let i = 1; i <= 4; i++) expect(await throttle.take(`192.0.2.${i}`)).toBe('allowed');
  });

  it('does not let one throttled address spend the overall budget', async () => {
    const { throttle, keyPrefix } = throttleWith();
    const verdicts = [];
    for (let i = 0; i < 10; i++) verdicts.push(await throttle.take('203.0.113.1'));
    expect(verdicts.filter((v) => v === 'allowed')).toHaveLength(2);
    expect(await redis().get(`${keyPrefix}:sign-in:overall`)).toBe('2');
    expect(await throttle.take('203.0.113.2')).toBe('allowed');
  });
});
