import { describe, expect, it } from 'vitest';
import { clientIpOf } from './sign-in-throttle';

describe('clientIpOf', () => {
  it('takes the last x-forwarded-for entry: the one our own proxy appended', () => {
    expect(clientIpOf({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7' })).toBe('10.0.0.7');
    expect(clientIpOf({ 'x-forwarded-for': '::1' })).toBe('::1');
  });

  it('falls back to x-real-ip, then to "unknown"', () => {
    expect(clientIpOf({ 'x-real-ip': '192.0.2.4' })).toBe('192.0.2.4');
    expect(clientIpOf({})).toBe('unknown');
  });

  it('never lets an odd value into a Redis key', () => {
    expect(clientIpOf({ 'x-forwarded-for': 'evil key*' })).toBe('unknown');
    expect(clientIpOf({ 'x-forwarded-for': '1.2.3.4:' + 'x'.repeat(100) })).toBe('unknown');
  });
});
