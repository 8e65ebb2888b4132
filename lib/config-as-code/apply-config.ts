// `waybill config apply`: makes a tenant's configuration what the document says, in ONE database
// transaction. The plan is made inside that transaction from what is stored right then; any
// conflict refuses the whole document before a single write; every change is audited with its
// before/after beside one config.applied summary. An equal document changes and records nothing.
// The tenant must exist (creating one is `waybill tenant create`). Job schedulers (polls,
// reconciliation) follow the saved flows through the worker's periodic sync.
import { auditActorOf } from '@/lib/audit';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { tenantDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Operator } from '@/lib/ledger/operator';
import type { WakeDrains } from '@/lib/queue/wake-drains';
import { audit, type ApplyContext } from './apply-context';
import * as connections from './apply-connections';
import * as flows from './apply-flows';
import * as mappings from './apply-mappings';
import { applyPolicies } from './apply-policies';
import * as rules from './apply-rules';
import type { ConfigDocument } from './document';
import { outboundPolicy, type Lookup } from '@/lib/outbound';
import { checkBaseUrlAddresses, normalizeDocument } from './normalize';
import { planConfig, usageNeeded, type ConfigChange, type ConfigPlan } from './plan-config';
import { getTenantBySlug } from '@/lib/tenants/create-tenant';
import { readState } from './read-state';
import { readUsage } from './read-usage';

export interface ApplyOptions {
  actor: Operator;
  /** plan only: nothing is written, nothing audited */
  dryRun?: boolean;
  /** seals the signing secret of each new alert rule */
  keyRing: KeyRing;
  /** OUTBOUND_ALLOW_HOSTS, for the SSRF guard on connection base URLs and alert webhook URLs */
  allowHosts: readonly string[];
  /** resolves base URL host names for the guard (default: the process's resolver) */
  lookup?: Lookup;
  requestId?: string | null;
  /** wakes the drains of resumed connections and flows after the commit */
  wake: WakeDrains;
  /** sees the plan (conflicts included) before anything is written or refused: the CLI prints it */
  onPlan?: (plan: ConfigPlan) => void;
}

/** At most this many change lines in the config.applied entry; each change has its own entry. */
const SUMMARY_LINES = 200;

async function applyChange(ctx: ApplyContext, change: ConfigChange): Promise<void> {
  switch (change.kind) {
    case 'tenant.update':
      await ctx.tx.tenant.update({ where: { id: ctx.tenantId }, data: { name: change.after } });
      return audit(ctx, {
        action: 'tenant.updated',
        objectType: 'tenant',
        objectId: ctx.tenantId,
        before: { name: change.before },
        after: { name: change.after },
      });
    case 'tenant.policies':
      return applyPolicies(ctx, change.before, change.after);
    case 'connection.create':
      return connections.createConnection(ctx, change.connection);
    case 'connection.update':
      return connections.updateConnection(ctx, change.before, change.after);
    case 'connection.delete':
      return connections.deleteConnection(ctx, change.connection);
    case 'flow.create':
      return flows.createFlow(ctx, change.flow);
    case 'flow.update':
      return flows.updateFlow(ctx, change.before, change.after);
    case 'flow.delete':
      return flows.deleteFlow(ctx, change.flow);
    case 'mapping.add':
      return mappings.addMappingVersion(ctx, change.flow, change.version, change.activate);
    case 'mapping.activate':
      return mappings.activateMappingVersion(ctx, change.flow, change.to);
    case 'sla_rule.create':
      return rules.createSlaRule(ctx, change.rule);
    case 'sla_rule.update':
      return rules.updateSlaRule(ctx, change.before, change.after);
    case 'sla_rule.delete':
      return rules.deleteSlaRule(ctx, change.rule);
    case 'alert_rule.create':
      return rules.createAlertRule(ctx, change.rule);
    case 'alert_rule.update':
      return rules.updateAlertRule(ctx, change.before, change.after);
    case 'alert_rule.delete':
      return rules.deleteAlertRule(ctx, change.rule);
  }
}

export function conflictError(conflicts: string[]): AppError {
  return new AppError(
    'CONFLICT',
    `the configuration was not applied; ${conflicts.length} conflict(s):\n${conflicts.map((c) => `  - ${c}`).join('\n')}`,
    { conflicts },
  );
}

export async function applyConfig(
  db: Db,
  tenantSlug: string,
  document: ConfigDocument,
  options: ApplyOptions,
): Promise<ConfigPlan> {
  const tenant = await getTenantBySlug(db, tenantSlug);
  const resumed = new Set<string>();
  const plan = await tenantDb(db, tenant.id).$transaction(
    async (tx) => {
      // One apply per tenant at a time: the second plans from what the first committed.
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'waybill.config:' + tenant.id}, 0))::text`;
      const state = await readState(tx, tenant);
      const desired = normalizeDocument(document, state.document, options);
      await checkBaseUrlAddresses(desired, state.document, {
        allowHosts: options.allowHosts,
        lookup: options.lookup ?? outboundPolicy().lookup,
      });
      const needed = usageNeeded(state.document, desired);
      const usage = await readUsage(tx, tenant.id, state.ids, needed);
      const plan = planConfig(state.document, desired, usage);
      options.onPlan?.(plan);
      if (plan.conflicts.length > 0) throw conflictError(plan.conflicts);
      if (options.dryRun || plan.changes.length === 0) return plan;
      const ctx: ApplyContext = {
        tx,
        tenantId: tenant.id,
        actor: auditActorOf(options.actor),
        requestId: options.requestId ?? null,
        keyRing: options.keyRing,
        ids: state.ids,
        resumed,
      };
      for (const change of plan.changes) await applyChange(ctx, change);
      const lines = plan.changes.map((c) => c.summary);
      await audit(ctx, {
        action: 'config.applied',
        objectType: 'tenant',
        objectId: tenant.id,
        after: {
          document: desired.apiVersion,
          changeCount: lines.length,
          changes: lines.slice(0, SUMMARY_LINES),
          changesTruncated: lines.length > SUMMARY_LINES,
        },
      });
      return plan;
    },
    // A large document is many small writes, each audited: more than Prisma's 5 s default.
    { timeout: 120_000, maxWait: 10_000 },
  );
  if (resumed.size > 0) await options.wake(tenant.id, [...resumed]);
  return plan;
}
