import http from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup, literalHostRefusal, OUTBOUND_REFUSED } from './guarded-lookup';
import { checkOutboundUrl, resolveOutboundTarget, type UrlWords } from './outbound-url';
import type { Lookup, OutboundPolicy } from './policy';

/** A resolver that answers from a table: what DNS would say, including a rebinding answer. */
const dns =
  (answers: Record<string, string[]>): Lookup =>
  (host) => {
    const found = answers[host];
    if (!found) return Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };

const ANSWERS = {
  'api.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
  'loopback.example.com': ['127.0.0.1'],
  'private.example.com': ['10.0.0.5'],
  'metadata.example.com': ['169.254.169.254'],
  'v6-loopback.example.com': ['::1'],
  'v6-link-local.example.com': ['fe80::1'],
  'v6-private.example.com': ['fd00::5'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
  'cgnat.example.com': ['100.64.0.1'],
  'mixed.example.com': ['93.184.216.34', '192.168.1.10'],
  'receiver.test': ['127.0.0.1'],
};

type Answer = {
  error: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family?: number;
};

function ask(
  policy: OutboundPolicy,
  host: string,
  options: { all?: boolean; family?: number } = {},
): Promise<Answer> {
  const lookup = guardedLookup(policy);
  return new Promise((resolve) =>
    lookup(host, options, (error, address, family) => resolve({ error, address, family })),
  );
}

const strict: OutboundPolicy = { allowHosts: [], lookup: dns(ANSWERS) };

describe('guardedLookup (what a provider socket connects to)', () => {
  it('hands Node every address of a public name, or the first of the family asked for', async () => {
    expect(await ask(strict, 'api.example.com', { all: true })).toEqual({
      error: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await ask(strict, 'api.example.com')).toMatchObject({
      error: null,
      address: '93.184.216.34',
      family: 4,
    });
    expect(await ask(strict, 'API.example.com.', { family: 6 })).toMatchObject({
      address: '2606:2800:220:1::1',
      family: 6,
    });
  });

  it.each([
    ['loopback.example.com', '127.0.0.1', 'a loopback address'],
    ['private.example.com', '10.0.0.5', 'a private address'],
    [
      'metadata.example.com',
      '169.254.169.254',
      'a link-local address (this includes cloud metadata services)',
    ],
    ['v6-loopback.example.com', '::1', 'a loopback address'],
    ['v6-link-local.example.com', 'fe80::1', 'a link-local address'],
    ['v6-private.example.com', 'fd00::5', 'a private address'],
    ['mapped.example.com', '::ffff:127.0.0.1', 'a loopback address'],
    ['cgnat.example.com', '100.64.0.1', 'a carrier-grade NAT address'],
    // ANY internal address refuses, even beside a public one
    ['mixed.example.com', '192.168.1.10', 'a private address'],
  ])('refuses %s, which resolves to %s', async (host, address, words) => {
    for (const all of [true, false]) {
      const { error } = await ask(strict, host, { all });
      expect(error?.code).toBe(OUTBOUND_REFUSED);
      expect(error?.message).toBe(
        `refused: the host ${host} resolves to ${address}, ${words}; Waybill calls no internal address unless OUTBOUND_ALLOW_HOSTS names it`,
      );
    }
  });

  it('lets an allow-listed name or address through, and only that', async () => {
    const byName: OutboundPolicy = { allowHosts: ['receiver.test'], lookup: dns(ANSWERS) };
    expect(await ask(byName, 'receiver.test')).toMatchObject({ error: null, address: '127.0.0.1' });
    expect((await ask(byName, 'loopback.example.com')).error?.code).toBe(OUTBOUND_REFUSED);
    const byAddress: OutboundPolicy = { allowHosts: ['127.0.0.1'], lookup: dns(ANSWERS) };
    expect(await ask(byAddress, 'loopback.example.com')).toMatchObject({ error: null });
    expect((await ask(byAddress, 'private.example.com')).error?.code).toBe(OUTBOUND_REFUSED);
  });

  it('passes an unknown name on as the resolver said it', async () => {
    const { error } = await ask(strict, 'nowhere.example.com');
    expect(error?.code).toBe('ENOTFOUND');
  });
});

describe('literalHostRefusal (IP hosts, which Node never looks up)', () => {
  it.each([
    ['http://127.0.0.1:6379/', '127.0.0.1', 'a loopback address'],
    ['http://2130706433/', '127.0.0.1', 'a loopback address'],
    ['http://0x7f.1/', '127.0.0.1', 'a loopback address'],
    ['http://127.1/', '127.0.0.1', 'a loopback address'],
    ['http://0/', '0.0.0.0', 'an unspecified address'],
    ['http://10.0.0.5/', '10.0.0.5', 'a private address'],
    ['http://172.16.3.4/', '172.16.3.4', 'a private address'],
    ['http://192.168.0.1/', '192.168.0.1', 'a private address'],
    [
      'http://169.254.169.254/latest/meta-data/',
      '169.254.169.254',
      'a link-local address (this includes cloud metadata services)',
    ],
    ['http://100.100.100.200/', '100.100.100.200', 'a carrier-grade NAT address'],
    ['http://[::1]:8080/', '::1', 'a loopback address'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1', 'a loopback address'],
    ['http://[fe80::1]/', 'fe80::1', 'a link-local address'],
    ['http://[fd00::1]/', 'fd00::1', 'a private address'],
    ['http://[64:ff9b::a00:1]/', '64:ff9b::a00:1', 'a private address'],
  ])('refuses %s', (url, host, words) => {
    expect(literalHostRefusal(new URL(url), strict)).toBe(
      `refused: the host ${host} is ${words}; Waybill calls no internal address unless OUTBOUND_ALLOW_HOSTS names it`,
    );
  });

  it('leaves public addresses, names and allow-listed addresses alone', () => {
    expect(literalHostRefusal(new URL('http://93.184.216.34/'), strict)).toBeNull();
    expect(literalHostRefusal(new URL('http://[2606:4700::1111]/'), strict)).toBeNull();
    expect(literalHostRefusal(new URL('https://api.example.com/'), strict)).toBeNull();
    const loopback: OutboundPolicy = { allowHosts: ['127.0.0.1', '::1'], lookup: dns({}) };
    expect(literalHostRefusal(new URL('http://127.0.0.1:4102/'), loopback)).toBeNull();
    expect(literalHostRefusal(new URL('http://[::1]:4102/'), loopback)).toBeNull();
    expect(literalHostRefusal(new URL('http://127.0.0.2/'), loopback)).not.toBeNull();
  });
});

describe('checkOutboundUrl and resolveOutboundTarget in the words of a base URL', () => {
  const words: UrlWords = {
    url: 'the base URL',
    host: 'the host',
    reach: 'which Waybill does not call',
    credentials: 'enter credentials under Credentials',
    unknown: null,
  };

  it('refuses user:password, other schemes and internal hosts as written', () => {
    expect(checkOutboundUrl('https://u:p@api.example.com/', [], words)).toEqual({
      ok: false,
      reason:
        'the base URL must not contain a user name or password; enter credentials under Credentials',
    });
    expect(checkOutboundUrl('gopher://api.example.com/', [], words)).toMatchObject({ ok: false });
    expect(checkOutboundUrl('http://localhost:4102', [], words)).toEqual({
      ok: false,
      reason: 'the host localhost is a name for this machine, which Waybill does not call',
    });
  });

  it('refuses a name that resolves to an internal address; lets an unknown name pass', async () => {
    expect(
      await resolveOutboundTarget('https://metadata.example.com/', [], dns(ANSWERS), words),
    ).toEqual({
      ok: false,
      reason:
        'refused: the host metadata.example.com resolves to 169.254.169.254, a link-local address (this includes cloud metadata services)',
    });
    expect(
      await resolveOutboundTarget('https://not-yet.example.com/', [], dns(ANSWERS), words),
    ).toMatchObject({ ok: true, addresses: [] });
  });
});

describe('a keep-alive agent with the guarded lookup, against a real server on loopback', () => {
  let server: http.Server;
  let port = 0;
  let seen = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      seen += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function get(
    policy: OutboundPolicy,
  ): Promise<{ status?: number; error?: NodeJS.ErrnoException }> {
    const agent = new http.Agent({ keepAlive: true, lookup: guardedLookup(policy) });
    return new Promise((resolve) => {
      const request = http.get(`http://receiver.test:${port}/`, { agent }, (response) => {
        response.resume();
        response.on('end', () => {
          agent.destroy();
          resolve({ status: response.statusCode });
        });
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        agent.destroy();
        resolve({ error });
      });
    });
  }

  it('never opens a socket to a name that resolves to loopback', async () => {
    const { error } = await get({ allowHosts: [], lookup: dns(ANSWERS) });
    expect(error?.code).toBe(OUTBOUND_REFUSED);
    expect(error?.message).toContain('receiver.test resolves to 127.0.0.1, a loopback address');
    expect(seen).toBe(0);
  });

  it('connects to the checked address when the allow list names it', async () => {
    expect(await get({ allowHosts: ['127.0.0.1'], lookup: dns(ANSWERS) })).toEqual({
      status: 200,
    });
    expect(seen).toBe(1);
  });
});
