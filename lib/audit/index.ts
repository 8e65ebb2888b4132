export {
  auditEventSchema,
  auditActorOf,
  AUDIT_ACTIONS,
  SYSTEM_ACTOR,
  type AuditAction,
  type AuditActor,
  type AuditEvent,
} from './events';
export { recordAudit, recordAuditAlone, type AuditTx, type AuditInput } from './record';
export { redactSecrets, REDACTED } from './redact';
export { withoutEmails } from './without-emails';
export { verifyAuditChain, VERIFY_LIMITS, type AuditVerifyResult } from './verify';
export type { ChainAnchor, ChainProblem } from './chain-check';
