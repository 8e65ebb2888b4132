'use client';

import { useActionState, useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { CopyButton } from '@/components/ui/copy-button';
import { issueToken } from '../actions';

const EXPIRY = [
  { days: 30, label: 'in 30 days' },
  { days: 90, label: 'in 90 days' },
  { days: 365, label: 'in a year' },
] as const;

/** The choices within the organisation's maximum lifetime; the maximum itself when it is odd. */
function expiryChoices(maxDays: number): { days: number; label: string }[] {
  const within: { days: number; label: string }[] = EXPIRY.filter((e) => e.days <= maxDays);
  if (!within.some((e) => e.days === maxDays))
    within.push({ days: maxDays, label: `in ${maxDays} days` });
  return within;
}

/**
 * Name, scopes (grouped by area) and expiry. The issued secret is shown once, here, with a copy
 * button; once dismissed (or the page is left) nobody can see it again.
 */
export function IssueTokenForm({
  groups,
  maxLifetimeDays,
}: {
  groups: { area: string; scopes: string[] }[];
  /** the organisation's maximum token lifetime (a tenant setting) */
  maxLifetimeDays: number;
}) {
  const choices = expiryChoices(maxLifetimeDays);
  const [state, submit, pending] = useActionState(issueToken, null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const issued = state?.ok && state.secret !== dismissed ? state : null;
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;

  if (issued)
    return (
      <div
        role="region"
        aria-labelledby="new-token-heading"
        className="max-w-2xl space-y-3 rounded border border-amber-400 bg-amber-50 p-4"
      >
        <h3 id="new-token-heading" className="font-semibold">
          Token &ldquo;{issued.name}&rdquo; issued
        </h3>
        <p className="text-sm text-amber-950">
          Copy it now and store it in your secret manager. It will not be shown again: if it is
          lost, revoke it and issue a new one.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="new-token" className="sr-only">
            The new API token
          </label>
          <input
            id="new-token"
            readOnly
            value={issued.secret}
            onFocus={(e) => e.currentTarget.select()}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
          />
          <CopyButton text={issued.secret} context="the new API token" />
        </div>
        <button
          type="button"
          onClick={() => setDismissed(issued.secret)}
          className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
        >
          I have copied it
        </button>
      </div>
    );

  return (
    <form action={submit} className="max-w-3xl space-y-4">
      <div>
        <label htmlFor="token-name" className="block text-sm font-medium">
          Name
        </label>
        <p id="token-name-help" className="text-xs text-slate-600">
          Who or what uses it, e.g. &ldquo;nightly reconciliation script&rdquo;.
        </p>
        <input
          id="token-name"
          name="name"
          required
          maxLength={100}
          aria-describedby="token-name-help"
          aria-invalid={fieldErrors?.name ? true : undefined}
          className="mt-1 w-full max-w-md rounded border border-slate-300 px-2 py-1 text-sm"
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Scopes</legend>
        <p className="text-xs text-slate-600">
          Choose only what the script needs. Each API operation names the scope it requires.
        </p>
        <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {groups.map((group) => (
            <fieldset key={group.area} className="rounded border border-slate-200 bg-white p-2">
              <legend className="px-1 text-xs font-semibold text-slate-700 capitalize">
                {group.area.replace('_', ' ')}
              </legend>
              {group.scopes.map((scope) => (
                <label key={scope} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="scopes" value={scope} />
                  <span className="font-mono text-xs">{scope}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="token-expiry" className="block text-sm font-medium">
          Expires
        </label>
        <select
          id="token-expiry"
          name="expiry"
          defaultValue={String(Math.min(90, maxLifetimeDays))}
          className="mt-1 rounded border border-slate-300 px-2 py-1 text-sm"
        >
          {choices.map((e) => (
            <option key={e.days} value={String(e.days)}>
              {e.label}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Issuing…' : 'Issue token'}
      </button>
      <ActionMessage state={state?.ok ? null : state} />
    </form>
  );
}
