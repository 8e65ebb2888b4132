import { describe, expect, it } from 'vitest';
import { extractPayloads } from './transaction-payloads';
import type { TimelineFactLike } from './timeline-facts';

const inbound = { body: { order_number: 1047 }, headers: { 'content-type': 'application/json' } };
let seq = 0;
const fact = (type: string, data: unknown): TimelineFactLike => ({
  id: String((seq += 1)),
  kind: 'command',
  type,
  data,
  occurredAt: new Date(Date.UTC(2026, 0, 5, 9, 0, seq)).toISOString(),
});

describe('extractPayloads', () => {
  it('shows only the inbound event before anything was sent', () => {
    expect(extractPayloads(inbound, [fact('inbound.accepted', { topic: 'orders/paid' })])).toEqual({
      inbound,
      canonical: null,
      outbound: null,
      response: null,
    });
  });

  it('takes the latest command and the latest provider answer', () => {
    const payloads = extractPayloads(inbound, [
      fact('command.sent', { attempt: 1, method: 'POST', url: 'http://wms/v1', request: { n: 1 } }),
      fact('provider.failed', { status: 503, durationMs: 900, response: { error: 'down' } }),
      fact('command.sent', {
        attempt: 2,
        method: 'POST',
        url: 'http://wms/v1/fulfilments',
        idempotencyKey: 'k-1',
        request: { order: '1047' },
      }),
      fact('provider.accepted', { status: 201, durationMs: 80, response: { id: 'FUL-1' } }),
      fact('status.changed', null),
    ]);
    expect(payloads.canonical).toEqual({ order: '1047' });
    expect(payloads.outbound).toMatchObject({
      method: 'POST',
      url: 'http://wms/v1/fulfilments',
      idempotencyKey: 'k-1',
      attempt: 2,
      body: { order: '1047' },
    });
    expect(payloads.response).toMatchObject({
      type: 'provider.accepted',
      status: 201,
      durationMs: 80,
      body: { id: 'FUL-1' },
    });
  });

  it('tolerates facts recorded without the expected fields', () => {
    const payloads = extractPayloads(inbound, [
      fact('command.sent', 'not an object'),
      fact('provider.failed', null),
    ]);
    expect(payloads.canonical).toBeNull();
    expect(payloads.outbound).toMatchObject({ method: null, url: null, body: null });
    expect(payloads.response).toMatchObject({ status: null, body: null });
  });
});
