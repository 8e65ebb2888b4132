import { describe, expect, it } from 'vitest';
import {
  eventLabel,
  operationLabel,
  summarizeJourney,
  type JourneyStepFacts,
} from './order-journey-summary';

const paid = (target: string, operation: string, rest: Partial<JourneyStepFacts> = {}) =>
  ({
    eventType: 'order.paid',
    target,
    operation,
    status: 'completed',
    errorClass: null,
    ...rest,
  }) satisfies JourneyStepFacts;

describe('summarizeJourney', () => {
  it('reads the paid order across its systems in one line', () => {
    const summary = summarizeJourney([
      paid('Warehouse', 'create_fulfilment'),
      paid('ERP', 'create_sales_order', { status: 'failed', errorClass: 'auth' }),
      paid('CRM', 'upsert_customer'),
    ]);
    expect(summary.text).toBe('paid ✓ → Warehouse ✓ → ERP failed (auth) ✗ → CRM ✓');
    expect(summary.segments.map((s) => s.tone)).toEqual(['event', 'ok', 'problem', 'ok']);
  });

  it('names each event that started work once, before what it caused', () => {
    const summary = summarizeJourney([
      paid('Warehouse', 'create_fulfilment'),
      {
        eventType: 'shipment.updated',
        target: 'Storefront',
        operation: 'update_fulfilment',
        status: 'completed',
        errorClass: null,
      },
      paid('CRM', 'upsert_customer', { status: 'waiting_retry', errorClass: 'rate_limited' }),
    ]);
    expect(summary.text).toBe(
      'paid ✓ → Warehouse ✓ → shipped ✓ → Storefront ✓ → CRM retrying (rate limited) ↻',
    );
  });

  it('names the operation when one system is asked for different things', () => {
    const summary = summarizeJourney([
      paid('ERP', 'create_sales_order'),
      {
        eventType: 'payment.succeeded',
        target: 'ERP',
        operation: 'record_payment',
        status: 'needs_review',
        errorClass: 'missing_dependency',
      },
    ]);
    expect(summary.text).toBe(
      'paid ✓ → ERP sales order ✓ → payment received ✓ → ERP payment needs review (missing dependency) ✗',
    );
  });

  it('collapses repeated identical work into one segment', () => {
    const update = {
      eventType: 'shipment.updated',
      target: 'Storefront',
      operation: 'update_fulfilment',
      status: 'completed' as const,
      errorClass: null,
    };
    expect(summarizeJourney([update, update, update]).text).toBe('shipped ✓ → Storefront ✓');
  });

  it('says in words what is still moving, paused or cancelled', () => {
    const summary = summarizeJourney([
      paid('Warehouse', 'create_fulfilment', { status: 'processing' }),
      paid('ERP', 'create_sales_order', { status: 'paused' }),
      paid('CRM', 'upsert_customer', { status: 'cancelled' }),
    ]);
    expect(summary.text).toBe('paid ✓ → Warehouse in progress … → ERP paused ⏸ → CRM cancelled –');
  });

  it('is empty for no steps', () => {
    expect(summarizeJourney([])).toEqual({ text: '', segments: [] });
  });
});

describe('labels', () => {
  it('fall back to the event type in words', () => {
    expect(eventLabel('order.paid')).toBe('paid');
    expect(eventLabel('customer.merged_profile')).toBe('customer merged profile');
  });

  it('drop the verb of an operation', () => {
    expect(operationLabel('create_credit_memo')).toBe('credit memo');
    expect(operationLabel('send_invoice')).toBe('send invoice');
  });
});
