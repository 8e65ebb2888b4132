// One HTTP/1.1 request written byte for byte: node's client encodes header strings as UTF-8, so a
// test that must send bytes that are not UTF-8 (0xff in a header) writes the request itself.
import net from 'node:net';

export interface RawAnswer {
  status: number;
  body: string;
}

export function rawRequest(
  method: string,
  url: string,
  headers: Record<string, string | Buffer>,
  body: Buffer | string = '',
): Promise<RawAnswer> {
  const target = new URL(url);
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const head = [
    Buffer.from(`${method} ${target.pathname}${target.search} HTTP/1.1\r\n`),
    Buffer.from(
      `host: ${target.host}\r\nconnection: close\r\ncontent-length: ${payload.length}\r\n`,
    ),
    ...Object.entries(headers).map(([name, value]) =>
      Buffer.concat([Buffer.from(`${name}: `), Buffer.from(value), Buffer.from('\r\n')]),
    ),
    Buffer.from('\r\n'),
  ];
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    // a server that answers and closes at once (431 for an oversized head) may reset the socket
    // after its answer arrived: the answer counts
    socket.on('error', (error) =>
      chunks.length ? resolve(parseAnswer(Buffer.concat(chunks))) : reject(error),
    );
    socket.on('end', () => resolve(parseAnswer(Buffer.concat(chunks))));
    // write, not end: a half-closed client socket may be dropped before the answer is written
    socket.write(Buffer.concat([...head, payload]));
  });
}

function parseAnswer(raw: Buffer): RawAnswer {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, split).toString('latin1');
  let body = raw.subarray(split + 4);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  if (/\r\ntransfer-encoding: chunked/i.test(head)) body = dechunk(body);
  return { status, body: body.toString('utf8') };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}
