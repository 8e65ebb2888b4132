// Helpers for the simulators' own integration tests: a webhook receiver that plays Waybill, an
// admin client and polling. Used by *.integration.test.ts only.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status for the n-th request (1-based); 'hang' never answers. */
  reply: (n: number) => number | 'hang';
  clear(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const state = {
    received: [] as Received[],
    reply: (() => 200) as (n: number) => number | 'hang',
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.received.push({ headers: req.headers, raw: Buffer.concat(chunks), at: Date.now() });
      const status = state.reply(state.received.length);
      if (status !== 'hang') res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    get received() {
      return state.received;
    },
    get reply() {
      return state.reply;
    },
    set reply(fn) {
      state.reply = fn;
    },
    clear() {
      state.received = [];
      state.reply = () => 200;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface AdminReply<T> {
  status: number;
  json: T;
}

/** GET without a payload, POST with one. */
export function adminClient(base: () => string) {
  return async <T>(path: string, payload?: unknown): Promise<AdminReply<T>> => {
    const res = await fetch(`${base()}/_admin/${path}`, {
      method: payload === undefined ? 'GET' : 'POST',
      ...(payload !== undefined && {
        body: JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      }),
    });
    return { status: res.status, json: (await res.json()) as T };
  };
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error('condition not met in time');
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
