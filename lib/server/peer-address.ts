// Stamps every request this web process receives with the socket's address (PEER_HEADER, behind a
// per-process secret: lib/base/client-address.ts), before Next reads it, so route handlers, server
// actions and next-auth's authorize() can tell the peer from what a client claims. Node publishes
// `http.server.request.start` synchronously just before the server's 'request' event; overwriting
// the header there also removes any PEER_HEADER a client sent.
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { PEER_HEADER, peerHeaderValue } from '@/lib/base/client-address';

const holder = globalThis as unknown as { __waybillPeerStamping?: boolean };

export function stampPeerAddresses(): void {
  if (holder.__waybillPeerStamping) return;
  holder.__waybillPeerStamping = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = peerHeaderValue(socket.remoteAddress);
  });
}
