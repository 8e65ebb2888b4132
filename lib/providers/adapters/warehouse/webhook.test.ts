import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { warehouseWebhook } from './webhook';

const source = warehouseWebhook;
const SECRET = `whsec_${createHash('sha256').update('warehouse-unit').digest('base64')}`;
const MSG_ID = 'msg_9f3c2a';

const fulfilment = (status: string, patch: Record<string, unknown> = {}) => ({
  id: 'F-000042',
  reference: 'wb-1047',
  order_number: '1047',
  status,
  tracking_number: null,
  carrier: null,
  error_reason: null,
  created_at: '2025-06-01T12:00:00.000Z',
  updated_at: '2025-06-01T12:03:00.000Z',
  lines: [{ sku: 'SKU-1', quantity: 1 }],
  ...patch,
});
/** The message the warehouse sends when a fulfilment changes status. */
const statusChanged = (f: unknown) => ({
  type: 'fulfilment.status_changed',
  timestamp: '2025-06-01T12:03:00.000Z',
  data: { fulfilment: f },
});

function parse(body: unknown, headers = new Headers({ 'webhook-id': MSG_ID })) {
  const raw = JSON.stringify(body);
  return source.parse(Buffer.from(raw), JSON.parse(raw), headers);
}

describe('warehouse webhook verify', () => {
  const raw = JSON.stringify(statusChanged(fulfilment('SENT')));
  const now = new Date();

  function signed(payload = raw, at = now) {
    const signature = new Webhook(SECRET).sign(MSG_ID, at, payload);
    return new Headers({
      'webhook-id': MSG_ID,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    });
  }

  it('redacts the signature header', () => {
    expect(source.secretHeaders).toEqual(['webhook-signature']);
  });

  it('accepts headers made by the standardwebhooks library', () => {
    expect(source.verify(Buffer.from(raw), signed(), [SECRET], now)).toBe('valid');
  });

  it('refuses a changed body and a stale signature', () => {
    const tampered = Buffer.from(raw.replace('SENT', 'COMPLETE'));
    expect(source.verify(tampered, signed(), [SECRET], now)).toBe('invalid');
    const stale = signed(raw, new Date(now.getTime() - 301_000));
    expect(source.verify(Buffer.from(raw), stale, [SECRET], now)).toBe('invalid');
  });

  it('reports a request without webhook-signature as missing', () => {
    const headers = signed();
    headers.delete('webhook-signature');
    expect(source.verify(Buffer.from(raw), headers, [SECRET], now)).toBe('missing');
  });
});

describe('warehouse webhook parse', () => {
  it('reads a status change as shipment.updated on the fulfilment, keyed by the order', () => {
    const body = statusChanged(fulfilment('SENT', { tracking_number: 'TRK1', carrier: 'DHL' }));
    expect(parse(body)).toEqual({
      ok: true,
      webhook: {
        providerEventId: MSG_ID,
        topic: 'fulfilment.status_changed',
        eventType: 'shipment.updated',
        objects: [
          {
            sourceObjectId: 'F-000042',
            businessKey: '1047',
            payload: body,
            stateKey: 'SENT',
            sequence: 4,
          },
        ],
      },
    });
  });

  it.each([
    ['CREATED', 1],
    ['QUEUED', 2],
    ['PROCESSING', 3],
    ['SENT', 4],
    ['ACKNOWLEDGED', 5],
    ['COMPLETE', 6],
    ['ERROR', 6],
  ])('ranks %s as %i', (status, rank) => {
    const result = parse(statusChanged(fulfilment(status)));
    expect(result.ok && result.webhook.objects[0]?.sequence).toBe(rank);
  });

  it('keeps an unknown status without a rank (recorded, left to the status table)', () => {
    const result = parse(statusChanged(fulfilment('ON_HOLD')));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.webhook.eventType).toBe('shipment.updated');
      expect(result.webhook.objects[0]).not.toHaveProperty('sequence');
    }
  });

  it('records other message types and ignores them', () => {
    expect(parse({ type: 'inventory.adjusted', data: { sku: 'SKU-1' } })).toEqual({
      ok: true,
      webhook: {
        providerEventId: MSG_ID,
        topic: 'inventory.adjusted',
        eventType: null,
        objects: [],
      },
    });
  });

  it('refuses a message without webhook-id', () => {
    expect(parse(statusChanged(fulfilment('SENT')), new Headers())).toEqual({
      ok: false,
      reason: 'missing webhook-id header',
    });
  });

  it.each<[string, unknown, string]>([
    ['a JSON array', [], 'payload is not a webhook message'],
    ['a message without a type', { data: {} }, 'payload is not a webhook message: type'],
    [
      'a status change without a fulfilment',
      { type: 'fulfilment.status_changed', data: {} },
      'fulfilment.status_changed carries no usable fulfilment: fulfilment',
    ],
    [
      'a fulfilment without an id',
      statusChanged(fulfilment('SENT', { id: undefined })),
      'fulfilment.id',
    ],
    [
      'a fulfilment without an order number',
      statusChanged(fulfilment('SENT', { order_number: null })),
      'fulfilment.order_number',
    ],
    [
      'a fulfilment without a status',
      statusChanged(fulfilment('SENT', { status: undefined })),
      'fulfilment.status',
    ],
  ])('refuses %s with a reason', (_label, body, reason) => {
    const result = parse(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
