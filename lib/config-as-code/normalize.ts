// The checks a document must pass beyond its shape, with the same rules the console applies:
// a known provider and its adapter's settings schema, an operation the target adapter has, a poll
// feed the source adapter has, new mapping versions checked like the editor checks a draft, alert
// parameters with the evaluation's schemas and webhook URLs with the SSRF guard. The answer is the
// document as it will be stored (defaults filled in), so that applying it twice changes nothing.
import { normalizeAlertParams } from './alert-params';
import { checkWebhookUrl } from '@/lib/alerts/webhook-url';
import { baseUrlProblem, refuseInternalBaseUrl } from '@/lib/connections/connection-input';
import { AppError, isAppError } from '@/lib/errors';
import type { OutboundPolicy } from '@/lib/outbound';
import { checkMappingDraft } from '@/lib/mapping/mapping-draft';
import { adapterFor, listAdapters } from '@/lib/providers/registry';
import { ssoPolicySchema } from '@/lib/tenants/sso-policy';
import {
  canonicalize,
  type AlertRuleDoc,
  type ConfigDocument,
  type ConnectionDoc,
  type FlowDoc,
  type MappingVersionDoc,
  type PoliciesDoc,
} from './document';

export interface NormalizeOptions {
  /** OUTBOUND_ALLOW_HOSTS: hosts the SSRF guard lets through */
  allowHosts: readonly string[];
}

type Settings = ConnectionDoc['settings'];
const adapterOf = (kind: string) => listAdapters().find((a) => a.kind === kind);

export function normalizeDocument(
  desired: ConfigDocument,
  current: ConfigDocument,
  options: NormalizeOptions,
): ConfigDocument {
  const problems: string[] = [];
  const providers = new Map(desired.connections.map((c) => [c.key, c.provider]));
  const connectionDocs = new Map(desired.connections.map((c) => [c.key, c]));
  const systems = desired.connections.map((c) => c.key);
  const storedVersions = new Map(
    current.flows.map((f) => [f.key, new Set(f.mapping.versions.map((v) => v.version))]),
  );

  const storedUrls = new Map(current.connections.map((c) => [c.key, c.baseUrl]));
  const connections = desired.connections.map((c): ConnectionDoc => {
    // A new or changed base URL passes the outbound guard as the console's would; a stored one
    // is compared, not re-checked (every call checks its address anyway).
    if (storedUrls.get(c.key) !== c.baseUrl) {
      const problem = baseUrlProblem(c.baseUrl, options.allowHosts);
      if (problem) problems.push(`connection ${c.key}: baseUrl: ${problem}`);
    }
    const adapter = adapterOf(c.provider);
    if (!adapter) {
      const known = listAdapters().map((a) => a.kind);
      problems.push(`connection ${c.key}: unknown provider "${c.provider}" (${known.join(', ')})`);
      return c;
    }
    const parsed = adapter.settings.safeParse(c.settings);
    if (parsed.success) return { ...c, settings: parsed.data as Settings };
    for (const issue of parsed.error.issues)
      problems.push(
        `connection ${c.key}: ${['settings', ...issue.path.map(String)].join('.')}: ${issue.message}`,
      );
    return c;
  });

  const version = (flow: string, v: MappingVersionDoc): MappingVersionDoc => {
    if (storedVersions.get(flow)?.has(v.version)) return v; // stored: compared, not re-checked
    const checked = checkMappingDraft(v, systems);
    if (checked.ok) return { version: v.version, ...checked.draft } as MappingVersionDoc;
    const { expression, ...others } = checked.errors;
    const prefix = `flow ${flow}: mapping version ${v.version}`;
    if (expression)
      problems.push(`${prefix}: expression: ${expression.message}${where(expression)}`);
    for (const [field, error] of Object.entries(others))
      problems.push(`${prefix}: ${field}: ${String(error)}`);
    return v;
  };

  const flows = desired.flows.map((f): FlowDoc => {
    const target = providers.get(f.target);
    const targetDoc = connectionDocs.get(f.target);
    if (
      target &&
      targetDoc &&
      adapterOf(target) &&
      !Object.hasOwn(adapterFor(targetDoc).operations, f.operation)
    )
      problems.push(`flow ${f.key}: the ${target} provider has no operation "${f.operation}"`);
    const source = providers.get(f.source);
    const sourceAdapter = source ? adapterOf(source) : undefined;
    if (f.poll && sourceAdapter && !sourceAdapter.poll?.[f.poll.feed])
      problems.push(`flow ${f.key}: the ${source} provider has no poll feed "${f.poll.feed}"`);
    return {
      ...f,
      mapping: { ...f.mapping, versions: f.mapping.versions.map((v) => version(f.key, v)) },
    };
  });

  const alertRules = desired.alertRules.map((r): AlertRuleDoc => {
    const params = normalizeAlertParams(r.kind, r.params);
    if (!params.ok) problems.push(`alert rule "${r.name}": params: ${params.problem}`);
    const url = checkWebhookUrl(r.webhookUrl, options.allowHosts);
    if (!url.ok) problems.push(`alert rule "${r.name}": webhookUrl: ${url.reason}`);
    return {
      ...r,
      params: params.ok ? params.params : r.params,
      webhookUrl: url.ok ? url.url.toString() : r.webhookUrl,
    };
  });

  problems.push(...singleSignOnProblems(desired.policies.singleSignOn));

  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `the configuration document has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { problems },
    );
  return canonicalize({ ...desired, connections, flows, alertRules });
}

/**
 * The guard's second half for new or changed base URLs: the addresses their host names resolve to
 * now (any internal one refuses, as in the console). Run after normalizeDocument, whose checks of
 * the names as written have passed.
 */
export async function checkBaseUrlAddresses(
  desired: ConfigDocument,
  current: ConfigDocument,
  policy: OutboundPolicy,
): Promise<void> {
  const storedUrls = new Map(current.connections.map((c) => [c.key, c.baseUrl]));
  const problems: string[] = [];
  for (const c of desired.connections) {
    if (storedUrls.get(c.key) === c.baseUrl) continue;
    try {
      await refuseInternalBaseUrl(c.baseUrl, policy);
    } catch (error) {
      if (!isAppError(error)) throw error;
      problems.push(`connection ${c.key}: ${error.message}`);
    }
  }
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `the configuration document has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { problems },
    );
}

/** The Users page's checks of who may join by single sign-on, in the document's words. */
function singleSignOnProblems(sso: PoliciesDoc['singleSignOn']): string[] {
  const checked = ssoPolicySchema.safeParse({ role: sso.joinRole, domains: sso.joinDomains });
  if (checked.success) return [];
  return checked.error.issues.map((issue) => {
    const [field, index] = issue.path;
    const at = typeof index === 'number' ? `[${index}]` : '';
    const name = field === 'role' ? 'joinRole' : 'joinDomains';
    return `policies.singleSignOn.${name}${at}: ${issue.message}`;
  });
}

function where(error: { line: number | null; column: number | null }): string {
  return error.line === null ? '' : ` (line ${error.line}, column ${error.column ?? 1})`;
}
