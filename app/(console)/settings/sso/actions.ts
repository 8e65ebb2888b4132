'use server';

// The tenant's single sign-on policy (lib/tenants/sso-policy.ts): who joins on a first SSO sign-in.
import { setSsoPolicy, ssoPolicySchema } from '@/lib/tenants/sso-policy';
import { succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';

export const saveSsoPolicy = defineFormAction({
  permission: 'settings.manage',
  doing: 'change single sign-on',
  input: ssoPolicySchema,
  revalidate: ['/settings/sso'],
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const { policy, changed } = await setSsoPolicy(ctx.db, actor.tenantId, {
      ...input,
      actor: operator,
      requestId: audit.requestId,
    });
    if (!changed) return succeeded('Nothing changed.');
    return succeeded(
      policy.ssoJitRole
        ? `Saved: people from ${policy.ssoJitDomains.join(', ')} join as ${policy.ssoJitRole} on their first sign-in.`
        : 'Saved: only invited people can join through single sign-on.',
    );
  },
});
