// The worker's operations endpoint follows the web app's rules (docs/security.md): metrics only
// with the token, liveness public, readiness status public and its details with the token.
import { afterEach, describe, expect, it } from 'vitest';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import type { Readiness } from './readiness';

const TOKEN = 'a-metrics-token-of-at-least-24-chars';
const ready: Readiness = {
  ok: true,
  checks: {
    database: { ok: true, ms: 1 },
    redis: { ok: true, ms: 1 },
    workers: { ok: true, ms: 0 },
  },
};
let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(token: string | undefined, readiness: Readiness = ready) {
  server = await startMetricsServer({
    host: '127.0.0.1',
    port: 0,
    token,
    render: () =>
      Promise.resolve(
        '# HELP waybill_x_total x\n# TYPE waybill_x_total counter\nwaybill_x_total 1\n',
      ),
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
    readiness: () => Promise.resolve(readiness),
  });
  return server.url;
}
const get = (url: string, token?: string) =>
  fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('worker metrics server', () => {
  it('serves /metrics with the token only', async () => {
    const url = await start(TOKEN);
    const granted = await get(`${url}/metrics`, TOKEN);
    expect(granted.status).toBe(200);
    expect(granted.headers.get('content-type')).toContain('text/plain');
    expect(await granted.text()).toContain('waybill_x_total 1');
    const missing = await get(`${url}/metrics`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect((await get(`${url}/metrics`, 'not-the-token-but-long-enough')).status).toBe(401);
  });

  it('answers 404 for /metrics while no token is configured', async () => {
    const url = await start(undefined);
    expect((await get(`${url}/metrics`)).status).toBe(404);
    expect((await get(`${url}/health?probe=live`)).status).toBe(200);
  });

  it('tells readiness to anyone and its details to the token holder', async () => {
    const url = await start(TOKEN, {
      ok: false,
      checks: { ...ready.checks, redis: { ok: false, ms: 2000, error: 'no answer in 2000 ms' } },
    });
    expect(await (await get(`${url}/health?probe=live`)).json()).toEqual({ status: 'live' });
    const bare = await get(`${url}/health`);
    expect(bare.status).toBe(503);
    expect(await bare.json()).toEqual({ status: 'unavailable' });
    const detailed = await get(`${url}/health`, TOKEN);
    expect(detailed.status).toBe(503);
    expect(await detailed.json()).toMatchObject({
      status: 'unavailable',
      checks: { redis: { ok: false, error: 'no answer in 2000 ms' } },
    });
    expect((await get(`${url}/health`, 'a-wrong-token-of-enough-length')).status).toBe(401);
  });

  it('knows no other path or method', async () => {
    const url = await start(TOKEN);
    expect((await get(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
