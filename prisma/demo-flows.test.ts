// Every demo mapping, run on a payload shaped like its source system's, produces a command its
// target operation accepts: a seeded demo can never start with a mapping that cannot work.
import { describe, expect, it } from 'vitest';
import { evaluateMapping } from '@/lib/mapping/evaluate';
import { getAdapter } from '@/lib/providers/registry';

const findOperation = (kind: string, operation: string) => getAdapter(kind).operations[operation];
import { DEMO_FLOWS } from './demo-flows';

const order = {
  id: 820_000_001_047,
  order_number: 1047,
  email: 'lars.devries+1047@example.com',
  currency: 'EUR',
  total_price: '263.40',
  updated_at: '2026-11-23T09:15:00Z',
  customer: { full_name: 'Lars de Vries' },
  shipping_address: {
    name: 'Lars de Vries',
    address1: 'Keizersgracht 1',
    city: 'Amsterdam',
    zip: '1017 AB',
    country_code: 'NL',
  },
  line_items: [
    { id: 1, sku: 'TENT-2P-GRN', title: 'Tent', quantity: 1, price: '249.00' },
    { id: 2, sku: 'SLP-MAT-R4', title: 'Mat', quantity: 2, price: '7.20' },
  ],
};

const PAYLOADS: Record<string, unknown> = {
  'order.paid': order,
  'refund.created': {
    id: 9001,
    order_id: order.id,
    order_number: 1047,
    amount: '12.00',
    currency: 'EUR',
    created_at: '2026-11-23T10:00:00Z',
  },
  'payment.succeeded': {
    id: 'evt_1',
    type: 'payment_intent.succeeded',
    data: {
      object: {
        id: 'pi_1',
        amount: 26340,
        currency: 'eur',
        metadata: { order_id: String(order.id), order_number: '1047' },
      },
    },
  },
  'shipment.updated': {
    type: 'fulfilment.status_changed',
    timestamp: '2026-11-23T11:00:00Z',
    data: {
      fulfilment: {
        id: 'FUL-000001',
        reference: `order-${order.id}`,
        order_number: '1047',
        status: 'SENT',
        tracking_number: 'TRK123',
        carrier: 'DHL',
      },
    },
  },
  'inventory.exported': {
    export_id: 'INV-000001',
    generated_at: '2026-11-23T06:00:00Z',
    items: [
      { sku: 'TENT-2P-GRN', on_hand: 12 },
      { sku: 'SLP-MAT-R4', on_hand: 0 },
    ],
  },
};

describe('demo flow mappings', () => {
  it.each(DEMO_FLOWS.map((f) => [f.key, f] as const))(
    '%s maps its source payload',
    async (_key, flow) => {
      const operation = findOperation(flow.target, flow.operation);
      expect(operation, `${flow.target} has ${flow.operation}`).toBeDefined();
      const result = await evaluateMapping(
        { id: `test-${flow.key}`, expression: flow.expression },
        PAYLOADS[flow.eventType],
        operation!.input,
      );
      expect(result).toMatchObject({ ok: true });
    },
  );

  it('splits a guest checkout name for the CRM and keeps the order number as its reference', async () => {
    const flow = DEMO_FLOWS.find((f) => f.key === 'orders-paid-to-crm')!;
    const result = await evaluateMapping(
      { id: 'crm-split', expression: flow.expression },
      order,
      findOperation('crm', 'upsert_customer')!.input,
    );
    expect(result).toMatchObject({
      ok: true,
      command: { givenName: 'Lars', familyName: 'de Vries', externalRef: '1047' },
    });
  });

  it('turns a shipment into the storefront order id, tracking number and state', async () => {
    const flow = DEMO_FLOWS.find((f) => f.key === 'shipments-to-commerce')!;
    const result = await evaluateMapping(
      { id: 'ship', expression: flow.expression },
      PAYLOADS['shipment.updated'],
      findOperation('commerce', 'update_fulfilment')!.input,
    );
    expect(result).toMatchObject({
      ok: true,
      command: {
        orderId: String(order.id),
        reference: 'FUL-000001',
        trackingNumber: 'TRK123',
        state: 'shipped',
      },
    });
  });
});
