// What happens to a person's account (a password reset or change, signing out everywhere) is
// audited in every tenant they belong to: each tenant's admins see it in their own log.
import { recordAudit, type AuditActor, type AuditTx } from '@/lib/audit';

export type PersonAuditAction =
  | 'auth.password_reset_issued'
  | 'auth.password_reset'
  | 'auth.password_changed'
  | 'auth.signed_out_everywhere'
  | 'auth.totp_enabled'
  | 'auth.totp_disabled'
  | 'auth.recovery_codes_renewed'
  | 'auth.recovery_code_used'
  | 'member.second_factor_reset';

export async function auditEverywhere(
  tx: AuditTx,
  tenantIds: readonly string[],
  entry: {
    actor: AuditActor;
    requestId: string | null;
    at: Date;
    action: PersonAuditAction;
    userId: string;
    after: Record<string, unknown>;
  },
): Promise<void> {
  const { action, userId, after, ...common } = entry;
  for (const tenantId of tenantIds)
    await recordAudit(tx, {
      ...common,
      tenantId,
      event: { action, objectType: 'user', objectId: userId, after },
    });
}
