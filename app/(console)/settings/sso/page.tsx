import type { Metadata } from 'next';
import { requirePage } from '@/lib/auth/session';
import { authEnv, oidcEnv } from '@/lib/env';
import { serverContext } from '@/lib/server/context';
import { getSsoPolicy } from '@/lib/tenants/sso-policy';
import { SsoPolicyForm } from './_components/sso-policy-form';

export const metadata: Metadata = { title: 'Single sign-on' };

/** The instance's OpenID Connect provider (read-only: set by the operator) and this tenant's
 *  rule for people who arrive through it without an invitation. */
export default async function SsoSettingsPage() {
  const actor = await requirePage('settings.manage');
  const policy = await getSsoPolicy(serverContext().db, actor.tenantId);
  const oidc = oidcEnv();
  const appUrl = authEnv().NEXTAUTH_URL?.replace(/\/$/, '');
  return (
    <div className="space-y-8">
      <section aria-labelledby="sso-heading" className="max-w-3xl space-y-3">
        <h1 id="sso-heading" className="text-xl font-semibold">
          Settings · Single sign-on
        </h1>
        {oidc ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">Identity provider</dt>
            <dd className="font-mono break-all">{oidc.issuer}</dd>
            <dt className="font-medium">Client id</dt>
            <dd className="font-mono break-all">{oidc.clientId}</dd>
            <dt className="font-medium">Sign-in button</dt>
            <dd>{oidc.name}</dd>
            {appUrl ? (
              <>
                <dt className="font-medium">Redirect URI</dt>
                <dd className="font-mono break-all">{appUrl}/api/auth/callback/oidc</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p className="text-sm text-slate-700">
            Single sign-on is not configured on this installation. The operator sets OIDC_ISSUER,
            OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (docs/deploy.md); the rule below applies once it
            is.
          </p>
        )}
        <p className="text-sm text-slate-700">
          Anyone signing in through the identity provider must have a verified email. Members and
          invited people are recognised by that email; the provider&apos;s account is then linked,
          so a later change of email there keeps the same account here.
        </p>
      </section>
      <section aria-labelledby="sso-join-heading" className="space-y-3">
        <h2 id="sso-join-heading" className="text-lg font-semibold">
          Joining without an invitation
        </h2>
        <SsoPolicyForm role={policy.ssoJitRole} domains={policy.ssoJitDomains} />
      </section>
    </div>
  );
}
