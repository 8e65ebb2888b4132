// callProvider against a real HTTP server on loopback: what every adapter's commands go through.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callProvider, MAX_RESPONSE_BYTES, retryAfterMs } from './http';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: number;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];
const sockets = new WeakMap<object, number>();
let nextSocket = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, nextSocket++);
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        socket: sockets.get(req.socket) ?? -1,
      });
      const path = req.url ?? '';
      if (path === '/json') {
        res.writeHead(201, { 'content-type': 'application/json', 'x-trace': 'a' });
        res.end(JSON.stringify({ id: 'FUL-1', name: 'Zoë' }));
      } else if (path === '/text') {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('bad gateway');
      } else if (path === '/busy') {
        res.writeHead(429, { 'retry-after': '7' });
        res.end();
      } else if (path === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('x'.repeat(20_000));
      } else if (path === '/huge') {
        // 2 MiB in chunks with no length announced: the reader must stop on its own count
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'y'.repeat(64 * 1024);
        for (let i = 0; i < 32; i++) res.write(chunk);
        res.end();
      } else if (path === '/huge-declared') {
        // announces 2 MiB, sends a little and waits: refused on the header, not after a wait
        res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
        res.write('z'.repeat(1000));
      } else if (path === '/slow') {
        setTimeout(() => res.end('{}'), 500);
      } else if (path === '/half') {
        // headers at once, the body never: the deadline covers reading the answer too
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
      } else if (path === '/redirect') {
        res.writeHead(302, { location: '/json' });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('callProvider', () => {
  it('sends the JSON body with its headers and reads a JSON answer', async () => {
    const attempt = await callProvider('POST', `${base}/json`, {
      headers: { 'idempotency-key': 'k-1', authorization: 'Bearer s' },
      body: { order: 'ü-1047' },
      timeoutMs: 2000,
    });
    expect(attempt.ok).toBe(true);
    if (!attempt.ok) return;
    expect(attempt.result.status).toBe(201);
    expect(attempt.result.body).toEqual({ id: 'FUL-1', name: 'Zoë' });
    expect(attempt.result.headers.get('X-Trace')).toBe('a');
    expect(attempt.result.headers.get('x-missing')).toBeNull();
    expect(attempt.result.exchange).toMatchObject({ method: 'POST', status: 201 });
    const request = seen.at(-1);
    if (!request) throw new Error('the server saw no request');
    expect(request.body).toBe('{"order":"ü-1047"}');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(request.body)));
    expect(request.headers['idempotency-key']).toBe('k-1');
    expect(request.headers.accept).toBe('application/json');
  });

  it('sends no body and no content type on a GET', async () => {
    await callProvider('GET', `${base}/json`, { timeoutMs: 2000 });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', body: '' });
    expect(seen.at(-1)?.headers['content-type']).toBeUndefined();
  });

  it('keeps a non-JSON answer as text and reports its status', async () => {
    const attempt = await callProvider('GET', `${base}/text`, { timeoutMs: 2000 });
    expect(attempt.ok && attempt.result).toMatchObject({ status: 502, body: 'bad gateway' });
  });

  it('reads Retry-After from the answer', async () => {
    const attempt = await callProvider('POST', `${base}/busy`, { body: {}, timeoutMs: 2000 });
    if (!attempt.ok) throw new Error('expected an answer');
    expect(attempt.result.status).toBe(429);
    expect(attempt.result.body).toBeNull();
    expect(retryAfterMs(attempt.result.headers)).toBe(7000);
  });

  it('captures at most 8 KB of a large answer in the exchange', async () => {
    const attempt = await callProvider('GET', `${base}/big`, { timeoutMs: 2000 });
    if (!attempt.ok) throw new Error('expected an answer');
    expect(attempt.result.text).toHaveLength(20_000);
    expect(attempt.result.exchange.responseBody).toEqual({
      truncated: true,
      head: 'x'.repeat(8 * 1024),
    });
  });

  it('stops reading an answer past 1 MiB and says so (the 8 KB capture aside)', async () => {
    expect(MAX_RESPONSE_BYTES).toBe(1024 * 1024);
    for (const path of ['/huge', '/huge-declared']) {
      const started = Date.now();
      const attempt = await callProvider('GET', `${base}${path}`, { timeoutMs: 5000 });
      expect(attempt, path).toMatchObject({
        ok: false,
        errorClass: 'contract_mismatch',
        message: 'the answer is larger than 1 MiB; Waybill stopped reading it',
        exchange: { status: null, responseBody: null },
      });
      expect(Date.now() - started, path).toBeLessThan(4000);
    }
    // the pool still answers afterwards
    const next = await callProvider('GET', `${base}/json`, { timeoutMs: 2000 });
    expect(next.ok && next.result.status).toBe(201);
  });

  it('does not follow a redirect', async () => {
    const attempt = await callProvider('POST', `${base}/redirect`, { body: {}, timeoutMs: 2000 });
    expect(attempt.ok && attempt.result.status).toBe(302);
  });

  it('classifies no answer within the deadline as timeout', async () => {
    const attempt = await callProvider('POST', `${base}/slow`, { body: {}, timeoutMs: 100 });
    expect(attempt).toMatchObject({ ok: false, errorClass: 'timeout' });
    if (!attempt.ok) expect(attempt.message).toBe('no answer within 100 ms');
  });

  it('classifies a body that stops arriving as timeout, not as an outage', async () => {
    const attempt = await callProvider('GET', `${base}/half`, { timeoutMs: 150 });
    expect(attempt).toMatchObject({ ok: false, errorClass: 'timeout' });
  });

  it('classifies a refused connection as provider_outage with the reason', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const attempt = await callProvider('POST', `http://127.0.0.1:${port}/x`, {
      body: {},
      timeoutMs: 2000,
    });
    expect(attempt).toMatchObject({ ok: false, errorClass: 'provider_outage' });
    if (!attempt.ok) expect(attempt.message).toMatch(/^cannot reach provider: .*ECONNREFUSED/);
  });

  it('refuses a scheme other than http and https without sending anything', async () => {
    const attempt = await callProvider('GET', 'ftp://127.0.0.1/x', { timeoutMs: 2000 });
    expect(attempt).toMatchObject({ ok: false, errorClass: 'provider_outage' });
  });

  it('reuses connections across sequential calls (keep-alive)', async () => {
    const from = seen.length;
    for (let i = 0; i < 5; i++) await callProvider('GET', `${base}/json`, { timeoutMs: 2000 });
    const used = new Set(seen.slice(from).map((s) => s.socket));
    expect(used.size).toBe(1);
  });
});

describe('callProvider on pooled connections a server closes', () => {
  /** per connection, the requests that reached the server; the connection's close, if any */
  const arrivals: { requests: number; closed: boolean }[] = [];
  let staleServer: http.Server;
  let staleBase: string;

  beforeAll(async () => {
    staleServer = http.createServer((req, res) => {
      const socket = req.socket as typeof req.socket & { connection?: number };
      socket.connection ??= arrivals.push({ requests: 0, closed: false }) - 1;
      const seenOn = arrivals[socket.connection];
      if (!seenOn) throw new Error('unreachable');
      seenOn.requests += 1;
      req.resume();
      // /drop-second: the server closes the connection as a second request arrives on it, as a
      // server timing an idle connection out does; /drop-first: it closes a fresh one
      const drop =
        (req.url === '/drop-second' && seenOn.requests === 2) || req.url === '/drop-first';
      if (drop) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    staleServer.on('connection', (socket) =>
      socket.on('close', () => {
        const id = (socket as typeof socket & { connection?: number }).connection;
        const closed = id === undefined ? undefined : arrivals[id];
        if (closed) closed.closed = true;
      }),
    );
    // announced to clients as `Keep-Alive: timeout=2`
    staleServer.keepAliveTimeout = 2000;
    await new Promise<void>((resolve) => staleServer.listen(0, '127.0.0.1', resolve));
    staleBase = `http://127.0.0.1:${(staleServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    staleServer.closeAllConnections();
    await new Promise((resolve) => staleServer.close(resolve));
  });

  it('sends again on a new connection when a reused one is closed under the request', async () => {
    const from = arrivals.length;
    const first = await callProvider('POST', `${staleBase}/drop-second`, {
      body: { n: 1 },
      timeoutMs: 2000,
    });
    expect(first.ok).toBe(true);
    const second = await callProvider('POST', `${staleBase}/drop-second`, {
      body: { n: 2 },
      timeoutMs: 2000,
    });
    expect(second).toMatchObject({ ok: true, result: { status: 200 } });
    // the second call reached the server twice: on the reused connection, then on a new one
    expect(arrivals.slice(from).map((a) => a.requests)).toEqual([2, 1]);
  });

  it('does not send again when a new connection is closed: that is an outage', async () => {
    const from = arrivals.length;
    const attempt = await callProvider('POST', `${staleBase}/drop-first`, {
      body: { n: 3 },
      timeoutMs: 2000,
    });
    expect(attempt).toMatchObject({ ok: false, errorClass: 'provider_outage' });
    expect(arrivals.slice(from).map((a) => a.requests)).toEqual([1]);
  });

  it("closes an idle connection itself a second before the server's keep-alive hint", async () => {
    const from = arrivals.length;
    expect((await callProvider('GET', `${staleBase}/ok`, { timeoutMs: 2000 })).ok).toBe(true);
    // the server would close it at 2 s; the client's pool closes it at 1 s
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(arrivals.slice(from)).toEqual([{ requests: 1, closed: true }]);
    expect((await callProvider('GET', `${staleBase}/ok`, { timeoutMs: 2000 })).ok).toBe(true);
    expect(arrivals.slice(from).map((a) => a.requests)).toEqual([1, 1]);
  });
});
