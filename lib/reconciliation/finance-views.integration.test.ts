// Finance's views of reconciliation against a real database: the day-by-day totals (the newest
// completed run per flow and day, days without a completed run absent, open drift counted) and the
// CSV export of a run (audited first, filterable, every item once, another tenant's run unknown).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DriftKind, DriftState } from '@/lib/db';
import { seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { demoTenant, type FixtureTenant } from '@/test/support/overview-fixtures';
import { dailyReconciliation, dailySummaryQuerySchema } from './daily-summary.presenter';
import { DRIFT_CSV_COLUMNS, TOTALS_CSV_COLUMNS } from './drift-csv';
import { startDriftExport } from './export-drift';

const ERP = 'orders-paid-to-erp';
const WAREHOUSE = 'orders-paid-to-warehouse';

let ledger: SeededLedger;
let acme: FixtureTenant;
let globex: FixtureTenant;
let FINANCE: { id: string; label: string };

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
  globex = await demoTenant(ledger.db, 'globex');
  const user = await acme.db.user.findFirstOrThrow({
    where: { memberships: { some: { tenantId: acme.tenantId, role: 'finance' } } },
    select: { id: true, name: true },
  });
  FINANCE = { id: user.id, label: user.name };
});
afterAll(async () => ledger?.drop());

async function run(
  t: FixtureTenant,
  flow: string,
  day: string,
  p: {
    status?: 'completed' | 'running' | 'failed';
    createdAt: string;
    matched?: number;
    totals?: object;
    items?: { kind: DriftKind; state?: DriftState; key: string; amountMinor?: bigint }[];
  },
) {
  const db: Db = t.db;
  const windowFrom = new Date(`${day}T00:00:00Z`);
  const created = await db.reconciliationRun.create({
    data: {
      tenantId: t.tenantId,
      flowId: t.flows[flow] ?? '',
      windowFrom,
      windowTo: new Date(windowFrom.getTime() + 86_400_000),
      trigger: 'schedule',
      requestedBy: 'schedule',
      status: p.status ?? 'completed',
      listed: (p.matched ?? 0) + (p.items?.length ?? 0),
      matched: p.matched ?? 0,
      drifted: p.items?.length ?? 0,
      totals: p.totals ?? {},
      createdAt: new Date(p.createdAt),
    },
    select: { id: true },
  });
  for (const item of p.items ?? [])
    await db.driftItem.create({
      data: {
        tenantId: t.tenantId,
        runId: created.id,
        flowId: t.flows[flow] ?? '',
        kind: item.kind,
        state: item.state ?? 'open',
        businessKey: item.key,
        providerRef: `SO-${item.key}`,
        field: item.kind === 'field_mismatch' ? 'total' : null,
        ledgerValue: item.kind === 'field_mismatch' ? '12.50' : undefined,
        providerValue: item.kind === 'field_mismatch' ? '-12.50' : undefined,
        owner: item.kind === 'field_mismatch' ? 'commerce' : null,
        amountMinor: item.amountMinor ?? null,
        currency: 'EUR',
        ...(item.state === 'accepted' && {
          decidedBy: 'Finance Acme',
          decidedAt: new Date('2026-11-10T09:00:00Z'),
          note: '=HYPERLINK("x"), "quoted", fine',
        }),
      },
    });
  return created.id;
}

const erpTotals = (matched: number, unmatched: number) => ({
  erp: { count: matched + unmatched, amountMinor: 12_345, currency: 'EUR', matched, unmatched },
});

describe('daily totals', () => {
  let replaced: string;
  let newest: string;
  beforeAll(async () => {
    replaced = await run(acme, ERP, '2026-11-08', {
      createdAt: '2026-11-09T02:15:00Z',
      matched: 40,
      totals: erpTotals(40, 2),
      items: [
        { kind: 'status_mismatch', key: '1001' },
        { kind: 'field_mismatch', key: '1002' },
      ],
    });
    // a forced re-run of the same day after a fix replaces the nightly one in the daily view
    newest = await run(acme, ERP, '2026-11-08', {
      createdAt: '2026-11-09T10:00:00Z',
      matched: 41,
      totals: erpTotals(41, 1),
      items: [
        { kind: 'field_mismatch', key: '1002', state: 'accepted' },
        { kind: 'status_mismatch', key: '1001' },
      ],
    });
    // a newer run that did not complete does not count
    await run(acme, ERP, '2026-11-08', { createdAt: '2026-11-09T11:00:00Z', status: 'failed' });
    await run(acme, WAREHOUSE, '2026-11-09', { createdAt: '2026-11-10T02:15:00Z', matched: 7 });
    await run(globex, ERP, '2026-11-09', { createdAt: '2026-11-10T02:15:00Z', matched: 99 });
  });

  it('shows the newest completed run per flow and day, with its totals and open drift', async () => {
    const query = dailySummaryQuerySchema.parse({ from: '2026-11-07', to: '2026-11-10' });
    const { days } = await dailyReconciliation(acme.db, acme.tenantId, query);
    expect(days.map((d) => [d.day, d.flow.key, d.runId])).toEqual([
      ['2026-11-09', WAREHOUSE, expect.any(String)],
      ['2026-11-08', ERP, newest],
    ]);
    expect(days.map((d) => d.runId)).not.toContain(replaced);
    const erp = days.find((d) => d.flow.key === ERP);
    expect(erp).toMatchObject({ matched: 41, drifted: 2, openDrift: 1 });
    expect(erp?.totals).toEqual(erpTotals(41, 1));
    expect(erp?.flow.systems).toMatchObject({ erp: 'ERP', commerce: 'Storefront' });
  });

  it("leaves out days without a completed run and never shows another tenant's runs", async () => {
    const none = dailySummaryQuerySchema.parse({ from: '2026-10-01', to: '2026-10-31' });
    expect((await dailyReconciliation(acme.db, acme.tenantId, none)).days).toEqual([]);
    const q = dailySummaryQuerySchema.parse({ from: '2026-11-09', to: '2026-11-09' });
    const { days } = await dailyReconciliation(acme.db, acme.tenantId, q);
    expect(days.every((d) => d.matched !== 99)).toBe(true);
    const onlyErp = dailySummaryQuerySchema.parse({
      from: '2026-11-01',
      to: '2026-11-10',
      flowId: acme.flows[ERP],
    });
    expect(
      (await dailyReconciliation(acme.db, acme.tenantId, onlyErp)).days.map((d) => d.flow.key),
    ).toEqual([ERP]);
  });

  it('refuses windows that are backwards or longer than 92 days, in words', () => {
    expect(
      dailySummaryQuerySchema.safeParse({ from: '2026-11-10', to: '2026-11-01' }).error?.issues[0]
        ?.message,
    ).toBe('from must not be after to');
    expect(
      dailySummaryQuerySchema.safeParse({ from: '2026-01-01', to: '2026-11-01' }).error?.issues[0]
        ?.message,
    ).toBe('at most 92 days at a time');
  });
});

/** The items section's lines (header first); the totals section after the blank line is `totals`. */
async function csvSections(chunks: AsyncGenerator<string>) {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  const [items = '', totals = ''] = text.split('\r\n\r\n');
  return { items: items.split('\r\n'), totals: totals.trim().split('\r\n') };
}
const csvOf = async (chunks: AsyncGenerator<string>) => (await csvSections(chunks)).items;

describe('exporting a run', () => {
  let runId: string;
  beforeAll(async () => {
    runId = await run(acme, ERP, '2026-11-12', {
      createdAt: '2026-11-13T02:15:00Z',
      totals: {
        erp: {
          count: 3,
          amountMinor: 0,
          currency: 'EUR',
          matched: 2,
          unmatched: 1,
          side: 'target',
          items: 1,
          money: {
            EUR: { ledgerMinor: 5000, providerMinor: 3750, ledgerRecords: 3, providerRecords: 3 },
            USD: { ledgerMinor: 100, providerMinor: 100, ledgerRecords: 1, providerRecords: 1 },
          },
        },
      },
      items: [
        ...Array.from({ length: 5 }, (_, i) => ({
          kind: 'missing_in_ledger' as const,
          key: `20${i}`,
          amountMinor: 1999n,
        })),
        { kind: 'field_mismatch', key: '300', state: 'accepted', amountMinor: -1250n },
      ],
    });
  });

  it('writes the audit entry first, then every item once in pages, tied to ledger and provider', async () => {
    const { filename, chunks } = await startDriftExport(acme.db, acme.tenantId, {
      runId,
      filter: {},
      actor: FINANCE,
      requestId: 'req-export-1',
      pageSize: 2,
    });
    const audit = await acme.db.auditEntry.findFirstOrThrow({
      where: { tenantId: acme.tenantId, action: 'reconciliation.exported', objectId: filename },
    });
    expect(audit).toMatchObject({ requestId: 'req-export-1' });
    expect(audit.after).toMatchObject({ runId, flow: ERP });
    expect(filename).toMatch(
      /^reconciliation-orders-paid-to-erp-2026-11-12T00-00Z-[0-9a-f]{8}\.csv$/,
    );

    const [header, ...rows] = await csvOf(chunks);
    expect(header).toBe(DRIFT_CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.split(',')[4])).size).toBe(6);
    const accepted = rows.find((r) => r.includes(',300,'));
    // negative amounts stay numbers; typed text that looks like a formula is neutralised
    expect(accepted).toContain(',total,commerce,12.50,-12.50,-12.50,EUR,');
    expect(accepted).toContain(`"'=HYPERLINK(""x""), ""quoted"", fine"`);
    expect(rows.filter((r) => r.includes(',missing_in_ledger,open,'))).toHaveLength(5);
    expect(rows.every((r) => r.startsWith(`${runId},${ERP},2026-11-12T00:00:00.000Z,`))).toBe(true);
  });

  it('ends with the run totals per system and currency: ledger, provider and difference', async () => {
    const { chunks } = await startDriftExport(acme.db, acme.tenantId, {
      runId,
      filter: { kind: 'missing_in_ledger' },
      actor: FINANCE,
    });
    const { totals } = await csvSections(chunks);
    expect(totals).toEqual([
      TOTALS_CSV_COLUMNS.join(','),
      'run,ERP,target,EUR,50.00,37.50,12.50,3,3,3,2,1',
      'run,ERP,target,USD,1.00,1.00,0.00,1,1,,,',
    ]);
  });

  it('filters by kind and state, and answers not found for another tenant', async () => {
    const { chunks } = await startDriftExport(acme.db, acme.tenantId, {
      runId,
      filter: { kind: 'missing_in_ledger', state: 'open' },
      actor: FINANCE,
    });
    expect((await csvOf(chunks)).length).toBe(1 + 5);
    await expect(
      startDriftExport(globex.db, globex.tenantId, { runId, filter: {}, actor: FINANCE }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await globex.db.auditEntry.count({
        where: { tenantId: globex.tenantId, action: 'reconciliation.exported' },
      }),
    ).toBe(0);
  });
});
