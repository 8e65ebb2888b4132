// Starting a node:http server the way every Waybill process does (the receiver, the worker's
// metrics): resolve once it listens, reject on a bind error (port taken), and say where it is.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on host:port (0: any free port); the port and URL it got. */
export async function listenOn(
  server: Server,
  host: string,
  port: number,
): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const name = host.includes(':') ? `[${host}]` : host;
  return { port: bound, url: `http://${name}:${bound}` };
}
