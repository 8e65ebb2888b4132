import { describe, expect, it } from 'vitest';
import { PEER_HEADER, peerHeaderValue } from '@/lib/base/client-address';
import { clientIpOf } from './sign-in-throttle';

describe('clientIpOf', () => {
  it('is the socket peer when no proxy is trusted: X-Forwarded-For rotation changes nothing', () => {
    const peer = peerHeaderValue('192.0.2.4');
    for (const claimed of ['6.6.6.6', '7.7.7.7, 8.8.8.8', '::1'])
      expect(clientIpOf({ [PEER_HEADER]: peer, 'x-forwarded-for': claimed }, 0)).toBe('192.0.2.4');
    expect(clientIpOf({ 'x-real-ip': '192.0.2.4' }, 0)).toBe('unknown');
  });

  it('takes the entry our own proxy appended when one hop is trusted', () => {
    expect(clientIpOf({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7' }, 1)).toBe('10.0.0.7');
    expect(clientIpOf({ 'x-forwarded-for': '::1' }, 1)).toBe('::1');
  });

  it('never lets an odd value into a Redis key', () => {
    expect(clientIpOf({ 'x-forwarded-for': 'evil key*' }, 1)).toBe('unknown');
    expect(clientIpOf({ 'x-forwarded-for': '1.2.3.4:' + 'x'.repeat(100) }, 1)).toBe('unknown');
  });
});
