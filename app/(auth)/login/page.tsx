import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SIGN_IN_NOTICES, type SignInNotice } from '@/lib/auth/sign-in-messages';
import { currentActor } from '@/lib/auth/session';
import { LoginForm } from './_components/login-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

const noticeOf = (value: unknown): string | null =>
  typeof value === 'string' && value in SIGN_IN_NOTICES
    ? SIGN_IN_NOTICES[value as SignInNotice]
    : null;

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await currentActor()) redirect('/transactions');
  const params = await searchParams;
  // ?notice=joined after accepting an invitation; ?reason=expired when a session ended
  const notice = noticeOf(params.notice) ?? noticeOf(params.reason);
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Waybill</h1>
      <p className="mb-6 text-sm text-slate-600">Sign in to the operations console</p>
      {notice && (
        <p role="status" className="mb-4 rounded bg-blue-50 px-3 py-2 text-sm text-blue-900">
          {notice}
        </p>
      )}
      <LoginForm />
    </main>
  );
}
