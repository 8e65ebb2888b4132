import type { Metadata } from 'next';
import { currentSession, requirePage } from '@/lib/auth/session';
import { listTimeZones } from '@/lib/base/time-format';
import { PASSWORD_MIN_LENGTH } from '@/lib/identity/password-rules';
import { findUserTimeZone } from '@/lib/identity/user-time-zone';
import { secondFactorStatus } from '@/lib/identity/second-factor';
import Link from '@/components/ui/link';
import { listOwnSessions } from '@/lib/identity/user-sessions.presenter';
import { serverContext } from '@/lib/server/context';
import { ChangePasswordForm } from './_components/change-password-form';
import type { SessionListRow } from '@/components/sessions/sessions-list';
import { SessionsTable } from './_components/sessions-table';
import { SignOutEverywhere } from './_components/sign-out-everywhere';
import { TimeZoneForm } from './_components/time-zone-form';

export const metadata: Metadata = { title: 'Your account' };

// Every role reads transactions: the permission stands for "any signed-in person" here, and the
// page shows only the person's own sessions.
export default async function AccountPage() {
  const actor = await requirePage('transactions.read');
  const session = await currentSession();
  const sessions = await listOwnSessions(serverContext().db, {
    userId: actor.userId,
    currentSessionId: session?.sessionId ?? null,
  });
  const chosenZone = await findUserTimeZone(serverContext().db, actor.userId);
  const secondFactor = await secondFactorStatus(serverContext().db, actor.userId);
  const rows: SessionListRow[] = sessions.map((s) => ({
    id: s.id,
    current: s.current,
    signedInAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    address: s.ip || 'unknown',
    browser: s.userAgent || 'unknown',
  }));
  return (
    <div className="space-y-8">
      <section aria-labelledby="account-heading">
        <h1 id="account-heading" className="mb-1 text-xl font-semibold">
          Your sessions
        </h1>
        <p className="mb-4 max-w-3xl text-sm text-slate-600">
          {actor.name} ({actor.email}) is signed in on these browsers. A session ends when it is not
          used for a while or reaches its time limit, when you sign out, and when your password or
          role changes.
        </p>
        <SessionsTable rows={rows} />
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading" className="mb-1 text-lg font-semibold">
          Password
        </h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600">
          Changing it signs you out of every other browser; this one stays signed in. Forgot it?
          Sign out, and ask an administrator for a reset link.
        </p>
        <ChangePasswordForm minLength={PASSWORD_MIN_LENGTH} />
      </section>
      <section aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading" className="mb-1 text-lg font-semibold">
          Two-factor authentication
        </h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600">
          {secondFactor.enabledAt
            ? `On: signing in asks for a code from your authenticator app. ${secondFactor.recoveryCodesLeft} of 10 recovery codes unused.`
            : 'Off: signing in asks for your password only. A code from an authenticator app on your phone keeps a stolen password from being enough.'}
        </p>
        <Link href="/account/two-factor" className="text-sm text-blue-800 underline">
          {secondFactor.enabledAt
            ? 'Manage two-factor authentication'
            : 'Set up two-factor authentication'}
        </Link>
      </section>
      <section aria-labelledby="time-zone-heading">
        <h2 id="time-zone-heading" className="mb-1 text-lg font-semibold">
          Time zone
        </h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600">
          Every time in the console is shown in this zone, with its abbreviation, and date filters
          are read in it. Exports stay in UTC.
        </p>
        <TimeZoneForm chosen={chosenZone} zones={listTimeZones()} now={new Date().toISOString()} />
      </section>
      <section aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading" className="mb-1 text-lg font-semibold">
          Sign out everywhere
        </h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600">
          Ends every session listed above, this one included: use it when you lost a device or
          signed in on a computer that is not yours.
        </p>
        <SignOutEverywhere />
      </section>
    </div>
  );
}
