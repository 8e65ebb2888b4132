// Acceptance: 200 signed order webhooks of which 50 are redeliveries -> exactly 150 transactions
// per fan-out flow, exactly 150 fulfilments at the warehouse (its own side-effect log), 50
// duplicates recorded (and one more per retry of a delivery answered 503 after its write committed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminJson, commerceIdle, createOrders, warehouseEffects } from './support/sims';
import { waitFor } from './support/processes';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('ledger-first ingest, end to end', () => {
  it('turns 150 paid orders plus 50 redeliveries into exactly 150 transactions and 150 fulfilments', async () => {
    const orders = await createOrders(stack.commerce.url, 150);
    await waitFor('first deliveries', () => commerceIdle(stack.commerce.url), 60_000);
    const redeliver = orders.slice(0, 50).map((o) => o.order_number);
    expect(await adminJson(stack.commerce.url, 'redeliver', { orderNumbers: redeliver })).toEqual({
      redelivered: 50,
    });
    await waitFor('redeliveries', () => commerceIdle(stack.commerce.url), 60_000);

    const deliveries = await adminJson<{ status: number }[]>(stack.commerce.url, 'deliveries');
    expect(deliveries.filter((d) => d.status >= 200 && d.status < 300)).toHaveLength(200);

    const fanOut = ['orders-paid-to-warehouse', 'orders-paid-to-erp', 'orders-paid-to-crm'];
    await waitFor(
      'all transactions completed',
      async () => {
        const done = await Promise.all(fanOut.map((f) => stack.count(f, { status: 'completed' })));
        return done.every((n) => n === 150);
      },
      90_000,
    );
    for (const flow of fanOut) expect(await stack.count(flow)).toBe(150);
    const commerceId = stack.connectionIds.commerce ?? '';
    expect(
      await stack.db.inboundEvent.count({
        where: { status: 'accepted', connectionId: commerceId },
      }),
    ).toBe(150);
    // Each redelivery is recorded as a duplicate. So is the retry of a delivery whose write
    // committed after the receiver's deadline had answered 503 (a loaded box): one per delivery
    // answered otherwise than 2xx at most, and none on a quiet one.
    const failedAttempts = deliveries.filter((d) => d.status < 200 || d.status >= 300).length;
    const duplicates = await stack.db.inboundEvent.count({
      where: { status: 'duplicate', connectionId: commerceId },
    });
    expect(duplicates).toBeGreaterThanOrEqual(50);
    expect(duplicates).toBeLessThanOrEqual(50 + failedAttempts);

    const effects = (await warehouseEffects(stack.warehouse.url)).filter(
      (e) => e.kind === 'fulfilment.created',
    );
    expect(effects).toHaveLength(150);
    expect(new Set(effects.map((e) => e.reference)).size).toBe(150);
    expect(new Set(effects.map((e) => e.reference))).toEqual(
      new Set(orders.map((o) => `order-${o.id}`)),
    );
  });

  it('records the journey on each timeline and the outbox drains', async () => {
    const txn = await stack.db.transaction.findFirstOrThrow({
      where: { status: 'completed', flowId: stack.flowIds['orders-paid-to-warehouse'] ?? '' },
      include: { timeline: { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] } },
    });
    expect(txn.timeline.map((e) => e.type)).toEqual([
      'inbound.accepted',
      'command.sent',
      'provider.accepted',
      'status.changed',
    ]);
    expect(txn.timeline.at(-1)).toMatchObject({ fromStatus: 'received', toStatus: 'completed' });
    expect((txn.externalRefs as Record<string, string>).warehouse).toMatch(/^FUL-\d+$/);
    await stack.quiet();
  });

  it('answers a duplicate with 2xx and links it to the original delivery', async () => {
    const duplicate = await stack.db.inboundEvent.findFirstOrThrow({
      where: { status: 'duplicate' },
    });
    const original = await stack.db.inboundEvent.findUniqueOrThrow({
      where: { id: duplicate.duplicateOfId ?? '' },
    });
    expect(original.providerEventId).toBe(duplicate.providerEventId);
    expect(original.status).toBe('accepted');
  });
});
