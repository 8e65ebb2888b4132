import { describe, expect, it } from 'vitest';
import { embeddedIPv4, internalAddressReason } from './addresses';
import { parseAllowHosts } from './policy';

const INTERNAL = [
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.254', 'carrier-grade NAT'],
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['169.254.169.254', 'link-local'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'reserved'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['fc00::1', 'private'],
  ['fd12:3456::1', 'private'],
  ['fe80::1', 'link-local'],
  ['febf::1', 'link-local'],
  ['ff02::1', 'multicast'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:a9fe:a9fe', 'link-local'],
  ['::ffff:0:10.0.0.1', 'private'],
  ['64:ff9b::192.168.0.1', 'private'],
  ['::127.0.0.1', 'reserved'],
] as const;

const PUBLIC = [
  '8.8.8.8',
  '1.1.1.1',
  '100.63.255.255',
  '100.128.0.0',
  '172.15.255.255',
  '172.32.0.0',
  '169.253.0.1',
  '192.169.0.1',
  '223.255.255.255',
  '2606:4700:4700::1111',
  '2001:4860:4860::8888',
  'fec0::1',
  '::ffff:8.8.8.8',
  '64:ff9b::8.8.8.8',
];

describe('internalAddressReason', () => {
  it.each(INTERNAL)('refuses %s (%s)', (address, words) => {
    expect(internalAddressReason(address)).toContain(words);
  });

  it.each(PUBLIC)('lets %s through', (address) => {
    expect(internalAddressReason(address)).toBeNull();
  });

  it('treats what is not an address as internal (never as a pass)', () => {
    expect(internalAddressReason('example.com')).not.toBeNull();
  });

  it('reads IPv4 out of mapped, translated and NAT64 IPv6', () => {
    expect(embeddedIPv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIPv4('::FFFF:10.1.2.3')).toBe('10.1.2.3');
    expect(embeddedIPv4('::ffff:0:a00:1')).toBe('10.0.0.1');
    expect(embeddedIPv4('64:ff9b::c0a8:1')).toBe('192.168.0.1');
    expect(embeddedIPv4('2001:db8::1')).toBeNull();
  });
});

describe('parseAllowHosts (OUTBOUND_ALLOW_HOSTS)', () => {
  it('reads a comma list of hosts and addresses, bare and lower case', () => {
    expect(parseAllowHosts(' 127.0.0.1, Receiver.Test ,[::1], sims.test.,')).toEqual([
      '127.0.0.1',
      'receiver.test',
      '::1',
      'sims.test',
    ]);
    expect(parseAllowHosts(undefined)).toEqual([]);
    expect(parseAllowHosts('')).toEqual([]);
  });
});
