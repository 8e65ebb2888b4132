// The configuration document as text. Canonical order makes an export byte-for-byte stable (and a
// git diff show only real changes): connections and flows by key, mapping versions ascending, rules
// by name, the keys of free-form objects (settings, schemas, tables, parameters) sorted. Parsing
// accepts YAML or JSON (JSON is YAML) and names the path of every problem.
import YAML from 'yaml';
import type { z } from 'zod';
import { RETRYING_CLASSES } from '@/lib/engine/retry-policy';
import { AppError } from '@/lib/errors';
import {
  configDocumentSchema,
  type AlertRuleDoc,
  type ConfigDocument,
  type ConnectionDoc,
  type FlowDoc,
  type MappingVersionDoc,
  type PoliciesDoc,
  type SlaRuleDoc,
} from './document-schema';

export * from './document-schema';

type Json = ConnectionDoc['settings'][string];

/** Object keys sorted at every depth; arrays keep their order (it can mean something). */
export function sortKeys<T extends Json>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k] as Json)]),
    ) as T;
  return value;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function connection(c: ConnectionDoc): ConnectionDoc {
  return {
    key: c.key,
    name: c.name,
    provider: c.provider,
    baseUrl: c.baseUrl,
    settings: sortKeys(c.settings),
    maskingRules: [...c.maskingRules],
    rateLimitPerSecond: c.rateLimitPerSecond,
    maxConcurrency: c.maxConcurrency,
    status: c.status,
    pauseReason: c.pauseReason ?? null,
  };
}

function version(v: MappingVersionDoc): MappingVersionDoc {
  return {
    version: v.version,
    expression: v.expression,
    outputSchema: sortKeys(v.outputSchema),
    statusTable: sortKeys(v.statusTable),
    fieldOwnership: sortKeys(v.fieldOwnership),
    note: v.note,
  };
}

/** Overrides in the engine's class order, each with its fields in one order. */
function classOverrides(classes: FlowDoc['retryPolicy']['classes']) {
  return Object.fromEntries(
    RETRYING_CLASSES.flatMap((c) => {
      const o = classes[c];
      if (!o) return [];
      const fields = {
        maxAttempts: o.maxAttempts,
        baseDelayMs: o.baseDelayMs,
        maxDelayMs: o.maxDelayMs,
      };
      return [[c, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))]];
    }),
  ) as FlowDoc['retryPolicy']['classes'];
}

function flow(f: FlowDoc): FlowDoc {
  const { maxAttempts, baseDelayMs, maxDelayMs, classes } = f.retryPolicy;
  return {
    key: f.key,
    name: f.name,
    source: f.source,
    eventType: f.eventType,
    target: f.target,
    operation: f.operation,
    retryPolicy: { maxAttempts, baseDelayMs, maxDelayMs, classes: classOverrides(classes) },
    dependsOn: f.dependsOn,
    poll: f.poll && { feed: f.poll.feed, everyMs: f.poll.everyMs },
    reconciliation: { scheduled: f.reconciliation.scheduled, cron: f.reconciliation.cron },
    status: f.status,
    pauseReason: f.pauseReason ?? null,
    mapping: {
      active: f.mapping.active,
      versions: f.mapping.versions.map(version).sort((a, b) => a.version - b.version),
    },
  };
}

const slaRule = (r: SlaRuleDoc): SlaRuleDoc => ({
  name: r.name,
  startFlow: r.startFlow,
  expectFlow: r.expectFlow,
  withinMinutes: r.withinMinutes,
  enabled: r.enabled,
});

const alertRule = (r: AlertRuleDoc): AlertRuleDoc => ({
  name: r.name,
  kind: r.kind,
  params: sortKeys(r.params),
  webhookUrl: r.webhookUrl,
  quietMinutes: r.quietMinutes,
  enabled: r.enabled,
});

const policies = (p: PoliciesDoc): PoliciesDoc => ({
  apiTokenMaxDays: p.apiTokenMaxDays,
  payloadRetentionDays: p.payloadRetentionDays,
  requireSecondFactorForAdmins: p.requireSecondFactorForAdmins,
  singleSignOn: {
    joinRole: p.singleSignOn.joinRole,
    // a set: written lower-case, once each, in order
    joinDomains: [...new Set(p.singleSignOn.joinDomains.map((d) => d.toLowerCase()))].sort(byText),
  },
});

/** Rules are named by people and names may repeat in a database: ties sort by content. */
const byNameThenContent = <T extends { name: string }>(a: T, b: T) =>
  byText(a.name, b.name) || byText(JSON.stringify(a), JSON.stringify(b));

/** A fresh copy in canonical order, field order included. */
export function canonicalize(doc: ConfigDocument): ConfigDocument {
  return {
    apiVersion: doc.apiVersion,
    kind: doc.kind,
    tenant: { slug: doc.tenant.slug, name: doc.tenant.name },
    policies: policies(doc.policies),
    connections: doc.connections.map(connection).sort((a, b) => byText(a.key, b.key)),
    flows: doc.flows.map(flow).sort((a, b) => byText(a.key, b.key)),
    slaRules: doc.slaRules.map(slaRule).sort(byNameThenContent),
    alertRules: doc.alertRules.map(alertRule).sort(byNameThenContent),
  };
}

export function toYaml(doc: ConfigDocument): string {
  // No line folding and no anchors: the text must read (and diff) the same every time.
  return YAML.stringify(canonicalize(doc), { lineWidth: 0, aliasDuplicateObjects: false });
}

export function toJson(doc: ConfigDocument): string {
  return `${JSON.stringify(canonicalize(doc), null, 2)}\n`;
}

/** "flows[2] (payments-to-erp).retryPolicy": indexes with the key or name they point at. */
function describePath(path: PropertyKey[], input: unknown): string {
  let text = '';
  let at: unknown = input;
  for (const segment of path) {
    const next: unknown =
      at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number') {
      const label = next && typeof next === 'object' ? labelOf(next) : null;
      text += `[${segment}]${label ? ` (${label})` : ''}`;
    } else text += `${text ? '.' : ''}${String(segment)}`;
    at = next;
  }
  return text || 'the document';
}

function labelOf(item: object): string | null {
  const { key, name, version } = item as Record<string, unknown>;
  if (typeof key === 'string') return key;
  if (typeof name === 'string') return name;
  return typeof version === 'number' ? `version ${version}` : null;
}

function problemOf(issue: z.core.$ZodIssue, input: unknown): string[] {
  const where = describePath(issue.path, input);
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((k) => `${where}: unknown field "${k}"`);
  return [`${where}: ${issue.message}`];
}

function refuse(problems: string[]): never {
  const list = problems.slice(0, 50).map((p) => `  - ${p}`);
  if (problems.length > 50) list.push(`  - … and ${problems.length - 50} more`);
  throw new AppError(
    'VALIDATION_FAILED',
    `the configuration document has ${problems.length} problem(s):\n${list.join('\n')}`,
    { problems },
  );
}

/** Parses YAML or JSON text into a canonical document, or refuses with every problem named. */
export function parseDocument(text: string): ConfigDocument {
  const parsed = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (parsed.errors.length > 0)
    refuse(parsed.errors.map((e) => `not valid YAML or JSON: ${e.message.split('\n')[0] ?? ''}`));
  const value: unknown = parsed.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) refuse(['the document is empty']);
  const result = configDocumentSchema.safeParse(value);
  if (!result.success) refuse(result.error.issues.flatMap((issue) => problemOf(issue, value)));
  return canonicalize(result.data);
}
