'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';

/** Starts single sign-on at the instance's identity provider; back to `next` afterwards. */
export function SsoButton({ label, next }: { label: string; next: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn('oidc', { callbackUrl: next });
      }}
      className="w-full rounded border border-slate-300 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60"
    >
      {pending ? 'Opening your identity provider…' : `Continue with ${label}`}
    </button>
  );
}
