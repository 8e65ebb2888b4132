'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from '@/lib/base/callback-path';
import {
  SECOND_FACTOR_PROMPT,
  SECOND_FACTOR_REFUSED,
  SECOND_FACTOR_REFUSED_ERROR,
  SECOND_FACTOR_REQUIRED_ERROR,
  SIGN_IN_REFUSED,
  SIGN_IN_THROTTLED,
  THROTTLED_ERROR,
} from '@/lib/auth/sign-in-messages';

const INPUT = 'mt-1 w-full rounded border border-slate-300 px-3 py-2';

/**
 * Email and password, then — for an account with a second factor — the code, in a second step
 * that keeps what was typed in memory only (the server checks the password again with the code).
 * `next`: the same-origin path to open after sign-in (checked on the server by the page).
 */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [typed, setTyped] = useState<{ email: string; password: string } | null>(null);

  async function attempt(fields: { email: string; password: string; code?: string }) {
    setPending(true);
    setError(null);
    const result = await signIn('credentials', { ...fields, redirect: false });
    setPending(false);
    if (result?.ok) {
      // checked again here: the form must never be the one place an outside address slips through
      router.replace(safeCallbackPath(next) ?? DEFAULT_AFTER_SIGN_IN);
      router.refresh();
    } else if (result?.error === SECOND_FACTOR_REQUIRED_ERROR) {
      setTyped({ email: fields.email, password: fields.password });
    } else if (result?.error === SECOND_FACTOR_REFUSED_ERROR) {
      setError(SECOND_FACTOR_REFUSED);
    } else {
      // Every other refusal reads the same; only a throttled address is told to wait. A lockout
      // during the code step starts over from the password.
      setTyped(null);
      setError(result?.error === THROTTLED_ERROR ? SIGN_IN_THROTTLED : SIGN_IN_REFUSED);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    void attempt(
      typed
        ? { ...typed, code: field('code') }
        : { email: field('email'), password: field('password') },
    );
  }

  const alert = error && (
    <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
      {error}
    </p>
  );

  if (typed)
    return (
      <form onSubmit={submit} className="space-y-4" noValidate key="code">
        <p className="text-sm text-slate-700">{SECOND_FACTOR_PROMPT}</p>
        <label className="block text-sm font-medium">
          Authentication code
          <input
            name="code"
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="off"
            spellCheck={false}
            required
            autoFocus
            maxLength={40}
            className={INPUT}
          />
        </label>
        {alert}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {pending ? 'Checking…' : 'Verify and sign in'}
        </button>
        <button
          type="button"
          onClick={() => {
            setTyped(null);
            setError(null);
          }}
          className="w-full text-sm text-blue-800 underline"
        >
          Use another account
        </button>
      </form>
    );

  return (
    <form onSubmit={submit} className="space-y-4" noValidate key="password">
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" autoComplete="username" required className={INPUT} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={INPUT}
        />
      </label>
      {alert}
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
