// A transparent HTTP proxy on loopback for tests that must see traffic the simulators do not
// report: which upstream each request went to (a round-robin balancer over receivers) and how
// many exchanges were open at once (in flight between drains and a simulator).
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForwardProxy {
  url: string;
  /** requests forwarded to each upstream, in the order given */
  served(): number[];
  /** the most exchanges open at once; an exchange is open from its request to its answer's end */
  mostInFlight(): number;
  close(): Promise<void>;
}

/** Forwards every request to the upstreams in turn (one upstream: a pass-through). */
export async function forwardProxy(upstreams: string[]): Promise<ForwardProxy> {
  const agent = new Agent({ keepAlive: true });
  const served = upstreams.map(() => 0);
  let next = 0;
  let current = 0;
  let most = 0;
  const server: Server = createServer((req, res) => {
    current += 1;
    most = Math.max(most, current);
    res.once('close', () => (current -= 1));
    const index = next++ % upstreams.length;
    served[index] = (served[index] ?? 0) + 1;
    const target = new URL(upstreams[index] ?? '');
    const forward = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served: () => [...served],
    mostInFlight: () => most,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
