// The shape of a tenant's configuration document (`waybill config export` / `apply`). Everything
// is named by key (connections, flows) or name (SLA and alert rules), never by id, so a document
// applies to another database; and no secret has a field here (credentials, webhook secrets and
// alert signing secrets are set with `waybill secret set` or in the console). Every object is
// strict: a misspelt field is refused, not ignored. Omitted optional fields take their defaults —
// the document is the whole desired state, not a patch.
import { z } from 'zod';
import { ALERT_KINDS } from '@/lib/alerts/alert-rule-params';
import { MAX_QUIET_MINUTES } from '@/lib/alerts/alert-rule-input';
import { MAX_TOKEN_LIFETIME_LIMIT } from '@/lib/api-tokens/token-lifetime';
import * as connection from '@/lib/connections/connection-input';
import { pauseReasonSchema } from '@/lib/engine/pause-reason';
import { retryPolicySchema } from '@/lib/engine/retry-policy';
import { cronPatternSchema } from '@/lib/reconciliation/flow-schedule';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '@/lib/retention/payload-marker';
import { MAX_WITHIN_MINUTES } from '@/lib/sla/sla-rule-input';
import { SSO_JIT_ROLES, SSO_MAX_DOMAINS } from '@/lib/tenants/sso-policy';

export const API_VERSION = 'waybill/v1';
export const DOCUMENT_KIND = 'TenantConfiguration';

/** Flow keys follow the connection key rule: both appear in URLs and command lines. */
const key = connection.connectionKey;
const jsonObject = z.record(z.string(), z.json());
const ruleName = z.string().trim().min(1).max(100);
const status = z.enum(['active', 'paused']).default('active');
/** a retired flow takes no new transactions; it stays for its history (lib/flows/retire-flow.ts) */
const flowStatus = z.enum(['active', 'paused', 'retired']).default('active');
/**
 * Why it is paused: shown on every transaction the pause holds, as a pause in the console says. A
 * pause the document makes needs one (the plan refuses it otherwise); only paused things have one.
 */
const pauseReason = pauseReasonSchema.nullable().default(null);

export const connectionDocSchema = z.strictObject({
  key,
  name: connection.connectionName,
  provider: z.string().trim().min(1).max(100),
  baseUrl: connection.baseUrl,
  /** checked by the provider adapter's own settings schema when applied */
  settings: jsonObject.default({}),
  maskingRules: connection.maskingRules.default([]),
  rateLimitPerSecond: connection.rateLimitPerSecond.default(null),
  maxConcurrency: connection.maxConcurrency.default(null),
  status,
  pauseReason,
});

export const mappingVersionDocSchema = z.strictObject({
  version: z.int().min(1),
  expression: z.string().min(1),
  outputSchema: jsonObject.default({}),
  statusTable: jsonObject.default({}),
  fieldOwnership: jsonObject.default({}),
  note: z.string().max(500).nullable().default(null),
});

export const flowDocSchema = z.strictObject({
  key,
  name: z.string().trim().min(1).max(200),
  /** source connection key */
  source: key,
  eventType: z.string().trim().min(1).max(100),
  /** target connection key */
  target: key,
  operation: z.string().trim().min(1).max(100),
  retryPolicy: z.strictObject(retryPolicySchema.shape).prefault({}),
  /** key of the flow whose transaction for the same business key must complete first */
  dependsOn: key.nullable().default(null),
  poll: z
    .strictObject({
      feed: z.string().trim().min(1).max(100),
      everyMs: z.int().min(1000).nullable(),
    })
    .nullable()
    .default(null),
  reconciliation: z
    .strictObject({
      scheduled: z.boolean().default(true),
      /** UTC cron pattern; null: the default nightly time */
      cron: cronPatternSchema.nullable().default(null),
    })
    .prefault({}),
  status: flowStatus,
  pauseReason,
  mapping: z
    .strictObject({
      /** the version the engine uses; null only while the flow has none */
      active: z.int().min(1).nullable().default(null),
      versions: z.array(mappingVersionDocSchema).default([]),
    })
    .prefault({}),
});

export const slaRuleDocSchema = z.strictObject({
  name: ruleName,
  /** flow key; null: the clock starts when the expected flow's own transaction is created */
  startFlow: key.nullable().default(null),
  expectFlow: key,
  withinMinutes: z.int().min(1).max(MAX_WITHIN_MINUTES),
  enabled: z.boolean().default(true),
});

export const alertRuleDocSchema = z.strictObject({
  name: ruleName,
  kind: z.enum(ALERT_KINDS),
  /** the kind's parameters; references by key: flow, connection, slaRule (a rule name) */
  params: jsonObject.default({}),
  webhookUrl: z.string().trim().min(1).max(2000),
  quietMinutes: z.int().min(1).max(MAX_QUIET_MINUTES).default(30),
  enabled: z.boolean().default(true),
});

/**
 * The tenant's policies, as the console's Settings and Users pages set them. Omitted fields take
 * the defaults of a new tenant, like every other section: the document is the whole state.
 */
export const policiesDocSchema = z.strictObject({
  /** the longest an API token may live, in days (a longer-lived one stops working) */
  apiTokenMaxDays: z.int().min(1).max(MAX_TOKEN_LIFETIME_LIMIT).default(365),
  /** raw payloads and provider responses are replaced by a marker after this many days;
   *  null: kept forever */
  payloadRetentionDays: z
    .int()
    .min(MIN_RETENTION_DAYS)
    .max(MAX_RETENTION_DAYS)
    .nullable()
    .default(null),
  /** admins must set up a second factor before the console lets them work */
  requireSecondFactorForAdmins: z.boolean().default(false),
  /** who joins without an invitation on a first single sign-on: people whose verified email is
   *  in joinDomains, with joinRole (never admin); null: nobody */
  singleSignOn: z
    .strictObject({
      joinRole: z.enum(SSO_JIT_ROLES).nullable().default(null),
      joinDomains: z.array(z.string().trim().min(1).max(253)).max(SSO_MAX_DOMAINS).default([]),
    })
    .prefault({}),
});

export const configDocumentSchema = z
  .strictObject({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal(DOCUMENT_KIND),
    tenant: z.strictObject({
      slug: z.string().trim().min(1).max(100),
      name: z.string().trim().min(1).max(200),
    }),
    policies: policiesDocSchema.prefault({}),
    connections: z.array(connectionDocSchema).default([]),
    flows: z.array(flowDocSchema).default([]),
    slaRules: z.array(slaRuleDocSchema).default([]),
    alertRules: z.array(alertRuleDocSchema).default([]),
  })
  .superRefine((doc, ctx) => {
    const once = (path: (string | number)[], names: string[], what: (name: string) => string) =>
      repeated(names).forEach((index) =>
        ctx.addIssue({ code: 'custom', path: [...path, index], message: what(names[index] ?? '') }),
      );
    once(
      ['connections'],
      doc.connections.map((c) => c.key),
      (k) => `connection "${k}" appears twice`,
    );
    once(
      ['flows'],
      doc.flows.map((f) => f.key),
      (k) => `flow "${k}" appears twice`,
    );
    once(
      ['slaRules'],
      doc.slaRules.map((r) => r.name),
      (n) => `SLA rule "${n}" appears twice`,
    );
    once(
      ['alertRules'],
      doc.alertRules.map((r) => r.name),
      (n) => `alert rule "${n}" appears twice`,
    );
    doc.flows.forEach((flow, index) =>
      once(
        ['flows', index, 'mapping', 'versions'],
        flow.mapping.versions.map((v) => String(v.version)),
        (v) => `mapping version ${v} appears twice`,
      ),
    );
    const reasonOnlyWhenPaused = (
      list: 'connections' | 'flows',
      items: { status: string; pauseReason: string | null }[],
    ) =>
      items.forEach((item, index) => {
        if (item.pauseReason !== null && item.status !== 'paused')
          ctx.addIssue({
            code: 'custom',
            path: [list, index, 'pauseReason'],
            message: `a pause reason belongs to a paused ${list === 'flows' ? 'flow' : 'connection'} only (status is ${item.status})`,
          });
      });
    reasonOnlyWhenPaused('connections', doc.connections);
    reasonOnlyWhenPaused('flows', doc.flows);
    doc.slaRules.forEach((rule, index) => {
      if (rule.startFlow !== null && rule.startFlow === rule.expectFlow)
        ctx.addIssue({
          code: 'custom',
          path: ['slaRules', index, 'startFlow'],
          message: 'the start flow and the expected flow must differ',
        });
    });
  });

/** Indexes of names seen before in the list. */
function repeated(names: string[]): number[] {
  const seen = new Set<string>();
  return names.flatMap((name, index) => {
    const again = seen.has(name);
    seen.add(name);
    return again ? [index] : [];
  });
}

export type ConfigDocument = z.output<typeof configDocumentSchema>;
export type ConnectionDoc = ConfigDocument['connections'][number];
export type FlowDoc = ConfigDocument['flows'][number];
export type MappingVersionDoc = FlowDoc['mapping']['versions'][number];
export type SlaRuleDoc = ConfigDocument['slaRules'][number];
export type AlertRuleDoc = ConfigDocument['alertRules'][number];
export type PoliciesDoc = ConfigDocument['policies'];
