'use client';

import { useActionState, useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import type { ProviderOptionDto } from '@/lib/connections/connection-config.presenter';
import { createConnectionAction } from '../actions';

const input = 'w-full max-w-xl rounded border border-slate-300 px-2 py-1.5 text-sm';
const label = 'block text-sm font-medium';

/** The credential and webhook fields follow the chosen provider; secrets are never prefilled. */
export function NewConnectionForm({ providers }: { providers: ProviderOptionDto[] }) {
  const [state, submit, pending] = useActionState(createConnectionAction, null);
  const [kind, setKind] = useState(providers[0]?.kind ?? '');
  const provider = providers.find((p) => p.kind === kind);
  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}) : [];
  return (
    <form action={submit} aria-label="New connection" className="space-y-4">
      <div>
        <label htmlFor="provider" className={label}>
          Provider
        </label>
        <select
          id="provider"
          name="provider"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          className="rounded border border-slate-300 px-2 py-1.5 text-sm"
        >
          {providers.map((p) => (
            <option key={p.kind} value={p.kind}>
              {p.displayName}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="name" className={label}>
          Name
        </label>
        <input id="name" name="name" required className={input} />
      </div>
      <div>
        <label htmlFor="key" className={label}>
          Key (lowercase letters, digits, dashes; part of the webhook URL)
        </label>
        <input id="key" name="key" required pattern="[a-z0-9][a-z0-9-]{1,62}" className={input} />
      </div>
      <div>
        <label htmlFor="baseUrl" className={label}>
          Base URL (http:// or https://)
        </label>
        <input id="baseUrl" name="baseUrl" type="url" required className={input} />
      </div>
      <div>
        <label htmlFor="settings" className={label}>
          {provider?.configurable
            ? 'Requests, auth, webhooks and read-back (JSON)'
            : 'Provider settings (JSON, optional)'}
        </label>
        {provider?.configurable && (
          <p id="settings-hint" className="max-w-xl text-xs text-slate-600">
            A generic HTTP connection is this configuration: how to authenticate (none, API key,
            bearer, basic or OAuth 2.0 client credentials), one request per operation with its
            idempotency and how to read the reference and state from the answer, the webhook
            signature scheme and fields, and optional read-back for reconciliation. Start from the
            example; every field is described in the generic HTTP guide (docs/generic-http.md). Base
            URL hosts must be reachable under the outbound rules (OUTBOUND_ALLOW_HOSTS for private
            addresses).
          </p>
        )}
        <textarea
          key={kind}
          id="settings"
          name="settings"
          rows={provider?.configurable ? 24 : 3}
          defaultValue={provider?.settingsExample ?? '{}'}
          spellCheck={false}
          aria-describedby={provider?.configurable ? 'settings-hint' : undefined}
          className={`${input} font-mono ${provider?.configurable ? 'max-w-3xl' : ''}`}
        />
      </div>
      <div className="flex flex-wrap gap-6">
        <div>
          <label htmlFor="rateLimitPerSecond" className={label}>
            Requests per second (empty: no limit)
          </label>
          <input
            id="rateLimitPerSecond"
            name="rateLimitPerSecond"
            type="number"
            min={1}
            max={10000}
            className="w-32 rounded border border-slate-300 px-2 py-1.5 text-sm"
          />
        </div>
        <div>
          <label htmlFor="maxConcurrency" className={label}>
            Requests at once (empty: no limit)
          </label>
          <input
            id="maxConcurrency"
            name="maxConcurrency"
            type="number"
            min={1}
            max={1000}
            className="w-32 rounded border border-slate-300 px-2 py-1.5 text-sm"
          />
        </div>
      </div>
      <fieldset className="space-y-2 rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Credentials (optional now, write-only)</legend>
        {provider?.configurable && (
          <p className="text-xs text-slate-600">
            Fill what the auth type needs: API key: apiKey · bearer: token · basic: username and
            password · OAuth 2.0: clientId and clientSecret.
          </p>
        )}
        {provider?.credentialFields.map((field) => (
          <div key={`${kind}:${field}`}>
            <label htmlFor={`credential-${field}`} className={label}>
              {field}
            </label>
            <input
              id={`credential-${field}`}
              name={`credential.${field}`}
              type="password"
              autoComplete="off"
              className={input}
            />
          </div>
        ))}
        {provider?.receivesWebhooks && (
          <div>
            <label htmlFor="webhookSecret" className={label}>
              Webhook secret (as issued by the provider)
            </label>
            <input
              id="webhookSecret"
              name="webhookSecret"
              type="password"
              autoComplete="off"
              className={input}
            />
          </div>
        )}
      </fieldset>
      {fieldErrors.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-red-800" aria-label="Problems">
          {fieldErrors.flatMap(([field, messages]) =>
            messages.map((m) => <li key={`${field}:${m}`}>{`${field}: ${m}`}</li>),
          )}
        </ul>
      )}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 disabled:opacity-60"
        >
          {pending ? 'Creating…' : 'Create connection'}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
