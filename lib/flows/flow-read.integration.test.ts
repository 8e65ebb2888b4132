// Flows read back through the API's presenters against a real ledger: what create and patch wrote
// is what GET answers (field by field, under the names they take), every answer parses with its
// documented response schema as it goes over the wire, and another tenant's flow is not found.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { setFlowPaused } from '@/lib/engine/pause';
import { isAppError } from '@/lib/errors';
import { seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { demoTenant, type FixtureTenant } from '@/test/support/overview-fixtures';
import { recordingWaker } from '@/test/support/wakes';
import { createFlow } from './create-flow';
import { deleteFlow } from './delete-flow';
import type { FlowInput } from './flow-input';
import { findFlowSettings } from './flow-form.presenter';
import { getFlow, listFlows } from './flow-read.presenter';
import {
  flowCreatedResponse,
  flowDeletedResponse,
  flowListResponse,
  flowResponse,
  flowRetiredResponse,
  flowUpdatedResponse,
} from './flows-responses';
import { retireFlow } from './retire-flow';
import { patchFlow } from './update-flow';

let ledger: SeededLedger;
let acme: FixtureTenant;
let globex: FixtureTenant;
let by: { actor: { userId: string; name: string }; requestId: string };

beforeAll(async () => {
  ledger = await seededLedger();
  acme = await demoTenant(ledger.db, 'acme');
  globex = await demoTenant(ledger.db, 'globex');
  const admin = await ledger.db.user.findUniqueOrThrow({
    where: { email: 'admin@acme.test' },
    select: { id: true, name: true },
  });
  by = { actor: { userId: admin.id, name: admin.name }, requestId: 'req-flow-read-0001' };
});
afterAll(async () => ledger?.drop());

const conn = (t: FixtureTenant, key: string) => t.connections[key] ?? '';

/** The answer as the route sends it (JSON), parsed with its documented schema (throws if not). */
function onTheWire<S extends z.ZodType>(schema: S, answer: unknown): z.output<S> {
  return schema.parse(JSON.parse(JSON.stringify(answer)));
}

/** commerce refund.created -> CRM upsert_customer: a route the demo does not have. */
function input(overrides: Partial<FlowInput> = {}): FlowInput {
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

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

describe('reading flows back', () => {
  it('GET one answers what create wrote, with the budget of each retrying class', async () => {
    const dependsOn = acme.flows['refunds-to-erp'] ?? null;
    const created = await createFlow(
      ledger.db,
      acme.tenantId,
      input({
        retryPolicy: {
          maxAttempts: 5,
          classes: { provider_outage: { baseDelayMs: 30_000, maxDelayMs: 900_000 } },
        },
        dependsOnFlowId: dependsOn,
        reconciliation: { scheduled: false, cron: '30 3 * * *' },
        slaMinutes: 45,
      }),
      by,
    );
    onTheWire(flowCreatedResponse, created);

    const flow = onTheWire(flowResponse, await getFlow(ledger.db, acme.tenantId, created.id));
    expect(flow).toEqual({
      id: created.id,
      key: created.key,
      name: 'Refunds to CRM',
      status: 'active',
      pause: null,
      sourceConnectionId: conn(acme, 'commerce'),
      source: { key: 'commerce', name: 'Storefront' },
      eventType: 'refund.created',
      targetConnectionId: conn(acme, 'crm'),
      target: { key: 'crm', name: 'CRM' },
      operation: 'upsert_customer',
      activeMappingVersion: null,
      mappingVersionCount: 0,
      retryPolicy: {
        maxAttempts: 5,
        baseDelayMs: 1000,
        maxDelayMs: 300_000,
        classes: { provider_outage: { baseDelayMs: 30_000, maxDelayMs: 900_000 } },
      },
      dependsOnFlowId: dependsOn,
      dependsOn: { key: 'refunds-to-erp', name: expect.any(String) as string },
      reconciliation: { scheduled: false, cron: '30 3 * * *' },
      slaMinutes: 45,
      retryByClass: {
        rate_limited: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 300_000 },
        timeout: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 300_000 },
        provider_outage: { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 900_000 },
        missing_dependency: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 300_000 },
        unknown: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 300_000 },
      },
      transactionCount: 0,
    });

    // the settings are the ones the flow form edits and PATCH starts from, field for field
    const settings = await findFlowSettings(ledger.db, acme.tenantId, created.id);
    expect(settings).not.toBeNull();
    for (const [field, value] of Object.entries(settings ?? {}))
      expect(flow[field as keyof typeof flow], field).toEqual(value);
  });

  it('GET one and the list answer what a patch changed; the list is the tenant’s flows', async () => {
    const created = await createFlow(ledger.db, acme.tenantId, input({ slaMinutes: 30 }), by);
    const patched = await patchFlow(
      ledger.db,
      acme.tenantId,
      created.id,
      {
        name: 'Refunds to the CRM',
        retryPolicy: { classes: { timeout: { maxAttempts: 2 } } },
        reconciliation: { cron: '0 4 * * *' },
        slaMinutes: null,
      },
      by,
    );
    expect(onTheWire(flowUpdatedResponse, patched).changed).toEqual([
      'name',
      'retryPolicy',
      'reconciliation',
      'slaMinutes',
    ]);

    const flow = await getFlow(ledger.db, acme.tenantId, created.id);
    expect(flow).toMatchObject({
      name: 'Refunds to the CRM',
      retryPolicy: { maxAttempts: 8, classes: { timeout: { maxAttempts: 2 } } },
      reconciliation: { scheduled: true, cron: '0 4 * * *' },
      slaMinutes: null,
    });
    expect(flow.retryByClass.timeout).toEqual({
      maxAttempts: 2,
      baseDelayMs: 1000,
      maxDelayMs: 300_000,
    });
    expect(flow.retryByClass.rate_limited.maxAttempts).toBe(8);

    const { flows } = onTheWire(flowListResponse, {
      flows: await listFlows(ledger.db, acme.tenantId),
    });
    const { retryByClass: _budgets, transactionCount: _count, ...summary } = flow;
    expect(flows.find((f) => f.id === created.id)).toEqual(summary);
    // the demo flows are listed too, with their active mapping versions and own SLA rules
    expect(flows.map((f) => f.key)).toEqual(expect.arrayContaining(Object.keys(acme.flows)));
    expect(flows.some((f) => f.activeMappingVersion !== null)).toBe(true);
    for (const f of flows) expect(f, f.key).toEqual(await summaryOf(f.id));
    expect(flows.every((f) => !Object.values(globex.flows).includes(f.id))).toBe(true);
  });

  it('a paused flow says who paused it, when and why', async () => {
    const created = await createFlow(ledger.db, acme.tenantId, input(), by);
    await setFlowPaused(ledger.db, acme.tenantId, created.id, true, {
      actor: { id: by.actor.userId, label: by.actor.name },
      reason: 'CRM maintenance window',
      wake: recordingWaker().wake,
    });
    const flow = onTheWire(flowResponse, await getFlow(ledger.db, acme.tenantId, created.id));
    expect(flow.status).toBe('paused');
    expect(flow.pause).toEqual({
      at: expect.any(String) as string,
      by: expect.any(String) as string,
      reason: 'CRM maintenance window',
    });
  });

  it('retire and delete answer as documented; a retired flow still reads back', async () => {
    const created = await createFlow(ledger.db, acme.tenantId, input(), by);
    onTheWire(flowRetiredResponse, await retireFlow(ledger.db, acme.tenantId, created.id, by));
    expect((await getFlow(ledger.db, acme.tenantId, created.id)).status).toBe('retired');
    const deleted = await deleteFlow(ledger.db, acme.tenantId, created.id, by);
    expect(onTheWire(flowDeletedResponse, deleted)).toEqual({
      id: created.id,
      key: created.key,
      name: created.name,
    });
    expect(await codeOf(getFlow(ledger.db, acme.tenantId, created.id))).toBe('NOT_FOUND');
  });

  it("another tenant's flow is not found, and a malformed id neither", async () => {
    const theirs = globex.flows['orders-paid-to-crm'] ?? '';
    expect(theirs).not.toBe('');
    expect(await codeOf(getFlow(ledger.db, acme.tenantId, theirs))).toBe('NOT_FOUND');
    expect(await codeOf(getFlow(ledger.db, acme.tenantId, 'not-a-uuid'))).toBe('NOT_FOUND');
    expect((await getFlow(ledger.db, globex.tenantId, theirs)).id).toBe(theirs);
    const listed = await listFlows(ledger.db, globex.tenantId);
    expect(listed.map((f) => f.id).sort()).toEqual(Object.values(globex.flows).sort());
  });
});

/** A flow as GET one answers it, without what only GET one has. */
async function summaryOf(id: string) {
  const {
    retryByClass: _budgets,
    transactionCount: _count,
    ...summary
  } = await getFlow(ledger.db, acme.tenantId, id);
  return JSON.parse(JSON.stringify(summary)) as unknown;
}
