import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/session';
import { LoginForm } from './_components/login-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  if (await currentActor()) redirect('/transactions');
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">Waybill</h1>
      <p className="mb-6 text-sm text-slate-600">Sign in to the operations console</p>
      <LoginForm />
    </main>
  );
}
