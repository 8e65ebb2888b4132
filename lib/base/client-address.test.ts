import { describe, expect, it } from 'vitest';
import {
  clientAddressOf,
  headerGetOf,
  PEER_HEADER,
  peerAddressOf,
  peerHeaderValue,
} from './client-address';

const from = (headers: Record<string, string>) => headerGetOf(headers);

describe('clientAddressOf with no trusted proxy (TRUSTED_PROXY_HOPS=0)', () => {
  it("is the socket's peer as this process stamped it; X-Forwarded-For is ignored", () => {
    const get = from({
      [PEER_HEADER]: peerHeaderValue('203.0.113.7'),
      'x-forwarded-for': '6.6.6.6',
      'x-real-ip': '7.7.7.7',
    });
    expect(clientAddressOf(get, 0)).toBe('203.0.113.7');
  });

  it('ignores a peer header the client wrote itself: it lacks the process secret', () => {
    expect(clientAddressOf(from({ [PEER_HEADER]: '203.0.113.7' }), 0)).toBe('unknown');
    const forged = `${'0'.repeat(32)} 203.0.113.7`;
    expect(peerAddressOf(from({ [PEER_HEADER]: forged }))).toBeNull();
  });

  it('is "unknown" without a stamp, never what the client claims', () => {
    expect(clientAddressOf(from({ 'x-forwarded-for': '6.6.6.6' }), 0)).toBe('unknown');
    expect(clientAddressOf(from({}), 0)).toBe('unknown');
  });

  it('writes IPv4-mapped IPv6 addresses as plain IPv4', () => {
    const get = from({ [PEER_HEADER]: peerHeaderValue('::ffff:127.0.0.1') });
    expect(clientAddressOf(get, 0)).toBe('127.0.0.1');
    expect(clientAddressOf(from({ [PEER_HEADER]: peerHeaderValue('::1') }), 0)).toBe('::1');
  });
});

describe('clientAddressOf behind N trusted proxies', () => {
  const chain = 'spoofed, 198.51.100.4, 10.0.0.2';

  it('takes the Nth address from the right of X-Forwarded-For', () => {
    const get = from({ 'x-forwarded-for': chain, [PEER_HEADER]: peerHeaderValue('10.0.0.9') });
    expect(clientAddressOf(get, 1)).toBe('10.0.0.2');
    expect(clientAddressOf(get, 2)).toBe('198.51.100.4');
  });

  it('takes the leftmost when there are fewer entries than hops', () => {
    expect(clientAddressOf(from({ 'x-forwarded-for': '198.51.100.4' }), 3)).toBe('198.51.100.4');
  });

  it('reads several X-Forwarded-For headers as one list', () => {
    const get = headerGetOf({ 'x-forwarded-for': ['6.6.6.6', '198.51.100.4'] });
    expect(clientAddressOf(get, 1)).toBe('198.51.100.4');
  });

  it('falls back to the peer without X-Forwarded-For', () => {
    expect(clientAddressOf(from({ [PEER_HEADER]: peerHeaderValue('10.0.0.9') }), 1)).toBe(
      '10.0.0.9',
    );
  });

  it('never lets an odd value into a Redis key or the audit log', () => {
    expect(clientAddressOf(from({ 'x-forwarded-for': 'evil key*' }), 1)).toBe('unknown');
    expect(clientAddressOf(from({ 'x-forwarded-for': '1.2.3.4:' + 'x'.repeat(100) }), 1)).toBe(
      'unknown',
    );
  });
});
