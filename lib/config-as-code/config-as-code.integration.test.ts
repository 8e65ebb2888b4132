// Configuration as code against real PostgreSQL databases: the demo tenant exported, applied to an
// empty database and exported again gives the same text; a second apply changes and records
// nothing; a document that drops a flow with transactions is refused whole; a changed retry policy
// and a new mapping version are applied and audited; no secret reaches the document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActorOf } from '@/lib/audit';
import { createAlertRule } from '@/lib/alerts/alert-rules';
import { updateConnection } from '@/lib/connections/update-connection';
import { createDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { activateMappingVersion } from '@/lib/mapping/activate-mapping-version';
import { createMappingVersion } from '@/lib/mapping/create-mapping-version';
import { setFlowSchedule } from '@/lib/reconciliation/flow-schedule';
import { getAdapter } from '@/lib/providers/registry';
import { seedDemoSlaRule } from '@/prisma/seed-demo';
import { DOCKYARD_SETTINGS, seedDemoDockyard } from '@/prisma/seed-dockyard';
import { auditCount, auditSince } from '@/test/support/audit-entries';
import { createTestDatabase } from '@/test/support/database';
import {
  FIXTURE_KEY_RING,
  insertTransaction,
  seedFixtureTenant,
} from '@/test/support/ledger-fixtures';
import { recordingWaker } from '@/test/support/wakes';
import { applyConfig } from './apply-config';
import { parseDocument, toJson, toYaml, type ConfigDocument } from './document';
import { exportConfig } from './export-config';

/** Every secret the seed stores, distinctive enough that finding one in the text means a leak. */
const SECRETS = {
  commerceWebhookSecret: 'whsec_commerce_hook_5b1d9e0a',
  commerceAccessToken: 'shpat_storefront_token_77aa01',
  warehouseApiToken: 'wms_api_token_3c8f21bd',
  warehouseWebhookSecret: 'whsec_d2FyZWhvdXNlLWhvb2stc2VjcmV0LTk5',
  paymentsWebhookSecret: 'whsec_payments_hook_e41c7f',
  paymentsKey: 'sk_test_payments_key_0b9d33',
  erpKey: 'erp_integration_key_93ab71',
  crmKey: 'crm_integration_key_6f02ce',
  dockyardClientSecret: 'dock_client_secret_a83f11c0',
  dockyardWebhookSecret: 'whsec_dockyard_hook_7e2290',
};
const OPERATOR = { id: 'cli:tester', label: 'waybill CLI (tester)' };
// Resumed work is woken after the commit: the one test that resumes something looks at its calls.
const APPLY = {
  actor: OPERATOR,
  keyRing: FIXTURE_KEY_RING,
  allowHosts: [],
  wake: recordingWaker().wake,
};

interface Database {
  db: Db;
  drop(): Promise<void>;
}
const databases: Database[] = [];

async function database(): Promise<Db> {
  const created = await createTestDatabase();
  const db = createDb({ connectionString: created.url, poolSize: 4 });
  databases.push({ db, drop: created.drop });
  return db;
}

let source: Db;
let tenantId: string;
let alertSecret: string;
let sealedValues: string[];

const exportText = async (db: Db) => toYaml(await exportConfig(db, 'acme'));

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  source = await database();
  const seeded = await seedFixtureTenant(source, 'acme', {
    commerceWebhookSecret: SECRETS.commerceWebhookSecret,
    commerceAccessToken: SECRETS.commerceAccessToken,
    warehouseApiToken: SECRETS.warehouseApiToken,
    warehouseWebhookSecret: SECRETS.warehouseWebhookSecret,
    payments: {
      webhookSecret: SECRETS.paymentsWebhookSecret,
      credentials: { apiKey: SECRETS.paymentsKey },
    },
    erp: { credentials: { apiKey: SECRETS.erpKey } },
    crm: { credentials: { apiKey: SECRETS.crmKey } },
  });
  tenantId = seeded.tenantId;
  await seedDemoSlaRule(source, tenantId);
  const admin = await source.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
  const by = { actor: { userId: admin.id, name: admin.name } };
  const operator = { id: admin.id, label: admin.name };
  // Beyond the seed, so every section of the document has something to carry.
  await updateConnection(
    source,
    tenantId,
    seeded.connectionIds.erp ?? '',
    { maskingRules: ['$.customer.email'], settings: { circuit: { failureRate: 0.5 } } },
    { actor: operator },
  );
  await setFlowSchedule(source, tenantId, seeded.flowIds['orders-paid-to-erp'] ?? '', {
    scheduled: true,
    cron: '30 4 * * *',
    actor: operator,
  });
  const crmFlow = seeded.flowIds['orders-paid-to-crm'] ?? '';
  const v2 = await createMappingVersion(source, tenantId, {
    flowId: crmFlow,
    expression: '{ "email": email }',
    outputSchema: {},
    statusTable: { CREATED: 'completed', UPDATED: 'completed' },
    fieldOwnership: { email: 'commerce' },
    note: 'email only',
    actor: auditActorOf(operator),
  });
  if (!v2.ok) throw new Error('mapping version 2 not created');
  await activateMappingVersion(source, tenantId, {
    flowId: crmFlow,
    version: 2,
    actor: auditActorOf(operator),
  });
  const rule = await createAlertRule(
    source,
    tenantId,
    {
      name: 'ERP sales orders failing',
      kind: 'failure_rate',
      params: { flowId: seeded.flowIds['orders-paid-to-erp'], ratePercent: 20 },
      webhookUrl: 'https://alerts.example.com/hooks/acme',
    },
    { keyRing: FIXTURE_KEY_RING, allowHosts: [] },
    by,
  );
  alertSecret = rule.secret ?? '';
  const sla = await source.slaRule.findFirstOrThrow({ where: { tenantId } });
  await createAlertRule(
    source,
    tenantId,
    {
      name: 'Warehouse late',
      kind: 'sla_breach',
      params: { slaRuleId: sla.id },
      webhookUrl: 'https://alerts.example.com/hooks/sla',
    },
    { keyRing: FIXTURE_KEY_RING, allowHosts: [] },
    by,
  );
  // A system no adapter knows, connected through the generic HTTP kind as the demo connects
  // Dockyard (OAuth client credentials, its own headers, read-back, signed webhooks) with a flow
  // and a mapping: the document carries the settings whole, never the secrets beside them.
  await seedDemoDockyard(source, {
    tenantId,
    commerceConnectionId: seeded.connectionIds.commerce ?? '',
    url: 'http://127.0.0.1:9/dock',
    credentials: { clientId: 'waybill-demo', clientSecret: SECRETS.dockyardClientSecret },
    webhookSecret: SECRETS.dockyardWebhookSecret,
    keyRing: FIXTURE_KEY_RING,
  });
  // History: the warehouse flow has a transaction, so it may never be deleted.
  await insertTransaction({ db: source, ...seeded, drop: async () => {} });
  const connections = await source.connection.findMany({ where: { tenantId } });
  sealedValues = connections.flatMap((c) =>
    [c.credentialsEncrypted, c.webhookSecretEncrypted].filter((v): v is string => v !== null),
  );
});

afterAll(async () => {
  for (const created of databases) {
    await created.db.$disconnect();
    await created.drop();
  }
});

describe('configuration as code', () => {
  it('(a) applies an export to an empty database and exports the same text back', async () => {
    const text = await exportText(source);
    const target = await database();
    await target.tenant.create({ data: { slug: 'acme', name: 'Acme' } });
    // The fixture's providers listen on loopback: refused as new base URLs unless the allow list
    // (OUTBOUND_ALLOW_HOSTS in a deployment) names it, and nothing is written.
    const refused = await refusal(applyConfig(target, 'acme', parseDocument(text), APPLY));
    expect(refused.message).toContain(
      'connection warehouse: baseUrl: the host 127.0.0.1 is a loopback address',
    );
    expect(await target.connection.count()).toBe(0);
    const plan = await applyConfig(target, 'acme', parseDocument(text), {
      ...APPLY,
      allowHosts: ['127.0.0.1'],
    });
    expect(plan.conflicts).toEqual([]);
    expect(plan.changes.map((c) => c.summary)).toEqual(
      expect.arrayContaining([
        'create connection warehouse (warehouse)',
        'create flow payments-to-erp (payments payment.succeeded -> erp record_payment)',
        'add mapping version 2 of flow orders-paid-to-crm (active)',
        'create SLA rule "Warehouse acknowledgement within 30 minutes of payment"',
        'create alert rule "Warehouse late" (sla_breach)',
        'create connection dockyard (http)',
        'create flow orders-paid-to-dockyard (commerce order.paid -> dockyard create_shipment_order)',
      ]),
    );
    const dockyard = await target.connection.findFirstOrThrow({ where: { key: 'dockyard' } });
    // stored as the console stores settings: as its adapter reads them, defaults filled in
    expect(dockyard.settings).toEqual(getAdapter('http').settings.parse(DOCKYARD_SETTINGS));
    expect(await exportText(target)).toBe(text);
    // JSON is the same document
    const json = toJson(await exportConfig(source, 'acme'));
    expect(toYaml(parseDocument(json))).toBe(text);
  });

  it('(a) refuses a tenant that does not exist, and changes nothing', async () => {
    const empty = await database();
    const error = await refusal(
      applyConfig(empty, 'acme', parseDocument(await exportText(source)), APPLY),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('waybill tenant create');
  });

  it('(b) a second apply of the same document plans, changes and records nothing', async () => {
    const document = parseDocument(await exportText(source));
    const before = await auditCount(source, tenantId);
    const plan = await applyConfig(source, 'acme', document, APPLY);
    expect(plan).toEqual({ changes: [], conflicts: [] });
    expect(await auditCount(source, tenantId)).toBe(before);
  });

  it('(c) refuses a document that drops a flow with transactions, and changes nothing', async () => {
    const text = await exportText(source);
    const document: ConfigDocument = parseDocument(text);
    document.flows = document.flows.filter((f) => f.key !== 'orders-paid-to-warehouse');
    document.slaRules = [];
    document.alertRules = document.alertRules.filter((r) => r.kind !== 'sla_breach');
    // a change that would apply on its own must not apply either
    document.flows[0]!.retryPolicy.maxAttempts = 3;
    const before = await auditCount(source, tenantId);
    const error = await refusal(applyConfig(source, 'acme', document, APPLY));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(
      'flow orders-paid-to-warehouse has 1 transaction: pause or retire it instead of deleting it',
    );
    expect(await exportText(source)).toBe(text);
    expect(await auditCount(source, tenantId)).toBe(before);
  });

  it('(d) applies a changed retry policy and a new mapping version, audited with before/after', async () => {
    const document = parseDocument(await exportText(source));
    const erp = document.flows.find((f) => f.key === 'orders-paid-to-erp')!;
    erp.retryPolicy.maxAttempts = 12;
    const warehouse = document.flows.find((f) => f.key === 'orders-paid-to-warehouse')!;
    const [v1] = warehouse.mapping.versions;
    warehouse.mapping.versions.push({ ...v1!, version: 2, note: 'adds the phone number' });
    warehouse.mapping.active = 2;
    const since = await auditCount(source, tenantId);

    const plan = await applyConfig(source, 'acme', document, APPLY);
    expect(plan.changes.map((c) => c.summary)).toEqual([
      'update flow orders-paid-to-erp: retryPolicy.maxAttempts 8 -> 12',
      'add mapping version 2 of flow orders-paid-to-warehouse (active)',
    ]);
    const entries = await auditSince(source, tenantId, since);
    expect(entries.map((e) => e.action)).toEqual([
      'flow.updated',
      'mapping.version_created',
      'mapping.activated',
      'config.applied',
    ]);
    expect(entries[0]).toMatchObject({
      before: { retryPolicy: { maxAttempts: 8 } },
      after: { retryPolicy: { maxAttempts: 12 } },
      actor_label: OPERATOR.label,
      actor_user_id: null,
    });
    expect(entries[1]).toMatchObject({
      before: null,
      after: { version: 2, note: 'adds the phone number' },
    });
    expect(entries[2]).toMatchObject({ before: { version: 1 }, after: { version: 2 } });
    expect(entries[3]?.after).toMatchObject({
      changeCount: 2,
      changes: plan.changes.map((c) => c.summary),
    });

    const flow = await source.flow.findFirstOrThrow({
      where: { tenantId, key: 'orders-paid-to-warehouse' },
      include: { activeMappingVersion: true },
    });
    expect(flow.activeMappingVersion?.version).toBe(2);
    // and the document now matches: nothing more to do
    expect((await applyConfig(source, 'acme', document, APPLY)).changes).toEqual([]);
  });

  it('(d) pauses with the reason the document gives, shown on held work and audited, and resumes', async () => {
    const document = await exportConfig(source, 'acme');
    const warehouse = document.connections.find((c) => c.key === 'warehouse')!;
    warehouse.status = 'paused';
    await expect(applyConfig(source, 'acme', document, APPLY)).rejects.toThrow(
      'connection warehouse: say why it is paused (pauseReason)',
    );
    warehouse.pauseReason = 'stocktake until Monday';
    const since = await auditCount(source, tenantId);
    await applyConfig(source, 'acme', document, APPLY);
    const paused = await source.connection.findFirstOrThrow({
      where: { tenantId, key: 'warehouse' },
    });
    expect(paused).toMatchObject({
      status: 'paused',
      pauseReason: 'stocktake until Monday',
      pausedBy: OPERATOR.label,
    });
    expect(paused.pausedAt).toBeInstanceOf(Date);
    const [entry] = await source.$queryRaw<{ action: string; reason: string | null }[]>`
      SELECT action, reason FROM audit_entries
      WHERE tenant_id = ${tenantId}::uuid AND seq > ${since} ORDER BY seq LIMIT 1`;
    expect(entry).toEqual({ action: 'connection.paused', reason: 'stocktake until Monday' });
    // the export carries the reason, so the document round-trips
    const exported = await exportConfig(source, 'acme');
    expect(exported.connections.find((c) => c.key === 'warehouse')?.pauseReason).toBe(
      'stocktake until Monday',
    );

    // resumed: its held work is woken now, after the commit, not left to the next sweep
    warehouse.status = 'active';
    warehouse.pauseReason = null;
    const waker = recordingWaker();
    await applyConfig(source, 'acme', document, { ...APPLY, wake: waker.wake });
    expect(waker.calls).toEqual([{ tenantId, connectionIds: [paused.id] }]);
    expect(
      await source.connection.findFirstOrThrow({ where: { tenantId, key: 'warehouse' } }),
    ).toMatchObject({ status: 'active', pauseReason: null, pausedBy: null, pausedAt: null });
  });

  it('(d) clears the credentials of a connection moved to another origin, and audits it', async () => {
    const document = await exportConfig(source, 'acme');
    const erp = document.connections.find((c) => c.key === 'erp')!;
    const before = await source.connection.findFirstOrThrow({ where: { tenantId, key: 'erp' } });
    expect(before.credentialsEncrypted).not.toBeNull();
    erp.baseUrl = 'https://erp.example.com/api';
    const since = await auditCount(source, tenantId);
    await applyConfig(source, 'acme', document, { ...APPLY, lookup: () => Promise.resolve([]) });
    const after = await source.connection.findFirstOrThrow({ where: { tenantId, key: 'erp' } });
    expect(after.credentialsEncrypted).toBeNull();
    const [entry] = await source.$queryRaw<{ before: unknown; after: unknown }[]>`
      SELECT before, after FROM audit_entries WHERE tenant_id = ${tenantId}::uuid AND seq > ${since}
      AND action = 'connection.updated'`;
    expect(entry).toMatchObject({
      before: { baseUrl: before.baseUrl, auth: { state: 'set' } },
      after: {
        baseUrl: 'https://erp.example.com/api',
        auth: { state: 'unset' },
        authCleared: 'the base URL moved to another origin (scheme, host or port)',
      },
    });
    // put back as it was, credentials included, for the tests after this one
    await source.connection.update({
      where: { id: before.id },
      data: { baseUrl: before.baseUrl, credentialsEncrypted: before.credentialsEncrypted },
    });
  });

  it('(e) puts no secret in the document', async () => {
    const texts = [await exportText(source), toJson(await exportConfig(source, 'acme'))];
    const secrets = [...Object.values(SECRETS), alertSecret, ...sealedValues];
    expect(sealedValues.length).toBeGreaterThan(5);
    for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
    // the generic connection's auth type names the OAuth grant, the one such word a setting has
    for (const text of texts)
      expect(text.replaceAll('oauth2_client_credentials', '')).not.toMatch(
        /secret|credential|password/i,
      );
  });
});
