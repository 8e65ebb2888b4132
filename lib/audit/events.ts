// One schema per audit event type (a discriminated union on `action`): what each action must
// record, checked before it is written. Adding an action means adding its schema here, so the
// audit screen's filter, the CSV export and the API's documentation all learn about it.
import { z } from 'zod';

const id = z.string().min(1).max(200);
const reason = z.string().trim().min(1).max(2000);
/** a configuration snapshot: secrets are removed by redactSecrets() before it is hashed and stored */
const snapshot = z.record(z.string(), z.unknown());

function event<A extends string, O extends string, Extra extends z.ZodRawShape>(
  action: A,
  objectType: O,
  extra: Extra,
) {
  return z.object({
    action: z.literal(action),
    objectType: z.literal(objectType),
    objectId: id,
    ...extra,
  });
}

const change = {
  before: snapshot.nullable(),
  after: snapshot.nullable(),
  reason: reason.optional(),
};
const withReason = { reason, after: snapshot.optional() };
const details = { after: snapshot.optional(), reason: reason.optional() };

export const auditEventSchema = z.discriminatedUnion('action', [
  // configuration: connections, credentials, secrets, masking
  event('connection.created', 'connection', change),
  event('connection.updated', 'connection', change),
  event('connection.credentials_replaced', 'connection', details),
  event('connection.webhook_secret_rotated', 'connection', details),
  event('connection.webhook_overlap_ended', 'connection', details),
  event('connection.tested', 'connection', details),
  event('connection.paused', 'connection', details),
  event('connection.resumed', 'connection', details),
  event('connection.deleted', 'connection', change),
  event('secrets.reencrypted', 'tenant', details),
  event('demo.reset', 'tenant', details),
  // flows and mappings
  event('flow.created', 'flow', change),
  event('flow.updated', 'flow', change),
  event('flow.deleted', 'flow', change),
  event('flow.paused', 'flow', details),
  event('flow.reconcile_schedule_changed', 'flow', change),
  event('flow.resumed', 'flow', details),
  event('flow.retired', 'flow', change),
  event('mapping.version_created', 'flow', change),
  event('mapping.activated', 'flow', change),
  event('mapping.rolled_back', 'flow', change),
  // configuration as code (lib/config-as-code): one summary entry per applied document, beside
  // the entry of each change it made
  event('config.applied', 'tenant', details),
  // operator actions on transactions
  event('transaction.replayed', 'transaction', withReason),
  event('transaction.resolved', 'transaction', withReason),
  event('transaction.cancelled', 'transaction', withReason),
  event('transaction.note_added', 'transaction', withReason),
  event('replay_batch.started', 'replay_batch', withReason),
  event('replay_batch.cancelled', 'replay_batch', details),
  event('replay_preflight.started', 'replay_preflight', details),
  event('replay_preflight.cancelled', 'replay_preflight', details),
  event('error_group.resolved', 'error_group', withReason),
  event('error_group.ignored', 'error_group', withReason),
  // guided recovery of a connection (lib/recovery): each step, in order, with its facts
  event('recovery.started', 'recovery', details),
  event('recovery.fix_confirmed', 'recovery', details),
  event('recovery.previewed', 'recovery', details),
  event('recovery.drain_started', 'recovery', details),
  event('recovery.reconcile_started', 'recovery', details),
  event('recovery.completed', 'recovery', details),
  event('recovery.abandoned', 'recovery', details),
  // stored issues (lib/issues): lifecycle, owner, snooze, tags (before/after) and comments
  event('issue.state_changed', 'issue', change),
  event('issue.assigned', 'issue', change),
  event('issue.snoozed', 'issue', change),
  event('issue.tagged', 'issue', change),
  event('issue.commented', 'issue', details),
  // reconciliation: runs and decisions on drift items (objectId: the run, a drift item or 'bulk')
  event('reconciliation.run_started', 'reconciliation_run', details),
  event('reconciliation.run_cancelled', 'reconciliation_run', details),
  event('drift.backfilled', 'drift_item', details),
  event('drift.replayed', 'drift_item', withReason),
  event('drift.accepted', 'drift_item', withReason),
  // absence checks and alerting (the signing secret is never in a snapshot, only its presence)
  event('sla_rule.created', 'sla_rule', change),
  event('sla_rule.updated', 'sla_rule', change),
  event('sla_rule.deleted', 'sla_rule', change),
  event('alert_rule.created', 'alert_rule', change),
  event('alert_rule.updated', 'alert_rule', change),
  event('alert_rule.deleted', 'alert_rule', change),
  event('alert_rule.secret_rotated', 'alert_rule', details),
  // data leaving the console
  event('transactions.exported', 'export', details),
  event('audit.exported', 'export', details),
  event('reconciliation.exported', 'export', details),
  event('payload.revealed', 'transaction', withReason),
  // one customer's personal data erased on request (lib/erasure): objectId is a keyed hash of the
  // address, never the address; after: the counts per place
  event('customer.erased', 'customer', details),
  // people and access
  event('auth.signed_in', 'user', details),
  event('auth.sign_in_failed', 'user', details),
  event('auth.locked_out', 'user', details),
  event('auth.password_reset_issued', 'user', details),
  event('auth.password_reset', 'user', details),
  // the person replaced their own password; their other sessions ended (lib/identity/change-password.ts)
  event('auth.password_changed', 'user', details),
  // the person ended all their own sessions (lib/identity/user-session.ts)
  event('auth.signed_out_everywhere', 'user', details),
  // the second factor (lib/identity/second-factor.ts): enrolled, removed, new recovery codes, one
  // recovery code used at sign-in (with how many remain)
  event('auth.totp_enabled', 'user', details),
  event('auth.totp_disabled', 'user', details),
  event('auth.recovery_codes_renewed', 'user', details),
  event('auth.recovery_code_used', 'user', details),
  // an admin removed a member's second factor (lost phone and codes): they enrol again
  event('member.second_factor_reset', 'user', details),
  event('member.invited', 'invitation', change),
  event('member.invitation_revoked', 'invitation', details),
  event('member.joined', 'user', change),
  // joined on a first single sign-on, by the tenant's email-domain rule (lib/identity/oidc-sign-in.ts)
  event('member.joined_by_sso', 'user', change),
  event('member.role_changed', 'user', change),
  event('member.removed', 'user', change),
  // an admin signed a member out of every browser (lib/members/member-access.ts)
  event('member.sessions_ended', 'user', details),
  event('tenant.created', 'tenant', change),
  // the tenant's policy: admins must have a second factor
  event('tenant.second_factor_policy_changed', 'tenant', change),
  event('tenant.updated', 'tenant', change),
  // the tenant's single sign-on policy: who may join on a first SSO sign-in, with which role
  event('tenant.sso_changed', 'tenant', change),
  // how long raw payloads and provider responses are kept (lib/retention/retention-setting.ts),
  // and each retention run that replaced old bodies by a marker (counts, cutoff, rule)
  event('tenant.retention_changed', 'tenant', change),
  event('retention.expunged', 'tenant', details),
  event('token.issued', 'api_token', change),
  event('token.revoked', 'api_token', details),
]);

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditAction = AuditEvent['action'];
export const AUDIT_ACTIONS: AuditAction[] = auditEventSchema.options.map(
  (o) => o.shape.action.value,
);

/** Who acted, as the audit log records it. Exactly one of userId / tokenId for people and
 *  tokens; neither for the system (scheduled jobs, the re-encryption command). */
export interface AuditActor {
  userId: string | null;
  tokenId: string | null;
  label: string;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, tokenId: null, label: 'system' };

/** The ledger's operator convention ("api:<token id>" for tokens) as an audit actor. */
export function auditActorOf(operator: { id: string; label: string }): AuditActor {
  if (operator.id.startsWith('api:'))
    return { userId: null, tokenId: operator.id.slice(4), label: operator.label };
  if (operator.id === 'system') return SYSTEM_ACTOR;
  // the operator CLI (cli/context.ts): a person at the server, named by their OS user
  if (operator.id.startsWith('cli:')) return { userId: null, tokenId: null, label: operator.label };
  return { userId: operator.id, tokenId: null, label: operator.label };
}
