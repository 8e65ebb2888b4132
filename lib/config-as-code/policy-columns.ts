// The document's `policies` and the tenant columns they are stored in, in one place: read-state
// turns the columns into the document's words, apply-policies writes them back and audits each
// policy with the action the console uses for it.
import type { Prisma } from '@/lib/db';
import type { AuditEvent } from '@/lib/audit';
import type { PoliciesDoc } from './document';

export const POLICIES_SELECT = {
  maxTokenLifetimeDays: true,
  payloadRetentionDays: true,
  requireTotpForAdmins: true,
  ssoJitRole: true,
  ssoJitDomains: true,
} as const satisfies Prisma.TenantSelect;

export type PolicyColumns = Prisma.TenantGetPayload<{ select: typeof POLICIES_SELECT }>;

type TenantAction = Extract<AuditEvent, { objectType: 'tenant' }>['action'];

/** Each policy's columns and the audit action the console records a change of it with. */
export const AUDITED_POLICIES: readonly {
  action: TenantAction;
  columns: (keyof PolicyColumns)[];
}[] = [
  { action: 'tenant.updated', columns: ['maxTokenLifetimeDays'] },
  { action: 'tenant.retention_changed', columns: ['payloadRetentionDays'] },
  { action: 'tenant.second_factor_policy_changed', columns: ['requireTotpForAdmins'] },
  { action: 'tenant.sso_changed', columns: ['ssoJitRole', 'ssoJitDomains'] },
];

export function policiesOf(row: PolicyColumns): PoliciesDoc {
  return {
    apiTokenMaxDays: row.maxTokenLifetimeDays,
    payloadRetentionDays: row.payloadRetentionDays,
    requireSecondFactorForAdmins: row.requireTotpForAdmins,
    singleSignOn: {
      // an admin role cannot be chosen for joining (lib/tenants/sso-policy.ts)
      joinRole: row.ssoJitRole === 'admin' ? null : row.ssoJitRole,
      joinDomains: row.ssoJitDomains,
    },
  };
}

export function columnsOf(policies: PoliciesDoc): PolicyColumns {
  return {
    maxTokenLifetimeDays: policies.apiTokenMaxDays,
    payloadRetentionDays: policies.payloadRetentionDays,
    requireTotpForAdmins: policies.requireSecondFactorForAdmins,
    ssoJitRole: policies.singleSignOn.joinRole,
    ssoJitDomains: policies.singleSignOn.joinDomains,
  };
}
