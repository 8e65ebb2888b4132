'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { saveSsoPolicy } from '../actions';

const ROLES = [
  { value: '', label: 'Nobody: invited people only' },
  { value: 'viewer', label: 'Viewer' },
  { value: 'support', label: 'Support' },
  { value: 'finance', label: 'Finance' },
] as const;

/** Who joins on a first single sign-on without an invitation, and with which role. */
export function SsoPolicyForm({ role, domains }: { role: string | null; domains: string[] }) {
  const [state, submit, pending] = useActionState(saveSsoPolicy, null);
  const domainError = state && !state.ok ? state.fieldErrors?.domains?.[0] : undefined;
  return (
    <form action={submit} className="max-w-2xl space-y-4">
      <div>
        <label htmlFor="sso-role" className="block text-sm font-medium">
          Who joins without an invitation
        </label>
        <select
          id="sso-role"
          name="role"
          defaultValue={role ?? ''}
          className="mt-1 rounded border border-slate-300 px-2 py-1 text-sm"
        >
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="sso-domains" className="block text-sm font-medium">
          Email domains
        </label>
        <p id="sso-domains-help" className="text-sm text-slate-600">
          People whose verified email ends in one of these join with the role above on their first
          sign-in. Separate them with commas or new lines, e.g. example.com.
        </p>
        <textarea
          id="sso-domains"
          name="domains"
          rows={3}
          defaultValue={domains.join('\n')}
          aria-describedby={domainError ? 'sso-domains-help sso-domains-error' : 'sso-domains-help'}
          aria-invalid={domainError ? true : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm"
        />
        {domainError ? (
          <p id="sso-domains-error" className="text-sm text-red-800">
            {domainError}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Save'}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
