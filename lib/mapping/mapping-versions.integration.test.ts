// Mapping versions against real PostgreSQL and the warehouse simulator: create, activate, dispatch
// with the active version (recorded on the transaction and its timeline), roll back, audit entries
// with the admin as actor, numbering under concurrency, tenant isolation, test runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActorOf, type AuditActor } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { drainConnection, type DrainDeps } from '@/lib/engine/drain';
import { createLogger } from '@/lib/observability/logger';
import { ORDER_TO_FULFILMENT } from '@/prisma/demo-flows';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import {
  FIXTURE_KEY_RING,
  insertTransaction,
  seededLedger,
  seedFixtureTenant,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { adminJson } from '@/test/support/sims';
import { sampleOrder } from '@/test/support/webhooks';
import { activateMappingVersion } from './activate-mapping-version';
import { createMappingVersion } from './create-mapping-version';
import { getFlowMappings, getMappingDiff, listFlowMappings } from './flow-mappings.presenter';
import { rollBackMapping } from './roll-back-mapping';
import { testRunMapping } from './test-run-mapping';

let ledger: SeededLedger;
let db: Db;
let warehouse: RunningSim;
let admin: AuditActor;
let otherTenantId: string;
let orderNumber = 7000;

const STATUS_TABLE = '{ "CREATED": "completed", "QUEUED": "completed", "ERROR": "needs_review" }';
// Version 2 marks its references so a dispatched command shows which version made it.
const V2 = ORDER_TO_FULFILMENT.replace('"order-" & $string(id)', '"order-v2-" & $string(id)');
const draft = (expression: string, note = 'test') => ({
  flowId: ledger.flowId,
  expression,
  outputSchema: '{ "type": "object" }',
  statusTable: STATUS_TABLE,
  fieldOwnership: '{ "shipTo.*": "commerce", "status": "warehouse" }',
  note,
  actor: admin,
  requestId: 'req-mapping-test',
});

beforeAll(async () => {
  warehouse = await startWarehouseSimulator({ port: 0, apiToken: 'wh-token', workflowStepMs: 0 });
  ledger = await seededLedger({ warehouseUrl: warehouse.url, warehouseToken: 'wh-token' });
  db = ledger.db;
  const user = await db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
  admin = auditActorOf({ id: user.id, label: user.name });
  otherTenantId = (await seedFixtureTenant(db, 'globex')).tenantId;
});
afterAll(async () => {
  await warehouse?.close();
  await ledger?.drop();
});

async function dispatchOne(): Promise<string> {
  const id = await insertTransaction(ledger, { body: sampleOrder(++orderNumber) });
  const deps: DrainDeps = {
    db,
    keyRing: FIXTURE_KEY_RING,
    providerTimeoutMs: 1500,
    leaseMs: 5000,
    batchSize: 10,
    budgetMs: 10_000,
    lanes: 1,
    log: createLogger('silent', 'test'),
    random: () => 0.5,
  };
  await drainConnection(deps, {
    tenantId: ledger.tenantId,
    connectionId: ledger.warehouseConnectionId,
  });
  return id;
}

async function usedVersion(transactionId: string) {
  const txn = await db.transaction.findUniqueOrThrow({
    where: { id: transactionId },
    select: { status: true, mappingVersion: { select: { version: true } } },
  });
  const sent = await db.timelineEntry.findFirstOrThrow({
    where: { transactionId, type: 'command.sent' },
  });
  return { status: txn.status, version: txn.mappingVersion?.version, sent };
}

const auditRows = (action: string) =>
  db.auditEntry.findMany({
    where: { tenantId: ledger.tenantId, action, objectId: ledger.flowId },
    orderBy: { seq: 'asc' },
  });

describe('mapping versions', () => {
  it('creates v2, activates it, dispatches with it, rolls back to v1, and audits each step', async () => {
    const created = await createMappingVersion(db, ledger.tenantId, draft(V2, 'v2 references'));
    expect(created).toMatchObject({ ok: true, version: 2 });
    // Creating does not activate.
    expect((await getFlowMappings(db, ledger.tenantId, ledger.flowId)).activeVersion).toBe(1);

    await expect(
      activateMappingVersion(db, ledger.tenantId, {
        flowId: ledger.flowId,
        version: 2,
        actor: admin,
      }),
    ).resolves.toEqual({ version: 2, previousVersion: 1 });
    const withV2 = await usedVersion(await dispatchOne());
    expect(withV2).toMatchObject({ status: 'completed', version: 2 });
    expect(withV2.sent.summary).toContain('with mapping v2');
    expect(withV2.sent.data).toMatchObject({ mappingVersion: 2 });
    expect(JSON.stringify(withV2.sent.data)).toContain('order-v2-');

    await expect(
      rollBackMapping(db, ledger.tenantId, { flowId: ledger.flowId, actor: admin }),
    ).resolves.toEqual({ version: 1, previousVersion: 2 });
    const withV1 = await usedVersion(await dispatchOne());
    expect(withV1).toMatchObject({ status: 'completed', version: 1 });
    expect(withV1.sent.summary).toContain('with mapping v1');

    // Nothing before v1: a second rollback is refused, not a silent no-op.
    await expect(
      rollBackMapping(db, ledger.tenantId, { flowId: ledger.flowId, actor: admin }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      activateMappingVersion(db, ledger.tenantId, {
        flowId: ledger.flowId,
        version: 1,
        actor: admin,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const [createdEntry] = await auditRows('mapping.version_created');
    expect(createdEntry).toMatchObject({
      actorUserId: admin.userId,
      actorLabel: 'Admin Acme',
      objectType: 'flow',
      requestId: 'req-mapping-test',
      reason: 'v2 references',
      before: null,
      after: expect.objectContaining({ version: 2 }) as unknown,
    });
    const [activated] = await auditRows('mapping.activated');
    expect(activated).toMatchObject({
      actorUserId: admin.userId,
      before: expect.objectContaining({ version: 1 }) as unknown,
      after: expect.objectContaining({ version: 2 }) as unknown,
    });
    const rolledBack = await auditRows('mapping.rolled_back');
    expect(rolledBack).toHaveLength(1);
    expect(rolledBack[0]).toMatchObject({
      actorUserId: admin.userId,
      before: expect.objectContaining({ version: 2 }) as unknown,
      after: expect.objectContaining({ version: 1 }) as unknown,
    });

    // Versions are immutable: activating and rolling back left v2 exactly as saved.
    const v2 = await db.mappingVersion.findFirstOrThrow({
      where: { flowId: ledger.flowId, version: 2 },
    });
    expect(v2.expression).toBe(V2);
    expect(v2.createdById).toBe(admin.userId);
  });

  it('gives concurrent creates distinct, consecutive numbers', async () => {
    const before = await db.mappingVersion.count({ where: { flowId: ledger.flowId } });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        createMappingVersion(db, ledger.tenantId, draft(ORDER_TO_FULFILMENT, `concurrent ${i}`)),
      ),
    );
    const numbers = results.map((r) => (r.ok ? r.version : 0)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 6 }, (_, i) => before + 1 + i));
  });

  it('refuses invalid JSONata with its line and column, and stores nothing', async () => {
    const before = await db.mappingVersion.count({ where: { flowId: ledger.flowId } });
    const result = await createMappingVersion(
      db,
      ledger.tenantId,
      draft('{\n  "reference": id,\n  "lines": [line_items.{ "sku" sku }]\n}'),
    );
    expect(result).toMatchObject({
      ok: false,
      errors: { expression: { code: 'S0202', line: 3, column: 32 } },
    });
    expect(await db.mappingVersion.count({ where: { flowId: ledger.flowId } })).toBe(before);
  });

  it('refuses a status table and field ownership that make no sense, field by field', async () => {
    const result = await createMappingVersion(db, ledger.tenantId, {
      ...draft(ORDER_TO_FULFILMENT),
      statusTable: '{ "CREATED": "processing" }',
      fieldOwnership: '{ "total": "nowhere" }',
      outputSchema: '[]',
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual([
      'fieldOwnership',
      'outputSchema',
      'statusTable',
    ]);
  });

  it('answers NOT_FOUND for another tenant’s flow everywhere', async () => {
    const other = otherTenantId;
    const flowId = ledger.flowId;
    const notFound = { code: 'NOT_FOUND' };
    await expect(createMappingVersion(db, other, draft(ORDER_TO_FULFILMENT))).rejects.toMatchObject(
      notFound,
    );
    await expect(
      activateMappingVersion(db, other, { flowId, version: 1, actor: admin }),
    ).rejects.toMatchObject(notFound);
    await expect(rollBackMapping(db, other, { flowId, actor: admin })).rejects.toMatchObject(
      notFound,
    );
    await expect(getFlowMappings(db, other, flowId)).rejects.toMatchObject(notFound);
    await expect(getMappingDiff(db, other, flowId, 1, 2)).rejects.toMatchObject(notFound);
    const event = await db.transaction.findFirstOrThrow({
      where: { flowId },
      select: { inboundEventId: true },
    });
    await expect(
      testRunMapping(db, other, { flowId, inboundEventId: event.inboundEventId }),
    ).rejects.toMatchObject(notFound);
    expect((await listFlowMappings(db, other)).map((f) => f.id)).not.toContain(flowId);
  });

  it('test-runs a draft on a stored payload: canonical command and the request, nothing sent', async () => {
    const sideEffects = async () =>
      (await adminJson<unknown[]>(warehouse.url, 'side-effects')).length;
    const flow = await getFlowMappings(db, ledger.tenantId, ledger.flowId);
    const payload = flow.testPayloads[0];
    expect(payload).toBeDefined();
    const before = await sideEffects();
    const result = await testRunMapping(db, ledger.tenantId, {
      flowId: ledger.flowId,
      inboundEventId: payload?.id ?? '',
      expression: V2,
    });
    expect(result.ran).toBe('draft');
    expect(result.canonical).toMatchObject({
      ok: true,
      value: { reference: expect.stringMatching(/^order-v2-/) as unknown },
    });
    expect(result.outbound).toMatchObject({
      ok: true,
      value: {
        method: 'POST',
        url: `${warehouse.url}/v1/fulfilments`,
        headers: { authorization: 'Bearer [credential]' },
        body: { reference: expect.stringMatching(/^order-v2-/) as unknown },
      },
    });
    expect(JSON.stringify(result)).not.toContain('wh-token');
    expect(await sideEffects()).toBe(before);

    const broken = await testRunMapping(db, ledger.tenantId, {
      flowId: ledger.flowId,
      inboundEventId: payload?.id ?? '',
      expression: '{ "reference": 1 }',
    });
    expect(broken.canonical).toMatchObject({
      ok: false,
      error: expect.stringContaining('reference') as unknown,
    });
    expect(broken.outbound).toBeNull();
  });

  it('lists the versions with author, note and the active marker, and diffs two of them', async () => {
    const flow = await getFlowMappings(db, ledger.tenantId, ledger.flowId);
    const v2 = flow.versions.find((v) => v.version === 2);
    expect(v2).toMatchObject({ createdBy: 'Admin Acme', note: 'v2 references', active: false });
    expect(flow.versions.find((v) => v.active)?.version).toBe(1);
    const diff = await getMappingDiff(db, ledger.tenantId, ledger.flowId, 1, 2);
    const expression = diff.fields.find((f) => f.field === 'expression');
    expect(expression).toMatchObject({ changed: true, added: 1, removed: 1 });
  });

  it('has no update path: no code in lib/mapping writes to an existing version', () => {
    const dir = join(process.cwd(), 'lib/mapping');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('.test.'));
    for (const file of sources) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/mappingVersion\.(update|upsert|delete)/);
      expect(text, file).not.toMatch(/(UPDATE|DELETE FROM)\s+mapping_versions/i);
    }
  });
});
