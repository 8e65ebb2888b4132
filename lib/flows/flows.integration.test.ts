// Flow configuration against a real ledger: create, edit (audit before/after, the SLA rule it
// implies), retire (ingest records no transaction for it, the pause toggle refuses it, an edit
// brings it back), delete (only without history) and the refusals a form shows beside its fields.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setFlowPaused } from '@/lib/engine/pause';
import { isAppError } from '@/lib/errors';
import { recordInbound } from '@/lib/ingest/record-inbound';
import { clearIngestTargetCache } from '@/lib/ingest/resolve-target';
import {
  FIXTURE_KEY_RING,
  insertTransaction,
  seededLedger,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { demoTenant, type FixtureTenant } from '@/test/support/overview-fixtures';
import { recordingWaker } from '@/test/support/wakes';
import { sampleOrder, signedOrderWebhook } from '@/test/support/webhooks';
import { createFlow } from './create-flow';
import { deleteFlow } from './delete-flow';
import type { FlowInput, FlowUpdateInput } from './flow-input';
import { findFlowSettings, listFlowFormOptions } from './flow-form.presenter';
import { retireFlow } from './retire-flow';
import { updateFlow } from './update-flow';

let ledger: SeededLedger;
let acme: FixtureTenant;
let globex: FixtureTenant;
let by: { actor: { userId: string; name: string }; requestId: string };
let orderNumber = 8100;

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
  globex = await demoTenant(ledger.db, 'globex');
  const admin = await ledger.db.user.findUniqueOrThrow({
    where: { email: 'admin@acme.test' },
    select: { id: true, name: true },
  });
  by = { actor: { userId: admin.id, name: admin.name }, requestId: 'req-flows-0001' };
});
afterAll(async () => ledger?.drop());
beforeEach(() => clearIngestTargetCache());

const conn = (t: FixtureTenant, key: string) => t.connections[key] ?? '';
const auditOf = (objectId: string) =>
  ledger.db.auditEntry.findMany({
    where: { tenantId: acme.tenantId, objectId },
    orderBy: { seq: 'asc' },
  });

/** commerce refund.created -> CRM upsert_customer: a route the demo does not have. */
function input(overrides: Partial<FlowUpdateInput> = {}): FlowUpdateInput {
  return {
    name: 'Refunds to CRM',
    key: `refunds-to-crm-${randomUUID().slice(0, 8)}`,
    sourceConnectionId: conn(acme, 'commerce'),
    eventType: 'refund.created',
    targetConnectionId: conn(acme, 'crm'),
    operation: 'upsert_customer',
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error))
      return {
        code: error.code,
        fields: Object.keys(
          (error.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ??
            {},
        ),
        message: error.message,
      };
    throw error;
  }
  return { code: 'no error', fields: [], message: '' };
}

async function deliverPaidOrder(): Promise<{ kind: string; flowIds: string[] }> {
  orderNumber += 1;
  const hook = signedOrderWebhook(sampleOrder(orderNumber), 'secret-secret', {
    eventId: randomUUID(),
  });
  const outcome = await recordInbound(
    { db: ledger.db, keyRing: FIXTURE_KEY_RING, wake: recordingWaker().wake },
    {
      tenantSlug: 'acme',
      connectionKey: 'commerce',
      rawBody: Buffer.from(hook.body),
      headers: new Headers(hook.headers),
      tooLarge: false,
      sizeBytes: hook.body.length,
    },
  );
  if (outcome.kind !== 'accepted') return { kind: outcome.kind, flowIds: [] };
  const rows = await ledger.db.transaction.findMany({
    where: { id: { in: outcome.transactionIds } },
    select: { flowId: true },
  });
  return { kind: outcome.kind, flowIds: rows.map((r) => r.flowId) };
}

describe('flow configuration', () => {
  it('creates a flow with retry overrides and an SLA, audited with its after state', async () => {
    const created = await createFlow(
      ledger.db,
      acme.tenantId,
      input({
        retryPolicy: { maxAttempts: 5, classes: { provider_outage: { baseDelayMs: 30_000 } } },
        dependsOnFlowId: acme.flows['refunds-to-erp'] ?? null,
        slaMinutes: 45,
      }),
      by,
    );
    const settings = await findFlowSettings(ledger.db, acme.tenantId, created.id);
    expect(settings).toMatchObject({
      status: 'active',
      eventType: 'refund.created',
      operation: 'upsert_customer',
      retryPolicy: {
        maxAttempts: 5,
        baseDelayMs: 1000,
        classes: { provider_outage: { baseDelayMs: 30_000 } },
      },
      dependsOnFlowId: acme.flows['refunds-to-erp'],
      reconciliation: { scheduled: true, cron: null },
      slaMinutes: 45,
      transactionCount: 0,
    });
    const [entry] = await auditOf(created.id);
    expect(entry).toMatchObject({ action: 'flow.created', before: null, requestId: by.requestId });
    expect(entry?.after).toMatchObject({
      key: created.key,
      source: 'Storefront',
      target: 'CRM',
      slaMinutes: 45,
      retryPolicy: { classes: { provider_outage: { baseDelayMs: 30_000 } } },
    });
    const rule = await ledger.db.slaRule.findFirstOrThrow({
      where: { expectFlowId: created.id, startFlowId: null },
    });
    expect(rule).toMatchObject({ withinMinutes: 45, enabled: true });
  });

  it('an edit records the changed fields before and after; no change records nothing', async () => {
    const flow = await createFlow(ledger.db, acme.tenantId, input({ slaMinutes: 30 }), by);
    const same = await updateFlow(
      ledger.db,
      acme.tenantId,
      flow.id,
      input({ key: flow.key, slaMinutes: 30 }),
      by,
    );
    expect(same.changed).toEqual([]);
    const edited = await updateFlow(
      ledger.db,
      acme.tenantId,
      flow.id,
      input({
        key: flow.key,
        name: 'Refunds to the CRM',
        retryPolicy: { classes: { provider_outage: { baseDelayMs: 60_000, maxDelayMs: 600_000 } } },
        slaMinutes: null,
      }),
      by,
    );
    expect(edited.changed).toEqual(['name', 'retryPolicy', 'slaMinutes']);
    const entries = await auditOf(flow.id);
    expect(entries.map((e) => e.action)).toEqual(['flow.created', 'flow.updated']);
    expect(entries[1]?.before).toMatchObject({
      name: 'Refunds to CRM',
      retryPolicy: { baseDelayMs: 1000, classes: {} },
      slaMinutes: 30,
    });
    expect(entries[1]?.after).toMatchObject({
      name: 'Refunds to the CRM',
      retryPolicy: { classes: { provider_outage: { baseDelayMs: 60_000, maxDelayMs: 600_000 } } },
      slaMinutes: null,
    });
    // the SLA rule is switched off, not deleted (its breaches are history)
    const rule = await ledger.db.slaRule.findFirstOrThrow({ where: { expectFlowId: flow.id } });
    expect(rule.enabled).toBe(false);
    const ruleAudit = await ledger.db.auditEntry.findMany({
      where: { objectId: rule.id },
      orderBy: { seq: 'asc' },
    });
    expect(ruleAudit.map((e) => e.action)).toEqual(['sla_rule.created', 'sla_rule.updated']);
  });

  it('a retired flow gets no transaction from a delivery, refuses the pause toggle, comes back by edit', async () => {
    const flow = await createFlow(ledger.db, acme.tenantId, input({ eventType: 'order.paid' }), by);
    expect((await deliverPaidOrder()).flowIds).toContain(flow.id);

    const retired = await retireFlow(ledger.db, acme.tenantId, flow.id, by);
    expect(retired).toMatchObject({ status: 'retired', changed: true });
    expect((await retireFlow(ledger.db, acme.tenantId, flow.id, by)).changed).toBe(false);
    clearIngestTargetCache();
    const after = await deliverPaidOrder();
    expect(after.kind).toBe('accepted');
    expect(after.flowIds).not.toContain(flow.id);
    expect(after.flowIds).toContain(acme.flows['orders-paid-to-warehouse']);

    const toggle = await refusal(
      setFlowPaused(ledger.db, acme.tenantId, flow.id, false, {
        actor: { id: by.actor.userId, label: by.actor.name },
        wake: recordingWaker().wake,
      }),
    );
    expect(toggle.code).toBe('CONFLICT');

    const back = await updateFlow(
      ledger.db,
      acme.tenantId,
      flow.id,
      input({ key: flow.key, eventType: 'order.paid', status: 'active' }),
      by,
    );
    expect(back).toMatchObject({ status: 'active', changed: ['status'] });
    const entries = await auditOf(flow.id);
    expect(entries.map((e) => e.action)).toEqual(['flow.created', 'flow.retired', 'flow.updated']);
    expect(entries[1]).toMatchObject({
      before: { status: 'active' },
      after: { status: 'retired' },
    });
    expect(entries[2]).toMatchObject({
      before: { status: 'retired' },
      after: { status: 'active' },
    });
    clearIngestTargetCache();
    expect((await deliverPaidOrder()).flowIds).toContain(flow.id);
  });

  it('deletes a flow without history (audited) and refuses one with transactions', async () => {
    const empty = await createFlow(ledger.db, acme.tenantId, input({ slaMinutes: 10 }), by);
    await deleteFlow(ledger.db, acme.tenantId, empty.id, by);
    expect(await ledger.db.flow.findFirst({ where: { id: empty.id } })).toBeNull();
    expect(await ledger.db.slaRule.count({ where: { expectFlowId: empty.id } })).toBe(0);
    const entries = await auditOf(empty.id);
    expect(entries.map((e) => e.action)).toEqual(['flow.created', 'flow.deleted']);
    expect(entries[1]).toMatchObject({ after: null, before: { key: empty.key, slaMinutes: 10 } });

    await insertTransaction(ledger); // the demo flow now has history
    const busy = await refusal(deleteFlow(ledger.db, acme.tenantId, ledger.flowId, by));
    expect(busy.code).toBe('CONFLICT');
    expect(busy.message).toMatch(/retire it instead/);
    expect(await ledger.db.flow.count({ where: { id: ledger.flowId } })).toBe(1);
  });

  it('refuses bad input beside the field it concerns', async () => {
    const cases: [Partial<FlowInput>, string, string][] = [
      [{ key: 'Bad Key' }, 'VALIDATION_FAILED', 'key'],
      [{ key: 'orders-paid-to-erp' }, 'CONFLICT', 'key'],
      [{ eventType: 'order.teleported' }, 'VALIDATION_FAILED', 'eventType'],
      [{ operation: 'create_fulfilment' }, 'VALIDATION_FAILED', 'operation'],
      [{ sourceConnectionId: conn(globex, 'commerce') }, 'VALIDATION_FAILED', 'sourceConnectionId'],
      [{ targetConnectionId: randomUUID() }, 'VALIDATION_FAILED', 'targetConnectionId'],
      [
        { dependsOnFlowId: globex.flows['orders-paid-to-erp'] },
        'VALIDATION_FAILED',
        'dependsOnFlowId',
      ],
      [
        { retryPolicy: { classes: { validation: { maxAttempts: 3 } } } as never },
        'VALIDATION_FAILED',
        'retryPolicy.classes',
      ],
      [{ slaMinutes: 0 }, 'VALIDATION_FAILED', 'slaMinutes'],
      [{ reconciliation: { cron: 'every day' } }, 'VALIDATION_FAILED', 'reconciliation.cron'],
    ];
    for (const [overrides, code, field] of cases) {
      const got = await refusal(createFlow(ledger.db, acme.tenantId, input(overrides), by));
      expect({ overrides, code: got.code, field: got.fields[0] }).toEqual({
        overrides,
        code,
        field,
      });
    }
  });

  it('refuses a dependency on itself or in a circle, and a reroute of a flow with history', async () => {
    const a = await createFlow(ledger.db, acme.tenantId, input(), by);
    const b = await createFlow(ledger.db, acme.tenantId, input({ dependsOnFlowId: a.id }), by);
    const self = await refusal(
      updateFlow(ledger.db, acme.tenantId, a.id, input({ key: a.key, dependsOnFlowId: a.id }), by),
    );
    expect(self).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['dependsOnFlowId'] });
    const circle = await refusal(
      updateFlow(ledger.db, acme.tenantId, a.id, input({ key: a.key, dependsOnFlowId: b.id }), by),
    );
    expect(circle).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['dependsOnFlowId'] });
    expect(circle.message).toMatch(/circle/);

    // retiring a flow another one waits for would leave that one waiting forever
    expect((await refusal(retireFlow(ledger.db, acme.tenantId, a.id, by))).code).toBe('CONFLICT');

    const demo = await findFlowSettings(ledger.db, acme.tenantId, ledger.flowId);
    if (!demo) throw new Error('the demo flow is gone');
    const reroute = await refusal(
      updateFlow(
        ledger.db,
        acme.tenantId,
        ledger.flowId,
        {
          name: demo.name,
          key: demo.key,
          sourceConnectionId: demo.sourceConnectionId,
          eventType: demo.eventType,
          targetConnectionId: conn(acme, 'commerce'),
          operation: 'update_fulfilment',
          retryPolicy: demo.retryPolicy,
        },
        by,
      ),
    );
    expect(reroute).toMatchObject({ code: 'CONFLICT', fields: ['targetConnectionId'] });
  });

  it("another tenant's flow reads as not found and is left alone", async () => {
    const theirs = globex.flows['orders-paid-to-crm'] ?? '';
    expect(await findFlowSettings(ledger.db, acme.tenantId, theirs)).toBeNull();
    expect((await refusal(retireFlow(ledger.db, acme.tenantId, theirs, by))).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusal(deleteFlow(ledger.db, acme.tenantId, theirs, by))).code).toBe(
      'NOT_FOUND',
    );
    const status = await ledger.db.flow.findUniqueOrThrow({
      where: { id: theirs },
      select: { status: true },
    });
    expect(status.status).toBe('active');
  });

  it('offers each connection its adapter event types and operations', async () => {
    const options = await listFlowFormOptions(ledger.db, acme.tenantId);
    const commerce = options.connections.find((c) => c.id === conn(acme, 'commerce'));
    expect(commerce?.eventTypes).toEqual(expect.arrayContaining(['order.paid', 'refund.created']));
    expect(commerce?.operations).toEqual(expect.arrayContaining(['update_fulfilment']));
    expect(options.connections.every((c) => c.id !== conn(globex, 'commerce'))).toBe(true);
    expect(options.retryingClasses).toContain('provider_outage');
  });
});
