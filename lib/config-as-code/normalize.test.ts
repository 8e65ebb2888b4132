import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { configDocumentSchema, type ConfigDocument } from './document';
import { checkBaseUrlAddresses, normalizeDocument } from './normalize';

const base = () =>
  configDocumentSchema.parse({
    apiVersion: 'waybill/v1',
    kind: 'TenantConfiguration',
    tenant: { slug: 'acme', name: 'Acme' },
    connections: [
      { key: 'commerce', name: 'Storefront', provider: 'commerce', baseUrl: 'http://shop.test' },
      { key: 'erp', name: 'ERP', provider: 'erp', baseUrl: 'http://erp.test' },
    ],
    flows: [
      {
        key: 'inventory',
        name: 'Inventory',
        source: 'erp',
        eventType: 'inventory.exported',
        target: 'commerce',
        operation: 'set_inventory',
        poll: { feed: 'inventory_export', everyMs: 60000 },
        mapping: {
          active: 1,
          versions: [
            { version: 1, expression: '$', statusTable: { OK: 'completed' }, note: ' x ' },
          ],
        },
      },
    ],
    alertRules: [
      {
        name: 'Inventory failing',
        kind: 'failure_rate',
        params: { flow: 'inventory', ratePercent: 20 },
        webhookUrl: 'https://hooks.example.com/a',
      },
    ],
  });

const empty = (): ConfigDocument => ({ ...base(), connections: [], flows: [], alertRules: [] });
const OPTIONS = { allowHosts: [] };

function problems(doc: ConfigDocument): string[] {
  try {
    normalizeDocument(doc, empty(), OPTIONS);
  } catch (error) {
    if (error instanceof AppError) return (error.details as { problems: string[] }).problems;
    throw error;
  }
  return [];
}

describe('normalizeDocument', () => {
  it('fills the defaults the stored rows will have', () => {
    const doc = normalizeDocument(base(), empty(), OPTIONS);
    expect(doc.alertRules[0]!.params).toEqual({
      flow: 'inventory',
      minTransactions: 10,
      ratePercent: 20,
      windowMinutes: 15,
    });
    expect(doc.flows[0]!.mapping.versions[0]!.note).toBe('x');
  });

  it('checks who may join by single sign-on as the Users page does', () => {
    const sso = (singleSignOn: ConfigDocument['policies']['singleSignOn']) =>
      problems({ ...base(), policies: { ...base().policies, singleSignOn } });
    expect(sso({ joinRole: 'support', joinDomains: ['acme.test'] })).toEqual([]);
    expect(sso({ joinRole: 'support', joinDomains: [] })).toEqual([
      'policies.singleSignOn.joinDomains: name at least one email domain, or let nobody join without an invitation',
    ]);
    expect(sso({ joinRole: null, joinDomains: ['acme.test', 'https://x.test'] })).toEqual([
      'policies.singleSignOn.joinDomains[1]: give email domains such as example.com, without @ or https://',
    ]);
  });

  it('checks providers, settings, operations and poll feeds with the adapters', () => {
    const doc = base();
    doc.connections[0]!.settings = { circut: {} };
    doc.connections[1]!.provider = 'sap';
    expect(problems(doc)).toEqual([
      expect.stringMatching(/^connection commerce: settings: .*circut/),
      expect.stringMatching(/^connection erp: unknown provider "sap"/),
    ]);
    const flows = base();
    flows.flows[0]!.operation = 'launch_rocket';
    flows.flows[0]!.poll = { feed: 'nothing', everyMs: null };
    expect(problems(flows)).toEqual([
      'flow inventory: the commerce provider has no operation "launch_rocket"',
      'flow inventory: the erp provider has no poll feed "nothing"',
    ]);
  });

  it('checks a generic HTTP connection by its own settings, and flows by the operations they name', () => {
    const doc = base();
    doc.connections.push({
      ...doc.connections[0]!,
      key: 'dockyard',
      name: 'Dockyard',
      provider: 'http',
      baseUrl: 'https://dock.test',
      settings: {
        operations: {
          create_order: {
            path: '/v2/orders',
            response: { reference: 'data.id', status: 'data.state' },
          },
        },
      },
    });
    doc.flows.push({
      ...doc.flows[0]!,
      key: 'to-dockyard',
      source: 'commerce',
      eventType: 'order.paid',
      target: 'dockyard',
      operation: 'create_order',
      poll: null,
    });
    const normalized = normalizeDocument(doc, empty(), OPTIONS);
    expect(normalized.connections.find((c) => c.key === 'dockyard')?.settings).toMatchObject({
      auth: { type: 'none' },
      operations: { create_order: { method: 'POST', idempotency: { type: 'none' } } },
    });
    doc.flows[1]!.operation = 'create_shipment';
    doc.connections[2]!.settings = { operations: { create_order: { path: 'no-slash' } } };
    expect(problems(doc)).toEqual([
      expect.stringMatching(/^connection dockyard: settings\.operations\.create_order\.path: /),
      expect.stringMatching(/^connection dockyard: settings\.operations\.create_order\.response: /),
      'flow to-dockyard: the http provider has no operation "create_shipment"',
    ]);
  });

  it('checks new mapping versions like the editor, and leaves stored ones alone', () => {
    const doc = base();
    doc.flows[0]!.mapping.versions[0]!.statusTable = {};
    doc.flows[0]!.mapping.versions[0]!.expression = '{ "a": ';
    expect(problems(doc)).toEqual([
      expect.stringMatching(/^flow inventory: mapping version 1: expression: .*\(line 1, column/),
      expect.stringMatching(
        /^flow inventory: mapping version 1: statusTable: The status table is empty/,
      ),
    ]);
    expect(() => normalizeDocument(doc, doc, OPTIONS)).not.toThrow();
  });

  it('checks alert parameters and refuses internal webhook hosts', () => {
    const doc = base();
    doc.alertRules[0]!.params = { flowId: 'x', ratePercent: 0 };
    doc.alertRules[0]!.webhookUrl = 'http://127.0.0.1:8080/hook';
    expect(problems(doc)).toEqual([
      expect.stringMatching(/^alert rule "Inventory failing": params: unknown parameter "flowId"/),
      expect.stringMatching(/^alert rule "Inventory failing": webhookUrl: .*loopback/),
    ]);
    doc.alertRules[0]!.params = { flow: 'inventory', ratePercent: 0 };
    expect(problems(doc)[0]).toMatch(/params: .*at least 1/);
    expect(() =>
      normalizeDocument(
        {
          ...base(),
          alertRules: doc.alertRules.map((r) => ({
            ...r,
            params: { flow: 'inventory', ratePercent: 5 },
          })),
        },
        empty(),
        {
          allowHosts: ['127.0.0.1'],
        },
      ),
    ).not.toThrow();
  });

  it('refuses internal base URLs and user:password in new or changed connections only', async () => {
    const doc = base();
    doc.connections[0]!.baseUrl = 'http://169.254.169.254/latest';
    doc.connections[1]!.baseUrl = 'https://ada:pw@erp.example.com';
    expect(problems(doc)).toEqual([
      'connection commerce: baseUrl: the host 169.254.169.254 is a link-local address (this includes cloud metadata services), which Waybill does not call unless OUTBOUND_ALLOW_HOSTS names it',
      'connection erp: baseUrl: the base URL must not contain a user name or password; enter credentials under Credentials',
    ]);
    // stored as it is: compared, not re-checked (a call checks its address anyway)
    const stored = {
      ...base(),
      connections: [{ ...base().connections[0]!, baseUrl: 'http://10.0.0.5' }],
    };
    expect(() => normalizeDocument(stored, stored, OPTIONS)).not.toThrow();
    // a name is resolved: any internal answer refuses
    const named = base();
    named.connections[1]!.baseUrl = 'https://erp.example.com';
    const dns = (host: string) =>
      Promise.resolve(host === 'erp.example.com' ? [{ address: '10.0.0.5', family: 4 }] : []);
    const refused = await checkBaseUrlAddresses(named, empty(), { allowHosts: [], lookup: dns })
      .then(() => null)
      .catch((error: AppError) => (error.details as { problems: string[] }).problems);
    expect(refused).toEqual([
      'connection erp: baseUrl: refused: the host erp.example.com resolves to 10.0.0.5, a private address',
    ]);
    await expect(
      checkBaseUrlAddresses(named, empty(), { allowHosts: ['10.0.0.5'], lookup: dns }),
    ).resolves.toBeUndefined();
  });
});
