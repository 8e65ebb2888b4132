'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from '@/lib/base/callback-path';
import { SIGN_IN_REFUSED, SIGN_IN_THROTTLED, THROTTLED_ERROR } from '@/lib/auth/sign-in-messages';

/** `next`: the same-origin path to open after sign-in (checked on the server by the page). */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const result = await signIn('credentials', {
      email: field('email'),
      password: field('password'),
      redirect: false,
    });
    setPending(false);
    if (result?.ok) {
      // checked again here: the form must never be the one place an outside address slips through
      router.replace(safeCallbackPath(next) ?? DEFAULT_AFTER_SIGN_IN);
      router.refresh();
    } else {
      // Every refusal reads the same; only a throttled address is told to wait.
      setError(result?.error === THROTTLED_ERROR ? SIGN_IN_THROTTLED : SIGN_IN_REFUSED);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
      <label className="block text-sm font-medium">
        Email
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
