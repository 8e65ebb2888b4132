// A tiny real HTTP server for adapter unit tests: answers from a route table, records every
// request it got. Real sockets (not a mocked fetch) so timeouts, headers and bodies behave as they
// do against a provider.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ProviderContext } from '@/lib/providers/port';

export interface StubRequest {
  method: string;
  /** path and query, e.g. /api/v1/sales-orders?external_ref=1001 */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type StubAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string>; raw?: string }
  /** never answer (the client's timeout fires) */
  | 'hang';

export type StubHandler = (req: StubRequest) => StubAnswer;

export interface ProviderStub {
  url: string;
  requests: StubRequest[];
  /** route key "METHOD /path" (query ignored) -> handler; replaced per test */
  routes: Map<string, StubHandler>;
  on(method: string, path: string, answer: StubAnswer | StubHandler): void;
  close(): Promise<void>;
}

export async function startProviderStub(): Promise<ProviderStub> {
  const requests: StubRequest[] = [];
  const routes = new Map<string, StubHandler>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: StubRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
      requests.push(request);
      const path = request.url.split('?')[0] ?? '/';
      const handler = routes.get(`${request.method} ${path}`);
      const answer = handler
        ? handler(request)
        : { status: 404, body: { error: 'no stub route', route: `${request.method} ${path}` } };
      if (answer === 'hang') return;
      const raw = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    routes,
    on(method, path, answer) {
      routes.set(`${method} ${path}`, typeof answer === 'function' ? answer : () => answer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests keep their sockets open; close() alone would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One stub per suite, emptied before each test, with the adapter context pointing at it. Read
 * `suite.stub` and `suite.ctx` inside tests (they exist once the suite has started).
 */
export function useProviderStub(
  credentials: Record<string, string>,
  options: { timeoutMs?: number; trailingSlash?: boolean } = {},
): { readonly stub: ProviderStub; readonly ctx: ProviderContext } {
  let stub: ProviderStub | undefined;
  let ctx: ProviderContext | undefined;
  beforeAll(async () => {
    stub = await startProviderStub();
    ctx = {
      baseUrl: options.trailingSlash ? `${stub.url}/` : stub.url,
      credentials,
      timeoutMs: options.timeoutMs ?? 200,
    };
  });
  afterAll(() => stub?.close());
  beforeEach(() => {
    if (!stub) return;
    stub.requests.length = 0;
    stub.routes.clear();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the provider stub has not started yet');
    return value;
  };
  return {
    get stub() {
      return started(stub);
    },
    get ctx() {
      return started(ctx);
    },
  };
}
