// A webhook receiver for alert tests: a node:http server on a free port that records every
// delivery (headers and parsed JSON body). `down()` makes it answer 503 until `up()`, the way a
// receiver that is deploying or broken would; `close()` stops it.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AlertDelivery {
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
  receivedAt: Date;
}

export interface AlertReceiver {
  url: string;
  deliveries: AlertDelivery[];
  /** answered with 503 (not recorded) */
  refused: number;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startAlertReceiver(): Promise<AlertReceiver> {
  let available = true;
  const receiver = {
    url: '',
    deliveries: [] as AlertDelivery[],
    refused: 0,
    down: () => void (available = false),
    up: () => void (available = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!available) {
        receiver.refused += 1;
        res.writeHead(503).end('down');
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // recorded as is: a test can assert on `raw`
      }
      receiver.deliveries.push({ headers: req.headers, raw, body, receivedAt: new Date() });
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  return receiver;
}
