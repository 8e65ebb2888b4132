import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { isPasswordResetLive, PASSWORD_RESET_REFUSED } from '@/lib/identity/password-reset';
import { PASSWORD_MIN_LENGTH } from '@/lib/identity/password-rules';
import { serverContext } from '@/lib/server/context';
import { ResetForm } from './_components/reset-form';

// The link's secret is in this URL: never send it on as a Referer.
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

/** Open signed out: the link's secret is the authority. It names no account (no email shown), so
 *  a leaked link says no more than that some account exists. */
export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const live = await isPasswordResetLive(serverContext().db, token);
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      {live ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">
            This link works once. After saving, sign in with your email and the new password.
          </p>
          <ResetForm secret={token} minLength={PASSWORD_MIN_LENGTH} />
        </>
      ) : (
        <>
          <p role="alert" className="mt-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {PASSWORD_RESET_REFUSED}
          </p>
          <p className="mt-4 text-sm">
            <Link href="/login" className="text-blue-800 underline">
              Go to sign in
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
