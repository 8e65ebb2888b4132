import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { PASSWORD_MIN_LENGTH } from '@/lib/identity/password-rules';
import { INVITATION_MESSAGES, invitationView } from '@/lib/members/invitation.presenter';
import { serverContext } from '@/lib/server/context';
import { AcceptForm } from './_components/accept-form';

// The link's secret is in this URL: never send it on as a Referer.
export const metadata: Metadata = { title: 'Accept invitation', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await invitationView(serverContext().db, token);
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Join Waybill</h1>
      {view.state === 'valid' ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">
            You are invited to <strong>{view.tenantName}</strong> as <strong>{view.role}</strong>{' '}
            with the email <strong>{view.email}</strong>.
          </p>
          <AcceptForm
            secret={token}
            email={view.email}
            existingUser={view.existingUser}
            minLength={PASSWORD_MIN_LENGTH}
          />
        </>
      ) : (
        <>
          <p role="alert" className="mt-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {INVITATION_MESSAGES[view.state]}
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
