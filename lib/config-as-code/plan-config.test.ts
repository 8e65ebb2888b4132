import { describe, expect, it } from 'vitest';
import { configDocumentSchema, type ConfigDocument, type FlowDoc } from './document';
import { planConfig, usageNeeded, type ConfigUsage } from './plan-config';

const NO_USAGE: ConfigUsage = { flowTransactions: {}, connectionInboundEvents: {} };

const version = (n: number, expression = `{ "v": ${n} }`) => ({
  version: n,
  expression,
  outputSchema: {},
  statusTable: { OK: 'completed' },
  fieldOwnership: {},
  note: `version ${n}`,
});

/** Two connections, two flows (erp depends on warehouse), one SLA rule, one alert rule. */
function stored(): ConfigDocument {
  return configDocumentSchema.parse({
    apiVersion: 'waybill/v1',
    kind: 'TenantConfiguration',
    tenant: { slug: 'acme', name: 'Acme' },
    connections: [
      { key: 'commerce', name: 'Storefront', provider: 'commerce', baseUrl: 'http://shop.test' },
      {
        key: 'erp',
        name: 'ERP',
        provider: 'erp',
        baseUrl: 'http://erp.test',
        rateLimitPerSecond: 40,
      },
      { key: 'warehouse', name: 'Warehouse', provider: 'warehouse', baseUrl: 'http://wms.test' },
    ],
    flows: [
      {
        key: 'to-warehouse',
        name: 'Paid orders to the warehouse',
        source: 'commerce',
        eventType: 'order.paid',
        target: 'warehouse',
        operation: 'create_fulfilment',
        retryPolicy: { maxAttempts: 5 },
        mapping: { active: 2, versions: [version(1), version(2)] },
      },
      {
        key: 'to-erp',
        name: 'Paid orders to the ERP',
        source: 'commerce',
        eventType: 'order.paid',
        target: 'erp',
        operation: 'create_sales_order',
        dependsOn: 'to-warehouse',
        mapping: { active: 1, versions: [version(1)] },
      },
    ],
    slaRules: [{ name: 'Warehouse in 30 minutes', expectFlow: 'to-warehouse', withinMinutes: 30 }],
    alertRules: [
      {
        name: 'ERP failing',
        kind: 'failure_rate',
        params: { flow: 'to-erp', ratePercent: 20 },
        webhookUrl: 'https://hooks.example.com/services/T000/B000/XXXX',
      },
    ],
  });
}

/** A copy of the stored document changed by `edit`. */
function desired(edit: (doc: ConfigDocument) => void): ConfigDocument {
  const doc = structuredClone(stored());
  edit(doc);
  return doc;
}

const flow = (doc: ConfigDocument, key: string): FlowDoc => {
  const found = doc.flows.find((f) => f.key === key);
  if (!found) throw new Error(`no flow ${key}`);
  return found;
};
const summaries = (doc: ConfigDocument, usage = NO_USAGE) =>
  planConfig(stored(), doc, usage).changes.map((c) => c.summary);
const conflicts = (doc: ConfigDocument, usage = NO_USAGE) =>
  planConfig(stored(), doc, usage).conflicts;

describe('planConfig', () => {
  it('plans nothing for the stored document', () => {
    expect(planConfig(stored(), stored(), NO_USAGE)).toEqual({ changes: [], conflicts: [] });
  });

  it("changes the tenant's policies in one line, field by field", () => {
    const doc = desired((d) => {
      d.policies.payloadRetentionDays = 30;
      d.policies.singleSignOn = { joinRole: 'viewer', joinDomains: ['acme.test'] };
    });
    const plan = planConfig(stored(), doc, NO_USAGE);
    expect(plan.changes).toEqual([
      {
        kind: 'tenant.policies',
        summary:
          'update tenant acme: policies.payloadRetentionDays null -> 30, policies.singleSignOn.joinRole null -> "viewer", policies.singleSignOn.joinDomains [] -> ["acme.test"]',
        before: stored().policies,
        after: doc.policies,
      },
    ]);
  });

  describe('connections', () => {
    it('creates, updates field by field and deletes an unused connection', () => {
      const doc = desired((d) => {
        d.connections.push({ ...d.connections[0]!, key: 'crm', name: 'CRM', provider: 'crm' });
        d.connections[1]!.rateLimitPerSecond = 20;
        d.connections[1]!.settings = { circuit: { failureRate: 0.5 } };
      });
      expect(summaries(doc)).toEqual([
        'create connection crm (crm)',
        'update connection erp: settings.circuit (none) -> {"failureRate":0.5}, rateLimitPerSecond 40 -> 20',
      ]);
      const dropped = desired((d) => {
        d.connections.push({ ...d.connections[0]!, key: 'old', name: 'Old', provider: 'crm' });
      });
      expect(planConfig(dropped, stored(), NO_USAGE).changes.map((c) => c.summary)).toEqual([
        'delete connection old',
      ]);
    });

    it('refuses a change of provider kind', () => {
      const doc = desired((d) => void (d.connections[1]!.provider = 'crm'));
      expect(conflicts(doc)).toEqual([
        'connection erp: the provider kind cannot change (erp -> crm); add a new connection instead',
      ]);
    });

    it('refuses to delete a connection that received webhooks', () => {
      const withOld = desired((d) => {
        d.connections.push({ ...d.connections[0]!, key: 'old', name: 'Old', provider: 'crm' });
      });
      const plan = planConfig(withOld, stored(), {
        ...NO_USAGE,
        connectionInboundEvents: { old: 12 },
      });
      expect(plan.conflicts).toEqual([
        'connection old has 12 inbound events: pause it instead of deleting it',
      ]);
      expect(plan.changes).toEqual([]);
    });

    it('refuses a pause without a reason, and plans one with a reason', () => {
      const silent = desired((d) => void (d.connections[2]!.status = 'paused'));
      expect(conflicts(silent)).toEqual([
        'connection warehouse: say why it is paused (pauseReason); the reason is shown on every transaction the pause holds',
      ]);
      const explained = desired((d) => {
        d.connections[2]!.status = 'paused';
        d.connections[2]!.pauseReason = 'stocktake until Monday';
      });
      expect(conflicts(explained)).toEqual([]);
      expect(summaries(explained)).toEqual([
        'update connection warehouse: status "active" -> "paused", pauseReason null -> "stocktake until Monday"',
      ]);
      // paused before reasons were kept: it may stay paused without one
      const legacy = structuredClone(silent);
      expect(planConfig(legacy, legacy, NO_USAGE).conflicts).toEqual([]);
    });

    it('refuses a reason on what is not paused', () => {
      const doc = structuredClone(stored()) as unknown as {
        connections: { pauseReason: string }[];
      };
      doc.connections[0]!.pauseReason = 'stocktake';
      const parsed = configDocumentSchema.safeParse(doc);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({
        path: ['connections', 0, 'pauseReason'],
        message: 'a pause reason belongs to a paused connection only (status is active)',
      });
    });

    it('refuses to delete a connection a staying flow uses', () => {
      const doc = desired((d) => void d.connections.splice(1, 1));
      expect(conflicts(doc)).toEqual([
        'connection erp cannot be deleted: flow to-erp uses it (target connection); change or delete that too',
      ]);
    });
  });

  describe('flows', () => {
    it('refuses a new paused flow without a reason', () => {
      const doc = desired((d) => {
        d.flows.push({ ...flow(d, 'to-erp'), key: 'to-erp-2', dependsOn: null, status: 'paused' });
      });
      expect(conflicts(doc)).toEqual([
        'flow to-erp-2: say why it is paused (pauseReason); the reason is shown on every transaction the pause holds',
      ]);
    });

    it('shows a changed retry policy as one line per field', () => {
      const doc = desired((d) => void (flow(d, 'to-warehouse').retryPolicy.maxAttempts = 8));
      expect(summaries(doc)).toEqual(['update flow to-warehouse: retryPolicy.maxAttempts 5 -> 8']);
    });

    it('creates flows after the flows they depend on, each with its mapping versions', () => {
      const doc = desired((d) => {
        const base = flow(d, 'to-erp');
        d.flows.push(
          { ...structuredClone(base), key: 'b-later', dependsOn: 'z-first' },
          { ...structuredClone(base), key: 'z-first', dependsOn: null },
        );
      });
      expect(summaries(doc)).toEqual([
        'create flow z-first (commerce order.paid -> erp create_sales_order)',
        'create flow b-later (commerce order.paid -> erp create_sales_order)',
        'add mapping version 1 of flow z-first (active)',
        'add mapping version 1 of flow b-later (active)',
      ]);
    });

    it('refuses to delete a flow that has transactions', () => {
      const doc = desired((d) => {
        d.flows = d.flows.filter((f) => f.key !== 'to-erp');
        d.alertRules = [];
      });
      const usage = { ...NO_USAGE, flowTransactions: { 'to-erp': 3 } };
      expect(conflicts(doc, usage)).toEqual([
        'flow to-erp has 3 transactions: pause or retire it instead of deleting it',
      ]);
      expect(planConfig(stored(), doc, usage).changes.map((c) => c.kind)).not.toContain(
        'flow.delete',
      );
    });

    it('refuses to delete a flow that reconciliation runs name', () => {
      const doc = desired((d) => {
        d.flows = d.flows.filter((f) => f.key !== 'to-erp');
        d.alertRules = [];
      });
      const usage = { ...NO_USAGE, flowReconciliationRuns: { 'to-erp': 1 } };
      expect(conflicts(doc, usage)).toEqual([
        'flow to-erp has 1 reconciliation run: pause or retire it instead of deleting it',
      ]);
    });

    it('deletes a flow without history, after the rules that named it', () => {
      const doc = desired((d) => {
        d.flows = d.flows.filter((f) => f.key !== 'to-erp');
        d.alertRules = [];
      });
      expect(summaries(doc)).toEqual(['delete alert rule "ERP failing"', 'delete flow to-erp']);
    });

    it('refuses a staying rule or flow that names a deleted flow', () => {
      const doc = desired((d) => void (d.flows = d.flows.filter((f) => f.key !== 'to-warehouse')));
      expect(conflicts(doc)).toEqual([
        'flow to-warehouse cannot be deleted: flow to-erp uses it (dependency); change or delete that too',
        'flow to-warehouse cannot be deleted: SLA rule "Warehouse in 30 minutes" uses it (expected flow); change or delete that too',
      ]);
    });

    it('refuses a new route for a flow with transactions, allows it without', () => {
      const doc = desired((d) => void (flow(d, 'to-erp').operation = 'record_payment'));
      expect(conflicts(doc, { ...NO_USAGE, flowTransactions: { 'to-erp': 7 } })).toEqual([
        'flow to-erp has 7 transactions: its operation cannot change; add a new flow and pause this one',
      ]);
      expect(summaries(doc)).toEqual([
        'update flow to-erp: operation "create_sales_order" -> "record_payment"',
      ]);
    });

    it('refuses flows that depend on each other in a circle', () => {
      const doc = desired((d) => void (flow(d, 'to-warehouse').dependsOn = 'to-erp'));
      expect(conflicts(doc)).toEqual([
        'flows to-warehouse -> to-erp -> to-warehouse depend on each other in a circle',
      ]);
    });

    it('refuses a reference to a connection that never existed', () => {
      const doc = desired((d) => void (flow(d, 'to-erp').target = 'nowhere'));
      expect(conflicts(doc)).toContain(
        'flow to-erp: target connection nowhere is not in the document',
      );
    });
  });

  describe('mapping versions', () => {
    it('refuses an edited stored version and names the next number', () => {
      const doc = desired((d) => {
        flow(d, 'to-warehouse').mapping.versions[1]!.expression = '{ "edited": true }';
      });
      expect(conflicts(doc)).toEqual([
        'mapping version 2 of flow to-warehouse differs from the stored one (expression): versions are immutable, add version 3',
      ]);
    });

    it('refuses an edited status table the same way', () => {
      const doc = desired((d) => {
        flow(d, 'to-erp').mapping.versions[0]!.statusTable = { DONE: 'completed' };
      });
      expect(conflicts(doc)).toEqual([
        'mapping version 1 of flow to-erp differs from the stored one (statusTable): versions are immutable, add version 2',
      ]);
    });

    it('does not count whitespace around a note as an edit', () => {
      const doc = desired(
        (d) => void (flow(d, 'to-erp').mapping.versions[0]!.note = ' version 1 '),
      );
      expect(planConfig(stored(), doc, NO_USAGE)).toEqual({ changes: [], conflicts: [] });
    });

    it('adds a new version and activates it', () => {
      const doc = desired((d) => {
        const mapping = flow(d, 'to-warehouse').mapping;
        mapping.versions.push(structuredClone({ ...mapping.versions[1]!, version: 3 }));
        mapping.active = 3;
      });
      const plan = planConfig(stored(), doc, NO_USAGE);
      expect(plan.changes.map((c) => c.summary)).toEqual([
        'add mapping version 3 of flow to-warehouse (active)',
      ]);
      expect(plan.changes[0]).toMatchObject({ kind: 'mapping.add', activate: true });
    });

    it('adds a version without activating it, and activates a stored one', () => {
      const doc = desired((d) => {
        const mapping = flow(d, 'to-warehouse').mapping;
        mapping.versions.push(structuredClone({ ...mapping.versions[1]!, version: 3 }));
        mapping.active = 1;
      });
      expect(summaries(doc)).toEqual([
        'add mapping version 3 of flow to-warehouse',
        'activate mapping version 1 of flow to-warehouse (was 2)',
      ]);
    });

    it('refuses to drop a stored version, to number a new one below it, or to activate none', () => {
      const dropped = desired((d) => void flow(d, 'to-warehouse').mapping.versions.shift());
      expect(conflicts(dropped)).toEqual([
        'mapping version 1 of flow to-warehouse is stored but not in the document: versions are never deleted, keep it',
      ]);
      const none = desired((d) => void (flow(d, 'to-erp').mapping.active = null));
      expect(conflicts(none)).toEqual([
        'flow to-erp: the document activates no mapping version but version 1 is active; name the version to use',
      ]);
      const missing = desired((d) => void (flow(d, 'to-erp').mapping.active = 4));
      expect(conflicts(missing)).toEqual([
        'flow to-erp: the active mapping version 4 is not among its versions',
      ]);
      const low = planConfig(
        desired((d) => void flow(d, 'to-erp').mapping.versions.push(version(5))),
        desired((d) => void flow(d, 'to-erp').mapping.versions.push(version(5), version(3))),
        NO_USAGE,
      );
      expect(low.conflicts).toEqual([
        'mapping version 3 of flow to-erp is new but version 5 is stored: number new versions from 6',
      ]);
    });
  });

  describe('SLA and alert rules', () => {
    it('creates, updates and deletes rules by name', () => {
      const doc = desired((d) => {
        d.slaRules[0]!.withinMinutes = 45;
        d.slaRules.push({ ...d.slaRules[0]!, name: 'ERP in an hour', expectFlow: 'to-erp' });
        d.alertRules = [];
      });
      expect(summaries(doc)).toEqual([
        'delete alert rule "ERP failing"',
        'create SLA rule "ERP in an hour"',
        'update SLA rule "Warehouse in 30 minutes": withinMinutes 30 -> 45',
      ]);
    });

    it('shows a changed webhook URL without its path', () => {
      const doc = desired(
        (d) => void (d.alertRules[0]!.webhookUrl = 'https://alerts.example.org/x?token=1'),
      );
      expect(summaries(doc)).toEqual([
        'update alert rule "ERP failing": webhookUrl "https://hooks.example.com/…" -> "https://alerts.example.org/…"',
      ]);
    });

    it('refuses a change of alert kind and a reference to a deleted SLA rule', () => {
      const doc = desired((d) => {
        d.alertRules[0]!.kind = 'backlog_age';
        d.alertRules.push({
          ...d.alertRules[0]!,
          name: 'Breaches',
          kind: 'sla_breach',
          params: { slaRule: 'Warehouse in 30 minutes' },
        });
        d.slaRules = [];
      });
      expect(conflicts(doc)).toEqual([
        'SLA rule Warehouse in 30 minutes cannot be deleted: alert rule "Breaches" uses it (SLA rule); change or delete that too',
        'alert rule "ERP failing": the kind cannot change (failure_rate -> backlog_age); give the new rule another name',
      ]);
    });

    it('refuses to guess between stored rules sharing a name', () => {
      const twice = desired((d) => void d.slaRules.push({ ...d.slaRules[0]!, withinMinutes: 60 }));
      expect(planConfig(twice, stored(), NO_USAGE).conflicts).toEqual([
        'several SLA rules are named "Warehouse in 30 minutes" in the database: rename them in the console first',
      ]);
    });
  });

  describe('tenant', () => {
    it('renames the tenant and refuses another tenant’s document', () => {
      expect(summaries(desired((d) => void (d.tenant.name = 'Acme Ltd')))).toEqual([
        'update tenant acme: name "Acme" -> "Acme Ltd"',
      ]);
      expect(conflicts(desired((d) => void (d.tenant.slug = 'globex')))).toEqual([
        'the document is for tenant globex, not acme: change tenant.slug to apply it here',
      ]);
    });
  });

  it('orders changes so references exist when written and go last', () => {
    const doc = desired((d) => {
      d.connections.push({ ...d.connections[0]!, key: 'crm', name: 'CRM', provider: 'crm' });
      d.flows.push({
        ...structuredClone(flow(d, 'to-erp')),
        key: 'to-crm',
        target: 'crm',
        dependsOn: null,
      });
      d.slaRules = [
        {
          name: 'CRM in 10 minutes',
          startFlow: null,
          expectFlow: 'to-crm',
          withinMinutes: 10,
          enabled: true,
        },
      ];
    });
    expect(summaries(doc)).toEqual([
      'delete SLA rule "Warehouse in 30 minutes"',
      'create connection crm (crm)',
      'create flow to-crm (commerce order.paid -> crm create_sales_order)',
      'add mapping version 1 of flow to-crm (active)',
      'create SLA rule "CRM in 10 minutes"',
    ]);
  });
});

describe('usageNeeded', () => {
  it('asks for the history of flows that go or are rerouted and connections that go', () => {
    const doc = desired((d) => {
      flow(d, 'to-erp').eventType = 'order.created';
      flow(d, 'to-warehouse').name = 'renamed only';
      d.connections = d.connections.filter((c) => c.key !== 'warehouse');
      d.flows = d.flows.filter((f) => f.key !== 'to-warehouse');
    });
    expect(usageNeeded(stored(), doc)).toEqual({
      flows: ['to-warehouse', 'to-erp'],
      connections: ['warehouse'],
    });
  });
});
