import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import QRCode from 'qrcode';
import { requirePage } from '@/lib/auth/session';
import { pendingTotpSetup, secondFactorStatus } from '@/lib/identity/second-factor';
import { serverContext } from '@/lib/server/context';
import { Time } from '@/components/time/time';
import {
  ConfirmSetupForm,
  DisableForm,
  RenewCodesForm,
  StartSetupForm,
} from './_components/code-forms';

export const metadata: Metadata = { title: 'Two-factor authentication' };

/** The secret in groups of four, as people type it into an app that cannot scan. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('transactions.read', { whileSecondFactorDue: true });
  const { db, keyRing } = serverContext();
  const status = await secondFactorStatus(db, actor.userId);
  const pending = status.pending
    ? await pendingTotpSetup(db, { userId: actor.userId, keyRing })
    : null;
  const required = (await searchParams).required === '1' || actor.secondFactorDue === true;
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <Link href="/account" className="text-sm text-blue-800 underline">
          Your account
        </Link>
        <h1 className="mt-1 text-xl font-semibold">Two-factor authentication</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signing in asks for a six-digit code from an authenticator app on your phone (any app that
          reads a TOTP QR code) after your password. Recovery codes stand in for the phone when you
          do not have it.
        </p>
      </div>
      {actor.secondFactorDue && (
        <p role="status" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {actor.tenantName} requires admins to use two-factor authentication. Set it up to continue
          working in the console.
        </p>
      )}
      {status.enabledAt ? (
        <>
          <p className="text-sm">
            <strong>On</strong> since <Time value={status.enabledAt.toISOString()} /> ·{' '}
            {status.recoveryCodesLeft} of 10 recovery codes unused
          </p>
          <section aria-labelledby="renew-heading" className="space-y-2">
            <h2 id="renew-heading" className="text-lg font-semibold">
              Recovery codes
            </h2>
            <p className="text-sm text-slate-600">
              Lost them, or used most of them? New codes replace every old one.
            </p>
            <RenewCodesForm />
          </section>
          <section aria-labelledby="disable-heading" className="space-y-2">
            <h2 id="disable-heading" className="text-lg font-semibold">
              Turn off
            </h2>
            <DisableForm required={required && actor.role === 'admin'} />
          </section>
        </>
      ) : pending ? (
        <ol className="list-decimal space-y-6 pl-5">
          <li className="space-y-2">
            <p className="text-sm">Scan this QR code with your authenticator app.</p>
            <div
              role="img"
              aria-label="QR code for your authenticator app"
              className="w-48 rounded bg-white p-2"
              // the library's own SVG of our otpauth:// address: no user input reaches it
              dangerouslySetInnerHTML={{
                __html: await QRCode.toString(pending.uri, { type: 'svg', margin: 1 }),
              }}
            />
            <p className="text-sm text-slate-700">
              Cannot scan? Type this key into the app instead:{' '}
              <code data-testid="totp-secret" className="font-mono">
                {grouped(pending.secret)}
              </code>
            </p>
          </li>
          <li className="space-y-2">
            <p className="text-sm">Type the code the app shows, to prove it is set up.</p>
            <ConfirmSetupForm />
            <StartSetupForm again />
          </li>
        </ol>
      ) : (
        <StartSetupForm again={false} />
      )}
    </div>
  );
}
