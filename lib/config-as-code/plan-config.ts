// The plan: a pure comparison of the stored configuration (as a document) with the desired one,
// giving the changes that would make them equal and the conflicts that refuse the document. No
// database here: the history that decides deletions (transactions per flow, inbound events per
// connection) comes in as `usage`. Equal documents give an empty plan.
import type { ConfigDocument, ConnectionDoc, FlowDoc } from './document';
import { changedFields, describeDiffs, diffFields, pair } from './plan-diff';
import { planMappings } from './plan-mappings';
import { dependencyOrder, referenceConflicts } from './plan-references';
import { planAlertRules, planSlaRules } from './plan-rules';
import { CHANGE_ORDER, type ConfigChange, type ConfigPlan, type ConfigUsage } from './plan-types';

export type { ConfigChange, ConfigPlan, ConfigUsage } from './plan-types';

/** The fields of a flow that say what it does; they cannot change once it has history. */
const ROUTE = ['source', 'eventType', 'target', 'operation'] as const;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The flows and connections whose history the plan needs counted (see ConfigUsage). */
export function usageNeeded(current: ConfigDocument, desired: ConfigDocument) {
  const wantedFlows = new Map(desired.flows.map((f) => [f.key, f]));
  const wantedConnections = new Set(desired.connections.map((c) => c.key));
  return {
    flows: current.flows
      .filter((f) => {
        const wanted = wantedFlows.get(f.key);
        return !wanted || ROUTE.some((field) => wanted[field] !== f[field]);
      })
      .map((f) => f.key),
    connections: current.connections.filter((c) => !wantedConnections.has(c.key)).map((c) => c.key),
  };
}

/**
 * A pause the document makes needs a reason, as one made in the console does: the held work shows
 * it. Something already paused without one (paused before reasons were kept) may stay so.
 */
function unexplainedPause(
  what: 'connection' | 'flow',
  before: { status: string } | null,
  after: { key: string; status: string; pauseReason: string | null },
): string[] {
  if (after.status !== 'paused' || before?.status === 'paused' || after.pauseReason !== null)
    return [];
  return [
    `${what} ${after.key}: say why it is paused (pauseReason); the reason is shown on every transaction the pause holds`,
  ];
}

function duplicateNames(rules: { name: string }[], what: string): string[] {
  const names = rules.map((r) => r.name);
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))].map(
    (name) =>
      `several ${what}s are named "${name}" in the database: rename them in the console first`,
  );
}

function planConnections(current: ConfigDocument, desired: ConfigDocument, usage: ConfigUsage) {
  const changes: ConfigChange[] = [];
  const conflicts: string[] = [];
  const { added, kept, removed } = pair(current.connections, desired.connections, (c) => c.key);
  for (const connection of added) {
    conflicts.push(...unexplainedPause('connection', null, connection));
    changes.push({
      kind: 'connection.create',
      summary: `create connection ${connection.key} (${connection.provider})`,
      connection,
    });
  }
  for (const { before, after } of kept) {
    conflicts.push(...unexplainedPause('connection', before, after));
    if (before.provider !== after.provider)
      conflicts.push(
        `connection ${after.key}: the provider kind cannot change (${before.provider} -> ${after.provider}); add a new connection instead`,
      );
    else if (changedFields<ConnectionDoc>(before, after).length > 0)
      changes.push({
        kind: 'connection.update',
        summary: `update connection ${after.key}: ${describeDiffs(diffFields(before, after))}`,
        before,
        after,
      });
  }
  for (const connection of removed) {
    const events = usage.connectionInboundEvents[connection.key] ?? 0;
    if (events > 0)
      conflicts.push(
        `connection ${connection.key} has ${plural(events, 'inbound event')}: pause it instead of deleting it`,
      );
    else
      changes.push({
        kind: 'connection.delete',
        summary: `delete connection ${connection.key}`,
        connection,
      });
  }
  return { changes, conflicts };
}

function planFlows(current: ConfigDocument, desired: ConfigDocument, usage: ConfigUsage) {
  const changes: ConfigChange[] = [];
  const conflicts: string[] = [];
  const { added, kept, removed } = pair(current.flows, desired.flows, (f) => f.key);
  const route = (f: FlowDoc) => `${f.source} ${f.eventType} -> ${f.target} ${f.operation}`;
  for (const flow of dependencyOrder(added)) {
    conflicts.push(...unexplainedPause('flow', null, flow));
    changes.push({
      kind: 'flow.create',
      summary: `create flow ${flow.key} (${route(flow)})`,
      flow,
    });
    const mappings = planMappings(null, flow);
    changes.push(...mappings.changes);
    conflicts.push(...mappings.conflicts);
  }
  for (const { before, after } of kept) {
    conflicts.push(...unexplainedPause('flow', before, after));
    const transactions = usage.flowTransactions[after.key] ?? 0;
    const rerouted = ROUTE.filter((field) => before[field] !== after[field]);
    if (rerouted.length > 0 && transactions > 0)
      conflicts.push(
        `flow ${after.key} has ${plural(transactions, 'transaction')}: its ${rerouted.join(', ')} cannot change; add a new flow and pause this one`,
      );
    const { mapping: _b, ...beforeFields } = before;
    const { mapping: _a, ...afterFields } = after;
    const diffs = diffFields(beforeFields, afterFields);
    if (diffs.length > 0)
      changes.push({
        kind: 'flow.update',
        summary: `update flow ${after.key}: ${describeDiffs(diffs)}`,
        before,
        after,
      });
    const mappings = planMappings(before, after);
    changes.push(...mappings.changes);
    conflicts.push(...mappings.conflicts);
  }
  for (const flow of removed) {
    const transactions = usage.flowTransactions[flow.key] ?? 0;
    const runs = usage.flowReconciliationRuns?.[flow.key] ?? 0;
    const history = [
      ...(transactions > 0 ? [plural(transactions, 'transaction')] : []),
      ...(runs > 0 ? [plural(runs, 'reconciliation run')] : []),
    ];
    if (history.length > 0)
      conflicts.push(
        `flow ${flow.key} has ${history.join(' and ')}: pause or retire it instead of deleting it`,
      );
    else changes.push({ kind: 'flow.delete', summary: `delete flow ${flow.key}`, flow });
  }
  return { changes, conflicts };
}

/** The tenant itself: its name and its policies, each one line; another tenant's document refused. */
function planTenant(current: ConfigDocument, desired: ConfigDocument) {
  const changes: ConfigChange[] = [];
  const [was, wanted] = [current.tenant, desired.tenant];
  if (wanted.slug !== was.slug)
    return {
      changes,
      conflicts: [
        `the document is for tenant ${wanted.slug}, not ${was.slug}: change tenant.slug to apply it here`,
      ],
    };
  if (wanted.name !== was.name)
    changes.push({
      kind: 'tenant.update',
      summary: `update tenant ${was.slug}: name ${JSON.stringify(was.name)} -> ${JSON.stringify(wanted.name)}`,
      before: was.name,
      after: wanted.name,
    });
  const policies = diffFields(current.policies, desired.policies, 'policies');
  if (policies.length > 0)
    changes.push({
      kind: 'tenant.policies',
      summary: `update tenant ${was.slug}: ${describeDiffs(policies)}`,
      before: current.policies,
      after: desired.policies,
    });
  return { changes, conflicts: [] };
}

export function planConfig(
  current: ConfigDocument,
  desired: ConfigDocument,
  usage: ConfigUsage,
): ConfigPlan {
  const tenant = planTenant(current, desired);
  const changes: ConfigChange[] = [...tenant.changes];
  const conflicts: string[] = [...tenant.conflicts];
  conflicts.push(...referenceConflicts(current, desired));
  conflicts.push(...duplicateNames(current.slaRules, 'SLA rule'));
  conflicts.push(...duplicateNames(current.alertRules, 'alert rule'));
  for (const part of [
    planConnections(current, desired, usage),
    planFlows(current, desired, usage),
    { changes: planSlaRules(current.slaRules, desired.slaRules), conflicts: [] },
    planAlertRules(current.alertRules, desired.alertRules),
  ]) {
    changes.push(...part.changes);
    conflicts.push(...part.conflicts);
  }
  // Array.prototype.sort is stable: within a kind the order above (flows by dependency) stays.
  changes.sort((a, b) => CHANGE_ORDER.indexOf(a.kind) - CHANGE_ORDER.indexOf(b.kind));
  return { changes, conflicts };
}
