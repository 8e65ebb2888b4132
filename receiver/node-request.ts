// node:http's request as the ingest core reads it (lib/ingest/ingest-delivery.ts): the headers as
// Next hands them to a route (so signatures, stored headers and the UTF-8 check see the same
// values), the client's address from the socket, the body read with readBodyLimited's bounds.
import type { IncomingMessage } from 'node:http';
import { PEER_HEADER, clientAddressOf, peerHeaderValue } from '@/lib/base/client-address';
import type { BodyRead } from '@/lib/ingest/ingest-delivery';

/** Node's header object into Web Headers, value for value as Next does (fromNodeOutgoingHttpHeaders). */
export function webHeadersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    // the web process overwrites a client's PEER_HEADER with its own stamp; here the socket is at
    // hand, so a client's claim is simply dropped
    if (value === undefined || name === PEER_HEADER) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.append(name, value);
  }
  return headers;
}

/** The client's address: the socket's peer, or X-Forwarded-For as far as TRUSTED_PROXY_HOPS say. */
export function addressOf(request: IncomingMessage, headers: Headers, trustedHops: number): string {
  const peer = peerHeaderValue(request.socket.remoteAddress);
  return clientAddressOf((n) => (n === PEER_HEADER ? peer : headers.get(n)), trustedHops);
}

/**
 * lib/http/read-body.ts for a node:http request, with the same answers: a declared Content-Length
 * over the limit is refused without reading a byte; otherwise bytes are kept until the limit, and
 * the chunk that passes it ends the read (`body` holds what came before it, `size` counts it too).
 * What the sender still sends is read and dropped (never kept), so the answer can go out at once
 * and the connection stays usable; the server's requestTimeout bounds a sender that never stops.
 */
export function readNodeBodyLimited(request: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  // Unread, node:http drops the body itself once the answer is sent.
  if (Number.isFinite(declared) && declared > limit)
    return Promise.resolve({ body: Buffer.alloc(0), size: declared, tooLarge: true });
  if (request.readableEnded)
    return Promise.resolve({ body: Buffer.alloc(0), size: 0, tooLarge: false });
  if (request.destroyed) return Promise.reject(new Error('the client closed the request'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        // the stream keeps flowing without a listener: the rest is dropped as it arrives
        stop();
        resolve({ body: Buffer.concat(chunks), size, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve({ body: Buffer.concat(chunks, size), size, tooLarge: false });
    };
    const onGone = (error?: Error) => {
      stop();
      reject(error ?? new Error('the client closed the request'));
    };
    const onClose = () => {
      if (!request.complete) onGone();
    };
    function stop() {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onGone);
      request.off('close', onClose);
    }
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onGone);
    request.on('close', onClose);
  });
}
