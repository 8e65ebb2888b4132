// The operators' endpoints of the built web app (docs/security.md, "Who can reach what"): liveness
// and the readiness status are public; readiness details and /api/metrics need the bearer
// METRICS_TOKEN; a server without one answers /api/metrics with 404.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, startWeb, waitFor, type Proc } from './support/processes';
import { startStack, type Stack } from './support/stack';

const TOKEN = randomBytes(24).toString('hex');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let stack: Stack;
/** a second web process on the same ledger, started without METRICS_TOKEN */
let tokenless: Proc & { url: string };

beforeAll(async () => {
  stack = await startStack({ worker: false, webEnv: { METRICS_TOKEN: TOKEN } });
  tokenless = await startWeb({ ...stack.env, METRICS_TOKEN: '' });
  // a fresh process connects to Redis on its first request: ready a moment later
  for (const url of [stack.web.url, tokenless.url])
    await waitFor('web ready', async () => (await fetch(`${url}/api/health`)).ok, 30_000);
});
afterAll(async () => {
  await tokenless?.stop();
  await stack?.stop();
});

describe('liveness', () => {
  it('answers 200 to anyone, with nothing but its status', async () => {
    for (const url of [stack.web.url, tokenless.url]) {
      const response = await fetch(`${url}/api/health?probe=live`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'live' });
    }
  });
});

describe('/api/metrics', () => {
  it('answers 401 without the token, and with a wrong one', async () => {
    const none = await fetch(`${stack.web.url}/api/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await none.text()).not.toContain('waybill_');
    const wrong = await fetch(`${stack.web.url}/api/metrics`, { headers: bearer(`${TOKEN}0`) });
    expect(wrong.status).toBe(401);
    const query = await fetch(`${stack.web.url}/api/metrics?token=${TOKEN}`);
    expect(query.status).toBe(401);
  });

  it('answers 200 with Prometheus text to the bearer of METRICS_TOKEN', async () => {
    const response = await fetch(`${stack.web.url}/api/metrics`, { headers: bearer(TOKEN) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('# TYPE waybill_ingest_requests_total counter');
    expect(text).toContain('waybill_process_cpu_seconds_total');
  });

  it('answers 404 on a server without METRICS_TOKEN, token or not', async () => {
    expect((await fetch(`${tokenless.url}/api/metrics`)).status).toBe(404);
    const sent = await fetch(`${tokenless.url}/api/metrics`, { headers: bearer(TOKEN) });
    expect(sent.status).toBe(404);
  });
});

describe('readiness', () => {
  it('tells anyone whether it is ready, and only the bearer of the token why', async () => {
    for (const url of [stack.web.url, tokenless.url]) {
      const anyone = await fetch(`${url}/api/health`);
      expect(anyone.status).toBe(200);
      expect(await anyone.json()).toEqual({ status: 'ready' });
    }
    const operator = await fetch(`${stack.web.url}/api/health`, { headers: bearer(TOKEN) });
    expect(operator.status).toBe(200);
    expect(await operator.json()).toMatchObject({
      status: 'ready',
      ok: true,
      checks: { database: { ok: true }, redis: { ok: true } },
    });
    const wrong = await fetch(`${stack.web.url}/api/health`, { headers: bearer('nope') });
    expect(wrong.status).toBe(401);
  });

  it('answers 503 while Redis is down, naming the failing check to the operator only', async () => {
    const port = stack.redis.port;
    await stack.redis.proc.stop();
    try {
      const anyone = await fetch(`${stack.web.url}/api/health`);
      expect(anyone.status).toBe(503);
      expect(await anyone.json()).toEqual({ status: 'unavailable' });
      const operator = await fetch(`${stack.web.url}/api/health`, { headers: bearer(TOKEN) });
      expect(operator.status).toBe(503);
      expect(await operator.json()).toMatchObject({
        status: 'unavailable',
        checks: {
          database: { ok: true },
          redis: { ok: false, error: expect.any(String) as unknown },
        },
      });
    } finally {
      stack.redis = await startRedis(port);
    }
  });
});
