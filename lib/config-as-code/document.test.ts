import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseDocument, toJson, toYaml } from './document';

const TEXT = `
apiVersion: waybill/v1
kind: TenantConfiguration
tenant: { slug: acme, name: Acme }
connections:
  - { key: warehouse, name: Warehouse, provider: warehouse, baseUrl: "http://wms.test" }
  - key: commerce
    name: Storefront
    provider: commerce
    baseUrl: http://shop.test
    settings: { z: 1, a: { y: 2, b: 3 } }
flows:
  - key: to-warehouse
    name: Paid orders
    source: commerce
    eventType: order.paid
    target: warehouse
    operation: create_fulfilment
    mapping:
      active: 1
      versions:
        - version: 2
          expression: |-
            {
              "b": 2
            }
        - { version: 1, expression: '{ "a": 1 }', statusTable: { OK: completed, ERR: needs_review } }
slaRules:
  - { name: Z rule, expectFlow: to-warehouse, withinMinutes: 30 }
  - { name: A rule, expectFlow: to-warehouse, withinMinutes: 10 }
`;

function refusal(text: string): string {
  try {
    parseDocument(text);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('configuration document', () => {
  it('fills defaults and sorts everything into one canonical order', () => {
    const doc = parseDocument(TEXT);
    expect(doc.connections.map((c) => c.key)).toEqual(['commerce', 'warehouse']);
    expect(Object.keys(doc.connections[0]!.settings)).toEqual(['a', 'z']);
    expect(doc.flows[0]!.mapping.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(doc.flows[0]!.retryPolicy).toEqual({
      maxAttempts: 8,
      baseDelayMs: 1000,
      maxDelayMs: 300_000,
      classes: {},
    });
    expect(doc.flows[0]!.reconciliation).toEqual({ scheduled: true, cron: null });
    expect(doc.slaRules.map((r) => r.name)).toEqual(['A rule', 'Z rule']);
    expect(doc.alertRules).toEqual([]);
    // a new tenant's policies
    expect(doc.policies).toEqual({
      apiTokenMaxDays: 365,
      payloadRetentionDays: null,
      requireSecondFactorForAdmins: false,
      singleSignOn: { joinRole: null, joinDomains: [] },
    });
  });

  it("reads the tenant's policies: SSO domains as a set, never admin as the joining role", () => {
    const withPolicies = TEXT.replace(
      'tenant: { slug: acme, name: Acme }\n',
      'tenant: { slug: acme, name: Acme }\npolicies:\n  payloadRetentionDays: 30\n  singleSignOn: { joinRole: viewer, joinDomains: [Shop.Test, acme.test, shop.test] }\n',
    );
    const doc = parseDocument(withPolicies);
    expect(doc.policies).toMatchObject({
      apiTokenMaxDays: 365,
      payloadRetentionDays: 30,
      singleSignOn: { joinRole: 'viewer', joinDomains: ['acme.test', 'shop.test'] },
    });
    expect(toYaml(doc)).toMatch(/^tenant:[\s\S]*^policies:[\s\S]*^connections:/m);
    expect(refusal(withPolicies.replace('joinRole: viewer', 'joinRole: admin'))).toContain(
      'policies.singleSignOn.joinRole:',
    );
    expect(
      refusal(withPolicies.replace('payloadRetentionDays: 30', 'payloadRetentionDays: 0')),
    ).toContain('policies.payloadRetentionDays:');
  });

  it('prints the same text for the same configuration, whatever order it came in', () => {
    const yaml = toYaml(parseDocument(TEXT));
    expect(toYaml(parseDocument(yaml))).toBe(yaml);
    expect(yaml).toContain('expression: |-\n');
    expect(toYaml(parseDocument(toJson(parseDocument(TEXT))))).toBe(yaml);
  });

  it('keeps per-class retry overrides in one order and refuses a class that does not retry', () => {
    const withClasses = TEXT.replace(
      '    operation: create_fulfilment\n',
      '    operation: create_fulfilment\n    retryPolicy:\n      classes:\n        timeout: { maxDelayMs: 9000, maxAttempts: 3 }\n        provider_outage: { baseDelayMs: 5000 }\n',
    );
    const doc = parseDocument(withClasses);
    expect(Object.keys(doc.flows[0]!.retryPolicy.classes)).toEqual(['timeout', 'provider_outage']);
    expect(doc.flows[0]!.retryPolicy.classes.timeout).toEqual({ maxAttempts: 3, maxDelayMs: 9000 });
    const yaml = toYaml(doc);
    expect(toYaml(parseDocument(yaml))).toBe(yaml);
    expect(refusal(withClasses.replace('provider_outage:', 'validation:'))).toMatch(
      /retryPolicy\.classes/,
    );
  });

  it('reads JSON as well as YAML', () => {
    const json = toJson(parseDocument(TEXT));
    expect(JSON.parse(json)).toEqual(parseDocument(TEXT));
    expect(parseDocument(json)).toEqual(parseDocument(TEXT));
  });

  it('refuses an unknown field and names where it is', () => {
    const text = TEXT.replace(
      '    operation: create_fulfilment\n',
      '    operation: create_fulfilment\n    retries: 3\n',
    );
    expect(refusal(text)).toContain('flows[0] (to-warehouse): unknown field "retries"');
    const nested = TEXT.replace('{ version: 1,', '{ version: 1, notes: x,');
    expect(refusal(nested)).toContain(
      'flows[0] (to-warehouse).mapping.versions[1] (version 1): unknown field "notes"',
    );
  });

  it('names every problem, not only the first', () => {
    const text = TEXT.replace('withinMinutes: 30', 'withinMinutes: 0').replace(
      'kind: TenantConfiguration',
      'kind: Something',
    );
    const message = refusal(text);
    expect(message).toContain('2 problem(s)');
    expect(message).toContain('kind:');
    expect(message).toContain('slaRules[0] (Z rule).withinMinutes:');
  });

  it('refuses repeated keys, names and version numbers', () => {
    const text = TEXT.replace('- version: 2', '- version: 1').replace(
      'name: Z rule',
      'name: A rule',
    );
    const message = refusal(text);
    expect(message).toContain('mapping version 1 appears twice');
    expect(message).toContain('SLA rule "A rule" appears twice');
    expect(refusal('apiVersion: waybill/v1\napiVersion: waybill/v2\n')).toContain(
      'Map keys must be unique',
    );
  });

  it('refuses text that is not YAML, an empty document and another API version', () => {
    expect(refusal('tenant: [1,\n')).toContain('not valid YAML or JSON');
    expect(refusal('')).toContain('the document is empty');
    expect(refusal(TEXT.replace('waybill/v1', 'waybill/v2'))).toContain('apiVersion:');
  });
});
