// The tenant's policies as the document sets them: one update of the tenant row, and for each
// policy that changed the audit entry the console writes for it (the same action, before and
// after), so the audit screen's filters find a change made from git beside one made on a page.
import type { AuditEvent } from '@/lib/audit';
import type { PoliciesDoc } from './document';
import { audit, type ApplyContext } from './apply-context';

export async function applyPolicies(
  ctx: ApplyContext,
  before: PoliciesDoc,
  after: PoliciesDoc,
): Promise<void> {
  await ctx.tx.tenant.update({
    where: { id: ctx.tenantId },
    data: {
      maxTokenLifetimeDays: after.apiTokenMaxDays,
      payloadRetentionDays: after.payloadRetentionDays,
      requireTotpForAdmins: after.requireSecondFactorForAdmins,
      ssoJitRole: after.singleSignOn.joinRole,
      ssoJitDomains: after.singleSignOn.joinDomains,
    },
  });
  for (const event of policyEvents(ctx.tenantId, before, after)) await audit(ctx, event);
}

type TenantAction = Extract<AuditEvent, { objectType: 'tenant' }>['action'];

/** Each one-value policy: its document field, its tenant column, the console's audit action. */
const ONE_VALUE = [
  ['apiTokenMaxDays', 'maxTokenLifetimeDays', 'tenant.updated'],
  ['payloadRetentionDays', 'payloadRetentionDays', 'tenant.retention_changed'],
  ['requireSecondFactorForAdmins', 'requireTotpForAdmins', 'tenant.second_factor_policy_changed'],
] as const satisfies readonly (readonly [keyof PoliciesDoc, string, TenantAction])[];

function policyEvents(tenantId: string, b: PoliciesDoc, a: PoliciesDoc): AuditEvent[] {
  const event = (
    action: TenantAction,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): AuditEvent => ({ action, objectType: 'tenant', objectId: tenantId, before, after });
  const events = ONE_VALUE.filter(([field]) => b[field] !== a[field]).map(
    ([field, column, action]) => event(action, { [column]: b[field] }, { [column]: a[field] }),
  );
  const sso = (p: PoliciesDoc) => ({
    ssoJitRole: p.singleSignOn.joinRole,
    ssoJitDomains: p.singleSignOn.joinDomains,
  });
  if (JSON.stringify(sso(b)) !== JSON.stringify(sso(a)))
    events.push(event('tenant.sso_changed', sso(b), sso(a)));
  return events;
}
