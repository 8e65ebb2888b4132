// The demo's reset (scripts/demo-reset.ts, run by `npm run demo` at each start): the simulators
// keep their state in memory and start empty, from the same seeded ids (evt_…, PAY-000001, order
// 1001), so a ledger kept from the previous run would call the new run's events duplicates of the
// old ones and reconcile the new records against the old references. So the demo tenant's ledger
// goes with them: every row the previous run's world produced is deleted, in one database
// transaction (a crash leaves the ledger as it was), children before parents. Configuration stays:
// the tenant, users and memberships, connections (their health is cleared: it described the old
// simulators), flows, mapping versions, tokens, invitations, SLA and alert rules. The audit log is
// append-only and hash-chained (docs/adr/0010): nothing of it is deleted, one 'demo.reset' entry
// with the counts is appended. Runs as the owner role, like the seed: the application role may not
// create the index below.
import { recordAudit, type AuditActor } from '@/lib/audit';
import { Prisma, type Db } from '@/lib/db';
import { notFound } from '@/lib/errors';

export interface DemoLedgerReset {
  tenantId: string;
  transactions: number;
  inboundEvents: number;
  timelineEntries: number;
  outbox: number;
  replayBatches: number;
  reconciliationRuns: number;
  driftItems: number;
  slaBreaches: number;
  alertEvents: number;
  /** replay pre-flights and what they found (lib/engine/replay-preflight.ts) */
  replayPreflights: number;
  /** stored issues with their history and hourly counts (lib/issues/) */
  issues: number;
  /** guided recoveries (lib/recovery): they name runs, batches and pre-flights removed here */
  recoveries: number;
  overviewHours: number;
  /** connections whose circuit state, last success or last failure was cleared */
  connectionsHealthCleared: number;
  /** false when there was nothing to reset: no audit entry is written for nothing */
  audited: boolean;
}

type Counted = Exclude<keyof DemoLedgerReset, 'tenantId' | 'audited'>;

/** Every tenant-owned ledger table, in an order that never deletes a row another still references
 *  (drift items before their runs, outbox and timeline before transactions, transactions before
 *  the inbound events they came from). Rules and configuration rows are not in the list. */
const DELETES: [Counted, (tenantId: string) => Prisma.Sql][] = [
  ['driftItems', (t) => Prisma.sql`DELETE FROM drift_items WHERE tenant_id = ${t}::uuid`],
  [
    'reconciliationRuns',
    (t) => Prisma.sql`DELETE FROM reconciliation_runs WHERE tenant_id = ${t}::uuid`,
  ],
  ['slaBreaches', (t) => Prisma.sql`DELETE FROM sla_breaches WHERE tenant_id = ${t}::uuid`],
  ['alertEvents', (t) => Prisma.sql`DELETE FROM alert_events WHERE tenant_id = ${t}::uuid`],
  ['replayBatches', (t) => Prisma.sql`DELETE FROM replay_batches WHERE tenant_id = ${t}::uuid`],
  [
    'replayPreflights',
    (t) => Prisma.sql`WITH m AS (DELETE FROM replay_preflight_matches WHERE tenant_id = ${t}::uuid)
      DELETE FROM replay_preflights WHERE tenant_id = ${t}::uuid`,
  ],
  // their history and hourly counts go with them (ON DELETE CASCADE)
  ['issues', (t) => Prisma.sql`DELETE FROM issues WHERE tenant_id = ${t}::uuid`],
  ['recoveries', (t) => Prisma.sql`DELETE FROM recoveries WHERE tenant_id = ${t}::uuid`],
  ['overviewHours', (t) => Prisma.sql`DELETE FROM overview_hourly WHERE tenant_id = ${t}::uuid`],
  ['outbox', (t) => Prisma.sql`DELETE FROM outbox WHERE tenant_id = ${t}::uuid`],
  ['timelineEntries', (t) => Prisma.sql`DELETE FROM timeline_entries WHERE tenant_id = ${t}::uuid`],
  ['transactions', (t) => Prisma.sql`DELETE FROM transactions WHERE tenant_id = ${t}::uuid`],
  ['inboundEvents', (t) => Prisma.sql`DELETE FROM inbound_events WHERE tenant_id = ${t}::uuid`],
];

/** An open circuit or a "last success 2 h ago" would describe the previous run's simulators. */
const clearHealth = (t: string) => Prisma.sql`
  UPDATE connections SET circuit_state = 'closed', circuit_changed_at = NULL, circuit_failures = 0,
    circuit_window_started_at = NULL, last_success_at = NULL, last_failure_at = NULL,
    last_error = NULL
  WHERE tenant_id = ${t}::uuid AND (circuit_state <> 'closed' OR circuit_failures <> 0
    OR last_success_at IS NOT NULL OR last_failure_at IS NOT NULL OR last_error IS NOT NULL)`;

export const DEMO_RESET_REASON =
  'npm run demo started: the simulators start empty, so the ledger of their previous run was removed';

export async function resetDemoLedger(
  db: Db,
  tenantSlug: string,
  options: { actor: AuditActor; reason?: string; timeoutMs?: number },
): Promise<DemoLedgerReset> {
  const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug }, select: { id: true } });
  if (!tenant) throw notFound(`tenant "${tenantSlug}"`);
  const tenantId = tenant.id;
  return db.$transaction(
    async (tx) => {
      const counts = {} as Record<Counted, number>;
      // transactions.inbound_event_id has no index (nothing else needs one), so the foreign-key
      // check of each deleted inbound event scans the whole transactions table: 10 s for 20,000
      // events, quadratic beyond. An index that exists only inside this database transaction makes
      // each check a lookup (0.1 s for the same). Remove both statements once a migration indexes
      // the column.
      await tx.$executeRaw`CREATE INDEX demo_reset_inbound_event_idx ON transactions (inbound_event_id)`;
      for (const [key, sql] of DELETES) counts[key] = await tx.$executeRaw(sql(tenantId));
      await tx.$executeRaw`DROP INDEX demo_reset_inbound_event_idx`;
      counts.connectionsHealthCleared = await tx.$executeRaw(clearHealth(tenantId));
      const audited = Object.values(counts).some((n) => n > 0);
      if (audited)
        await recordAudit(tx, {
          tenantId,
          actor: options.actor,
          event: {
            action: 'demo.reset',
            objectType: 'tenant',
            objectId: tenantId,
            reason: options.reason ?? DEMO_RESET_REASON,
            after: { tenant: tenantSlug, removed: counts },
          },
        });
      return { tenantId, ...counts, audited };
    },
    // A demo left running for a day holds a few hundred thousand rows: more than the default 5 s.
    { timeout: options.timeoutMs ?? 10 * 60_000, maxWait: 10_000 },
  );
}
