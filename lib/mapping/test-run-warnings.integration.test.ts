// The test run's warnings and the payload picker against real PostgreSQL: a field the operation
// drops is named, the output is compared with the active version's, failed payloads come first
// and any payload is found by business key, and "Roll back" names its target only when one exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActorOf, type AuditActor } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { ORDER_TO_FULFILMENT } from '@/prisma/demo-flows';
import {
  insertTransaction,
  seededLedger,
  seedFixtureTenant,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { sampleOrder } from '@/test/support/webhooks';
import { readAuditFilter } from '@/lib/audit/audit-filter';
import { listAuditEntries } from '@/lib/audit/audit-list.presenter';
import { activateMappingVersion } from './activate-mapping-version';
import { mappingDiffsForAudit } from './audit-mapping-diffs';
import { createMappingVersion } from './create-mapping-version';
import { getFlowMappings } from './flow-mappings.presenter';
import { rollBackMapping } from './roll-back-mapping';
import { searchTestPayloads } from './test-payloads.presenter';
import { testRunMapping } from './test-run-mapping';

let ledger: SeededLedger;
let db: Db;
let admin: AuditActor;
let failedEvent: string;

const WITH_SOURCE = ORDER_TO_FULFILMENT.replace(
  '"reference":',
  '"source": "storefront",\n  "reference":',
);

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  const user = await db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
  admin = auditActorOf({ id: user.id, label: user.name });
  for (const n of [8101, 8102, 8103])
    await insertTransaction(ledger, { body: sampleOrder(n), status: 'completed' });
  // Older than the others, but failed: it must still come first.
  const failed = await insertTransaction(ledger, { body: sampleOrder(8100), status: 'failed' });
  await db.$executeRaw`UPDATE inbound_events SET received_at = now() - interval '1 day'
    WHERE id = (SELECT inbound_event_id FROM transactions WHERE id = ${failed}::uuid)`;
  await db.$executeRaw`UPDATE transactions SET created_at = now() - interval '1 day'
    WHERE id = ${failed}::uuid`;
  failedEvent = (
    await db.transaction.findUniqueOrThrow({
      where: { id: failed },
      select: { inboundEventId: true },
    })
  ).inboundEventId;
  for (let n = 8200; n < 8230; n++) await insertTransaction(ledger, { body: sampleOrder(n) });
});
afterAll(async () => {
  await ledger?.drop();
});

describe('test run warnings', () => {
  it('lists payloads failed first, and finds an old one by business key', async () => {
    const flow = await getFlowMappings(db, ledger.tenantId, ledger.flowId);
    expect(flow.testPayloads[0]).toMatchObject({ id: failedEvent, failed: true, status: 'failed' });
    expect(flow.testPayloads.length).toBeGreaterThan(20);
    const found = await searchTestPayloads(db, ledger.tenantId, ledger.flowId, '8102');
    expect(found.map((p) => p.businessKey)).toEqual(['8102']);
    // typed wildcards are characters
    expect(await searchTestPayloads(db, ledger.tenantId, ledger.flowId, '81_2')).toEqual([]);
    const other = (await seedFixtureTenant(db, 'globex-payloads')).tenantId;
    await expect(searchTestPayloads(db, other, ledger.flowId, '8102')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('names a field the operation drops and compares with the active version', async () => {
    const result = await testRunMapping(db, ledger.tenantId, {
      flowId: ledger.flowId,
      inboundEventId: failedEvent,
      expression: WITH_SOURCE,
    });
    expect(result.canonical?.ok).toBe(true);
    expect(result.dropped).toEqual(['source']);
    expect(result.comparison).toEqual({
      against: 1,
      ok: true,
      changes: [{ path: 'source', kind: 'added', after: '"storefront"' }],
    });
    // the active version itself: nothing to compare with, nothing dropped
    const active = await testRunMapping(db, ledger.tenantId, {
      flowId: ledger.flowId,
      inboundEventId: failedEvent,
    });
    expect(active.comparison).toBeNull();
    expect(active.dropped).toEqual([]);
  });

  it('masks both sides of the comparison for a role without personal data', async () => {
    const result = await testRunMapping(db, ledger.tenantId, {
      flowId: ledger.flowId,
      inboundEventId: failedEvent,
      expression: ORDER_TO_FULFILMENT.replace(
        'shipping_address.name',
        '$uppercase(shipping_address.name)',
      ),
      maskPersonalData: true,
    });
    expect(result.comparison).toMatchObject({ ok: true, changes: [] });
    expect(JSON.stringify(result)).not.toContain('Ada');
  });

  it('offers "Roll back" only with a target, and names it', async () => {
    expect((await getFlowMappings(db, ledger.tenantId, ledger.flowId)).rollBackTo).toBeNull();
    const saved = await createMappingVersion(db, ledger.tenantId, {
      flowId: ledger.flowId,
      expression: WITH_SOURCE,
      outputSchema: '{ "type": "object" }',
      statusTable: '{ "CREATED": "completed" }',
      fieldOwnership: '{}',
      note: 'source',
      actor: admin,
    });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    await activateMappingVersion(db, ledger.tenantId, {
      flowId: ledger.flowId,
      version: saved.version,
      actor: admin,
    });
    expect((await getFlowMappings(db, ledger.tenantId, ledger.flowId)).rollBackTo).toBe(1);
    await rollBackMapping(db, ledger.tenantId, { flowId: ledger.flowId, actor: admin });
    expect((await getFlowMappings(db, ledger.tenantId, ledger.flowId)).rollBackTo).toBeNull();

    // The audit log's inline diffs of those three changes, in one query.
    const { limit, ...filter } = readAuditFilter({ objectId: ledger.flowId });
    const { entries } = await listAuditEntries(db, ledger.tenantId, filter, limit);
    const diffs = await mappingDiffsForAudit(db, ledger.tenantId, entries);
    const byAction = (action: string) =>
      diffs.get(entries.find((e) => e.action === action)?.id ?? '');
    expect(byAction('mapping.version_created')).toMatchObject({ from: 1, to: saved.version });
    expect(byAction('mapping.rolled_back')).toMatchObject({ from: saved.version, to: 1 });
    const expression = byAction('mapping.activated')?.fields.find((f) => f.field === 'expression');
    expect(expression).toMatchObject({ changed: true, added: 1 });
    // another tenant sees none of them
    const other = (await seedFixtureTenant(db, 'globex-diffs')).tenantId;
    expect((await mappingDiffsForAudit(db, other, entries)).size).toBe(0);
  });
});
