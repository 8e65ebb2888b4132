// Acceptance: PostgreSQL unreachable -> ingest answers 503 quickly and never 2xx.
// The web app reaches PostgreSQL through a TCP proxy the test controls: refuse, black-hole, heal.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/processes';
import { urlFor } from './support/database';
import { startStack, TEST_SECRETS, type Stack } from './support/stack';
import { sampleOrder, signedOrderWebhook } from './support/webhooks';

type Mode = 'forward' | 'blackhole';

class PgProxy {
  mode: Mode = 'forward';
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(readonly port: number) {}

  async listen(): Promise<void> {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.mode === 'blackhole') return; // accept and never answer
      const upstream = createConnection({ host: '127.0.0.1', port: 5432 });
      this.sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  /** refuse new connections and cut the open ones */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server = null;
  }
}

/** what a deployment would wait: the stack's test default is generous for a loaded box */
const QUICK = { DB_CONNECT_TIMEOUT_MS: '1500', INGEST_DEADLINE_MS: '3000' };

let stack: Stack;
let proxy: PgProxy;
let dbPath: string;

async function send(orderNumber: number) {
  const hook = signedOrderWebhook(sampleOrder(orderNumber), TEST_SECRETS.webhookSecret);
  const started = Date.now();
  const response = await fetch(stack.ingestUrl, {
    method: 'POST',
    body: hook.body,
    headers: hook.headers,
  });
  return {
    status: response.status,
    ms: Date.now() - started,
    body: (await response.json()) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  proxy = new PgProxy(await freePort());
  await proxy.listen();
  // The stack's database is created first; the web app is pointed at it through the proxy.
  stack = await startStack({
    worker: false,
    webEnv: { DATABASE_URL: 'postgresql://placeholder', ...QUICK },
  }).catch(async (e: unknown) => {
    await proxy.close();
    throw e;
  });
});
afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

describe('ledger unavailable', () => {
  it('answers 503 when the database host cannot even be resolved', async () => {
    const result = await send(7000);
    expect(result.status).toBe(503);
    expect(result.body).toMatchObject({ error: 'UNAVAILABLE' });
  });

  it('through a healthy proxy, then refused, then black-holed: 503 quickly, never 2xx', async () => {
    await stack.web.stop();
    dbPath = new URL(stack.env.DATABASE_URL ?? '').pathname.slice(1);
    const { startWeb } = await import('./support/processes');
    const proxied = urlFor(dbPath).replace(':5432', `:${proxy.port}`);
    const web = await startWeb({ ...stack.env, ...QUICK, DATABASE_URL: proxied });
    stack.web = web;
    stack.ingestUrl = `${web.url}/api/ingest/acme/commerce`;

    expect((await send(7001)).status).toBe(202);

    await proxy.close();
    for (const n of [7002, 7003, 7004]) {
      const result = await send(n);
      expect(result.status).toBe(503);
      expect(result.ms).toBeLessThan(4500);
    }

    proxy.mode = 'blackhole';
    await proxy.listen();
    for (const n of [7005, 7006]) {
      const result = await send(n);
      expect(result.status).toBe(503);
      expect(result.ms).toBeLessThan(4500);
    }

    await proxy.close();
    proxy.mode = 'forward';
    await proxy.listen();
    const healed = await send(7007);
    expect(healed.status).toBe(202);

    const recorded = await stack.db.transaction.findMany({
      where: { flowId: stack.flowIds['orders-paid-to-warehouse'] ?? '' },
      select: { businessKey: true },
      orderBy: { businessKey: 'asc' },
    });
    // Only what was answered 202 is in the ledger; nothing answered 503 was half-written.
    expect(recorded.map((r) => r.businessKey)).toEqual(['7001', '7007']);
  });
});
