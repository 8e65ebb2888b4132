import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SIGN_IN_NOTICES, type SignInNotice } from '@/lib/auth/sign-in-messages';
import { currentActor } from '@/lib/auth/session';
import { CALLBACK_PARAM, DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from '@/lib/base/callback-path';
import { serverContext } from '@/lib/server/context';
import { isFreshInstallation } from '@/lib/tenants/installation.presenter';
import { TimeZoneSync } from '@/components/time/time-zone-sync';
import { SSO_REFUSALS } from '@/lib/auth/oidc';
import { oidcEnv } from '@/lib/env';
import { LoginForm } from './_components/login-form';
import { SsoButton } from './_components/sso-button';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** next-auth's own error codes of a failed OAuth round trip (state, PKCE, token exchange …). */
const OAUTH_ERRORS = new Set([
  'OAuthSignin',
  'OAuthCallback',
  'Callback',
  'AccessDenied',
  'Default',
]);
const ssoErrorOf = (value: unknown): string | null =>
  typeof value !== 'string'
    ? null
    : (SSO_REFUSALS[value] ?? (OAUTH_ERRORS.has(value) ? (SSO_REFUSALS.sso_failed ?? null) : null));

const noticeOf = (value: unknown): string | null =>
  typeof value === 'string' && value in SIGN_IN_NOTICES
    ? SIGN_IN_NOTICES[value as SignInNotice]
    : null;

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // The page a link asked for before sign-in; anything but a path of this site is ignored.
  const next = safeCallbackPath(params[CALLBACK_PARAM]) ?? DEFAULT_AFTER_SIGN_IN;
  if (await currentActor()) redirect(next);
  // ?notice=joined after accepting an invitation; ?reason=expired when a session ended
  const notice = noticeOf(params.notice) ?? noticeOf(params.reason);
  if (await isFreshInstallation(serverContext().db)) return <FirstRun />;
  const sso = oidcEnv();
  const ssoError = ssoErrorOf(params.error);
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Waybill</h1>
      <p className="mb-6 text-sm text-slate-600">Sign in to the operations console</p>
      {notice && (
        <p role="status" className="mb-4 rounded bg-blue-50 px-3 py-2 text-sm text-blue-900">
          {notice}
        </p>
      )}
      {ssoError && (
        <p role="alert" className="mb-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {ssoError}
        </p>
      )}
      {sso && (
        <div className="mb-6 space-y-4">
          <SsoButton label={sso.name} next={next} />
          <p className="text-center text-xs text-slate-600">or with your email and password</p>
        </div>
      )}
      <LoginForm next={next} />
      {/* tells the server the browser's zone before the first console page renders */}
      <TimeZoneSync />
    </main>
  );
}

/** A database without any tenant: nobody can sign in yet. The operator CLI creates the first. */
function FirstRun() {
  return (
    <main className="mx-auto mt-24 max-w-xl rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Waybill is installed</h1>
      <p className="mt-2 text-sm text-slate-700">
        There is no tenant yet, so nobody can sign in. On the server, with the same settings as this
        console, create the first tenant and its admin:
      </p>
      <pre className="mt-4 overflow-x-auto rounded bg-slate-900 p-4 text-xs text-slate-100">
        {`waybill migrate
waybill tenant create --slug acme --name "Acme Outfitters"
waybill user create --tenant acme --email you@example.com --name "Your Name" --role admin`}
      </pre>
      <p className="mt-4 text-sm text-slate-700">
        The last command prints a one-time link where you choose your password. With Docker:{' '}
        <code>docker compose run --rm cli …</code>. See docs/deploy.md, &ldquo;First run&rdquo;.
      </p>
    </main>
  );
}
