import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminClient, sleep } from '../shared-testing';
import { startErpSimulator } from './server';
import type { RunningSim } from './server';

const KEY = 'erp-test-key';
let sim: RunningSim;
const admin = adminClient(() => sim.url);

interface SalesOrder {
  id: string;
  external_ref: string;
  status: string;
  total: string;
  updated_at: string;
}
interface FieldErrors {
  error: string;
  errors: { path: string; message: string }[];
}

const order = (
  ref: string,
  lines: unknown[] = [{ sku: 'TENT-2P-GRN', quantity: 1, unit_price: '249.00' }],
) => ({
  external_ref: ref,
  customer_email: 'anna.jansen+1001@example.com',
  customer_name: 'Anna Jansen',
  currency: 'EUR',
  total: '249.00',
  lines,
});

function api(path: string, body?: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.url}/api/v1/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    ...init,
  });
}
const json = async <T>(res: Response | Promise<Response>): Promise<T> =>
  (await (await res).json()) as T;

beforeAll(async () => {
  sim = await startErpSimulator({ port: 0, apiKey: KEY, seed: 3 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await admin('reset', {});
});

describe('erp simulator', () => {
  it('refuses calls without the API key', async () => {
    const none = await fetch(`${sim.url}/api/v1/sales-orders?external_ref=1001`);
    expect(none.status).toBe(401);
    const wrong = await api('sales-orders', order('1001'), {
      headers: { Authorization: 'Bearer x' },
    });
    expect(wrong.status).toBe(401);
    expect((await admin<unknown[]>('side-effects')).json).toEqual([]);
  });

  it('creates a sales order, and a repeated create makes a duplicate that lookup by external_ref shows', async () => {
    const first = await api('sales-orders', order('1001'));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      id: 'SO-000001',
      external_ref: '1001',
      status: 'OPEN',
    });
    const second = await json<SalesOrder>(api('sales-orders', order('1001')));
    expect(second.id).toBe('SO-000002');
    const found = await json<{ data: SalesOrder[] }>(api('sales-orders?external_ref=1001'));
    expect(found.data.map((o) => o.id)).toEqual(['SO-000001', 'SO-000002']);
    expect((await json<{ data: unknown[] }>(api('sales-orders?external_ref=nope'))).data).toEqual(
      [],
    );
    expect((await api('sales-orders/SO-000002')).status).toBe(200);
    expect((await api('sales-orders/SO-999999')).status).toBe(404);
    expect((await admin('side-effects')).json).toEqual([
      expect.objectContaining({
        kind: 'sales_order.created',
        id: 'SO-000001',
        external_ref: '1001',
      }),
      expect.objectContaining({
        kind: 'sales_order.created',
        id: 'SO-000002',
        external_ref: '1001',
      }),
    ]);
  });

  it('answers 422 with field paths and writes nothing', async () => {
    const res = await api('sales-orders', {
      ...order('1002', [
        { sku: '', quantity: 1, unit_price: '1.00' },
        { sku: 'BAG-45L-BLK', quantity: 0, unit_price: '1.5' },
      ]),
      currency: 'eur',
    });
    expect(res.status).toBe(422);
    const body = await json<FieldErrors>(res);
    expect(body.error).toBe('validation_failed');
    expect(body.errors).toContainEqual({ path: 'lines[0].sku', message: 'required' });
    expect(body.errors.map((e) => e.path)).toEqual([
      'currency',
      'lines[0].sku',
      'lines[1].quantity',
      'lines[1].unit_price',
    ]);
    expect((await admin<unknown[]>('side-effects')).json).toEqual([]);
  });

  it('posts payments and credit memos against a known sales order only', async () => {
    const posting = {
      external_ref: 'pi_1',
      sales_order_ref: '1003',
      amount: '249.00',
      currency: 'EUR',
    };
    const early = await api('payments', posting);
    expect(early.status).toBe(422);
    expect(await early.json()).toEqual({
      error: 'unknown_reference',
      errors: [{ path: 'sales_order_ref', message: 'no sales order 1003' }],
    });
    await api('sales-orders', order('1003'));
    expect(await json(api('payments', posting))).toMatchObject({
      id: 'PAY-000001',
      status: 'POSTED',
    });
    const memo = { ...posting, external_ref: 're_1', amount: '10.00', reason: 'damaged' };
    expect(await json(api('credit-memos', memo))).toMatchObject({
      id: 'CM-000001',
      status: 'ISSUED',
      sales_order_id: 'SO-000001',
      reason: 'damaged',
    });
    expect((await json<{ data: unknown[] }>(api('payments?external_ref=pi_1'))).data).toHaveLength(
      1,
    );
    expect(
      (await json<{ data: unknown[] }>(api('credit-memos?external_ref=re_1'))).data,
    ).toHaveLength(1);
    const kinds = (await admin<{ kind: string }[]>('side-effects')).json.map((e) => e.kind);
    expect(kinds).toEqual(['sales_order.created', 'payment.posted', 'credit_memo.issued']);
  });

  it('creates a batch item by item and reports each result', async () => {
    const res = await api('sales-orders/batch', {
      items: [order('2001'), { ...order('2002'), total: 'x' }, order('2003')],
    });
    expect(res.status).toBe(200);
    const { results } = await json<{
      results: { external_ref: string; status: number; id?: string }[];
    }>(res);
    expect(results.map((r) => [r.external_ref, r.status, r.id])).toEqual([
      ['2001', 201, 'SO-000001'],
      ['2002', 422, undefined],
      ['2003', 201, 'SO-000002'],
    ]);
    const tooMany = await api('sales-orders/batch', {
      items: Array.from({ length: 101 }, () => order('x')),
    });
    expect(tooMany.status).toBe(422);
  });

  it('pages an updated window with page tokens and sees drift injected through admin', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 5; i++) await api('sales-orders', order(`30${i}`));
    const ids: string[] = [];
    let token = '';
    do {
      const page = await json<{ data: SalesOrder[]; next_page_token: string | null }>(
        api(`sales-orders?updated_from=${from}&limit=2${token ? `&page_token=${token}` : ''}`),
      );
      ids.push(...page.data.map((o) => o.id));
      token = page.next_page_token ?? '';
    } while (token);
    expect(ids).toEqual(['SO-000001', 'SO-000002', 'SO-000003', 'SO-000004', 'SO-000005']);

    const edited = await admin<SalesOrder>('records/SO-000002', {
      status: 'CANCELLED',
      total: '1.00',
    });
    expect(edited.json).toMatchObject({ status: 'CANCELLED', total: '1.00' });
    expect(await json(api('sales-orders/SO-000002'))).toMatchObject({ status: 'CANCELLED' });
    expect((await admin('records/SO-000002', { amount: '1.00' })).status).toBe(400);
    expect((await admin('records/PAY-000009', { status: 'X' })).status).toBe(404);
    expect((await admin<unknown[]>('side-effects')).json).toHaveLength(5);
  });

  it('seeds sales orders in request order, all or nothing, without side effects', async () => {
    const seeded = await admin('seed-sales-orders', { salesOrders: [order('401'), order('402')] });
    expect(seeded).toEqual({
      status: 201,
      json: { seeded: 2, firstId: 'SO-000001', lastId: 'SO-000002' },
    });
    expect(await json(api('sales-orders/SO-000002'))).toMatchObject({
      external_ref: '402',
      status: 'OPEN',
      total: '249.00',
    });
    const refused = await admin('seed-sales-orders', { salesOrders: [order('403'), order('')] });
    expect(refused.status).toBe(400);
    expect((await api('sales-orders/SO-000003')).status).toBe(404);
    const tooMany = Array.from({ length: 2001 }, (_, i) => order(String(i)));
    expect((await admin('seed-sales-orders', { salesOrders: tooMany })).status).toBe(400);
    expect((await admin<unknown[]>('side-effects')).json).toHaveLength(0);
  });

  it('exports the catalogue stock, drifting between exports unless pinned', async () => {
    const first = await json<{ export_id: string; items: { sku: string; on_hand: number }[] }>(
      api('inventory/export'),
    );
    expect(first.export_id).toBe('INV-000001');
    expect(first.items.map((i) => i.sku)).toContain('TENT-2P-GRN');
    expect(first.items).toHaveLength(8);
    const second = await json<typeof first>(api('inventory/export'));
    expect(second.export_id).toBe('INV-000002');
    expect(second.items).not.toEqual(first.items);
    await admin('inventory', { items: [{ sku: 'TENT-2P-GRN', on_hand: 7 }] });
    for (let i = 0; i < 3; i++) {
      const next = await json<typeof first>(api('inventory/export'));
      expect(next.items.find((s) => s.sku === 'TENT-2P-GRN')?.on_hand).toBe(7);
    }
  });

  it('enforces a strict rate limit with Retry-After', async () => {
    expect((await admin('chaos')).json).toMatchObject({ rateLimit: { perSecond: 50, burst: 50 } });
    await admin('chaos', { rateLimit: { perSecond: 1, burst: 2 } });
    expect((await api('sales-orders?external_ref=1')).status).toBe(200);
    expect((await api('sales-orders?external_ref=1')).status).toBe(200);
    const limited = await api('sales-orders', order('4001'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await admin<unknown[]>('side-effects')).json).toEqual([]);
  });

  it('applies a create once when its answer is lost; the lookup finds it; an outage passes', async () => {
    await admin('chaos', { timeoutAfterSuccessRate: 1 });
    await expect(
      api('sales-orders', order('5001'), { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    await admin('chaos', { timeoutAfterSuccessRate: 0, outage: { forMs: 150 } });
    expect((await api('sales-orders?external_ref=5001')).status).toBe(503);
    await sleep(200);
    const found = await json<{ data: SalesOrder[] }>(api('sales-orders?external_ref=5001'));
    expect(found.data.map((o) => o.id)).toEqual(['SO-000001']);
    expect((await admin<unknown[]>('side-effects')).json).toHaveLength(1);
  });
});
