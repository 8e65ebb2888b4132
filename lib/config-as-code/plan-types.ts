// What a plan is made of: changes (each with the one line a person reads, and what apply needs to
// make it) and conflicts (refusals, in words that say what to do instead).
import type {
  AlertRuleDoc,
  ConnectionDoc,
  FlowDoc,
  MappingVersionDoc,
  PoliciesDoc,
  SlaRuleDoc,
} from './document';

/** History that decides whether something may be deleted or rerouted. */
export interface ConfigUsage {
  /** transactions per flow key; a flow left out has none */
  flowTransactions: Record<string, number>;
  /** reconciliation runs per flow key (their drift items name the flow); left out: none */
  flowReconciliationRuns?: Record<string, number>;
  /** inbound events per connection key; a connection left out has none */
  connectionInboundEvents: Record<string, number>;
}

type Line = { summary: string };

export type ConfigChange = Line &
  (
    | { kind: 'tenant.update'; before: string; after: string }
    | { kind: 'tenant.policies'; before: PoliciesDoc; after: PoliciesDoc }
    | { kind: 'connection.create'; connection: ConnectionDoc }
    | { kind: 'connection.update'; before: ConnectionDoc; after: ConnectionDoc }
    | { kind: 'connection.delete'; connection: ConnectionDoc }
    | { kind: 'flow.create'; flow: FlowDoc }
    | { kind: 'flow.update'; before: FlowDoc; after: FlowDoc }
    | { kind: 'flow.delete'; flow: FlowDoc }
    | { kind: 'mapping.add'; flow: string; version: MappingVersionDoc; activate: boolean }
    | { kind: 'mapping.activate'; flow: string; from: number | null; to: number }
    | { kind: 'sla_rule.create'; rule: SlaRuleDoc }
    | { kind: 'sla_rule.update'; before: SlaRuleDoc; after: SlaRuleDoc }
    | { kind: 'sla_rule.delete'; rule: SlaRuleDoc }
    | { kind: 'alert_rule.create'; rule: AlertRuleDoc }
    | { kind: 'alert_rule.update'; before: AlertRuleDoc; after: AlertRuleDoc }
    | { kind: 'alert_rule.delete'; rule: AlertRuleDoc }
  );

export type ChangeKind = ConfigChange['kind'];

export interface ConfigPlan {
  /** in the order apply makes them */
  changes: ConfigChange[];
  /** any conflict refuses the whole document */
  conflicts: string[];
}

/**
 * The order changes are applied in, so that every reference exists when it is written and is gone
 * only after nothing points at it: rules that go first, then connections and flows that come,
 * versions, rules that come, and last the flows and connections that go.
 */
export const CHANGE_ORDER: readonly ChangeKind[] = [
  'tenant.update',
  'tenant.policies',
  'alert_rule.delete',
  'sla_rule.delete',
  'connection.create',
  'connection.update',
  'flow.create',
  'flow.update',
  'mapping.add',
  'mapping.activate',
  'sla_rule.create',
  'sla_rule.update',
  'alert_rule.create',
  'alert_rule.update',
  'flow.delete',
  'connection.delete',
];
