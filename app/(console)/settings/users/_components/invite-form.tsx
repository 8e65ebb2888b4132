'use client';

import { useActionState, useEffect, useState } from 'react';
import { Time } from '@/components/time/time';
import { ActionMessage } from '@/components/ui/action-message';
import { CopyButton } from '@/components/ui/copy-button';
import { inviteMemberAction, type InviteAnswer } from '../actions';

/** Email and role; on success the link is shown here once, with Copy, and never again. */
export function InviteForm({ roles }: { roles: string[] }) {
  const [state, submit, pending] = useActionState<InviteAnswer | null, FormData>(
    inviteMemberAction,
    null,
  );
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);
  const link = state?.ok ? `${origin}${state.path}` : null;

  return (
    <div className="space-y-4">
      <form action={submit} className="flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium">
          Email
          <input
            name="email"
            type="email"
            required
            autoComplete="off"
            className="mt-1 block w-72 rounded border border-slate-300 px-3 py-1.5"
          />
        </label>
        {/* Label by id, not by wrapping: a wrapped select would add its chosen option to its name */}
        <div className="text-sm font-medium">
          <label htmlFor="invite-role">Role</label>
          <select
            id="invite-role"
            name="role"
            defaultValue="support"
            className="mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {pending ? 'Creating…' : 'Create invitation link'}
        </button>
      </form>
      <ActionMessage state={state && (state.ok ? { ok: true, message: state.message } : state)} />
      {link && state?.ok && (
        <div
          role="region"
          aria-label="Invitation link"
          className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <p className="font-medium text-amber-900">
            Shown once: copy this link now and send it to {state.email}. It cannot be shown again;
            if it is lost, invite them again.
          </p>
          <div className="flex items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1" data-testid="invitation-link">
              {link}
            </code>
            <CopyButton text={link} context="invitation link" />
          </div>
          <p className="text-amber-900">
            It works once and expires <Time value={state.expiresAt} />.
          </p>
        </div>
      )}
    </div>
  );
}
