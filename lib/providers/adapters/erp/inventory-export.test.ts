import { describe, expect, it } from 'vitest';
import { useProviderStub } from '@/test/support/provider-stub';
import { pollInventoryExport } from './inventory-export';

const KEY = 'erp-secret-key-789';
const suite = useProviderStub({ apiKey: KEY });

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, on_hand: i }));

describe('ERP inventory export poll', () => {
  it('cuts the export into objects of 250 and keeps the answer as received', async () => {
    const exported = {
      export_id: 'INV-000007',
      generated_at: '2026-11-23T08:00:00Z',
      items: items(600),
    };
    // Odd spacing: the stored body must be the provider's text, not a re-serialisation.
    const raw = JSON.stringify(exported, null, 1);
    suite.stub.on('GET', '/api/v1/inventory/export', { status: 200, raw });
    const result = await pollInventoryExport(suite.ctx);
    expect(suite.stub.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    if (!result.ok) throw new Error(result.message);
    expect(result).toMatchObject({
      providerEventId: 'INV-000007',
      topic: 'inventory/export',
      eventType: 'inventory.exported',
      body: raw,
    });
    expect(result.objects.map((o) => [o.sourceObjectId, o.businessKey])).toEqual([
      ['INV-000007:0', 'inventory INV-000007 0'],
      ['INV-000007:1', 'inventory INV-000007 1'],
      ['INV-000007:2', 'inventory INV-000007 2'],
    ]);
    const payloads = result.objects.map((o) => o.payload as { items: unknown[] });
    expect(payloads.map((p) => p.items.length)).toEqual([250, 250, 100]);
    expect(payloads[2]).toEqual({
      export_id: 'INV-000007',
      generated_at: '2026-11-23T08:00:00Z',
      items: items(600).slice(500),
    });
  });

  it('an empty export carries no objects', async () => {
    const body = { export_id: 'INV-000008', generated_at: '2026-11-23T09:00:00Z', items: [] };
    suite.stub.on('GET', '/api/v1/inventory/export', { status: 200, body });
    const result = await pollInventoryExport(suite.ctx);
    expect(result).toMatchObject({ ok: true, objects: [] });
  });

  it.each([
    [{ status: 401, body: { error: `bad key ${KEY}` } }, 'auth'],
    [{ status: 403, body: { error: 'forbidden' } }, 'permission'],
    [
      { status: 429, body: { error: 'rate_limited' }, headers: { 'retry-after': '1' } },
      'rate_limited',
    ],
    [{ status: 503, body: { error: 'unavailable' } }, 'provider_outage'],
    [{ status: 200, body: { export_id: 'INV-1', items: [{ sku: 'A' }] } }, 'contract_mismatch'],
    ['hang' as const, 'timeout'],
  ])('%j -> %s, without our key in the message', async (answer, errorClass) => {
    suite.stub.on('GET', '/api/v1/inventory/export', answer);
    const result = await pollInventoryExport(suite.ctx);
    expect(result).toMatchObject({ ok: false, errorClass });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});
