import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { Time } from '@/components/time/time';
import { requirePage } from '@/lib/auth/session';
import {
  getConnectionConfig,
  type ConnectionConfig,
} from '@/lib/connections/connection-config.presenter';
import { isAppError } from '@/lib/errors';
import { serverContext } from '@/lib/server/context';
import {
  replaceConnectionCredentials,
  rotateConnectionWebhookSecret,
  saveConnection,
} from './actions';
import { ActionForm } from './_components/action-form';
import { EndOverlapButton } from './_components/end-overlap-button';
import { MaskingRulesField } from './_components/masking-rules-field';
import { SearchPathsField } from './_components/search-paths-field';
import { TestConnectionButton } from './_components/test-connection-button';

export const metadata: Metadata = { title: 'Configure connection' };

const input = 'w-full max-w-xl rounded border border-slate-300 px-2 py-1.5 text-sm';
const labelCls = 'block text-sm font-medium';
const section = 'rounded border border-slate-200 bg-white p-4 space-y-3';

function secretLine(state: { set: boolean; keyId: string | null; changedAt: string | null }) {
  if (!state.set) return 'not set';
  return (
    <>
      set
      {state.changedAt && (
        <>
          {' · changed '}
          <Time value={state.changedAt} />
        </>
      )}
      {state.keyId ? ` · encrypted with key ${state.keyId}` : ''}
    </>
  );
}

export default async function ConnectionConfigPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const actor = await requirePage('connections.manage');
  const { id } = await params;
  let config: ConnectionConfig;
  try {
    config = await getConnectionConfig(serverContext().db, actor.tenantId, id);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const hidden = <input type="hidden" name="id" value={config.id} />;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link href="/connections" className="underline">
            Connections
          </Link>{' '}
          /
        </p>
        <h1 className="text-xl font-semibold">Configure {config.name}</h1>
        <p className="text-sm text-slate-600">
          {config.providerName} · key <code>{config.key}</code> · webhooks arrive at{' '}
          <code>{config.ingestPath}</code> · {config.status}
        </p>
      </header>

      <section aria-labelledby="settings-heading" className={section}>
        <h2 id="settings-heading" className="text-lg font-semibold">
          Settings
        </h2>
        <ActionForm
          action={saveConnection}
          label="Settings"
          submitLabel="Save settings"
          pendingLabel="Saving…"
        >
          {hidden}
          <input type="hidden" name="section" value="general" />
          <div>
            <label htmlFor="name" className={labelCls}>
              Name
            </label>
            <input id="name" name="name" required defaultValue={config.name} className={input} />
          </div>
          <div>
            <label htmlFor="baseUrl" className={labelCls}>
              Base URL (http:// or https://)
            </label>
            <p id="baseUrl-hint" className="text-xs text-slate-600">
              Changing the scheme, host or port removes the stored credentials: Waybill never sends
              them to a new address, so enter them again under Credentials after saving. Addresses
              inside your network (this machine, private ranges, cloud metadata) are refused unless
              the operator allowed them.
            </p>
            <input
              id="baseUrl"
              name="baseUrl"
              type="url"
              required
              defaultValue={config.baseUrl}
              aria-describedby="baseUrl-hint"
              className={input}
            />
          </div>
          <div>
            <label htmlFor="settings" className={labelCls}>
              Provider settings (JSON)
            </label>
            <p id="settings-hint" className="text-xs text-slate-600">
              Checked against the {config.providerName} settings. For example{' '}
              <code>{'{"circuit": {"openMs": 30000, "failureRate": 0.5}}'}</code>;{' '}
              <code>{'{}'}</code> keeps the defaults.
            </p>
            <textarea
              id="settings"
              name="settings"
              rows={5}
              defaultValue={config.settingsJson}
              aria-describedby="settings-hint"
              spellCheck={false}
              className={`${input} font-mono`}
            />
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="limits-heading" className={section}>
        <h2 id="limits-heading" className="text-lg font-semibold">
          Limits
        </h2>
        <ActionForm
          action={saveConnection}
          label="Limits"
          submitLabel="Save limits"
          pendingLabel="Saving…"
        >
          {hidden}
          <input type="hidden" name="section" value="limits" />
          <p className="text-xs text-slate-600">Leave a field empty for no limit.</p>
          <div className="flex flex-wrap gap-6">
            <div>
              <label htmlFor="rateLimitPerSecond" className={labelCls}>
                Requests per second
              </label>
              <input
                id="rateLimitPerSecond"
                name="rateLimitPerSecond"
                type="number"
                min={1}
                max={10000}
                defaultValue={config.rateLimitPerSecond ?? ''}
                className="w-32 rounded border border-slate-300 px-2 py-1.5 text-sm"
              />
            </div>
            <div>
              <label htmlFor="maxConcurrency" className={labelCls}>
                Requests at once
              </label>
              <input
                id="maxConcurrency"
                name="maxConcurrency"
                type="number"
                min={1}
                max={1000}
                defaultValue={config.maxConcurrency ?? ''}
                className="w-32 rounded border border-slate-300 px-2 py-1.5 text-sm"
              />
            </div>
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="credentials-heading" className={section}>
        <h2 id="credentials-heading" className="text-lg font-semibold">
          Credentials
        </h2>
        <p className="text-sm" data-testid="credentials-state">
          Credentials: {secretLine(config.credentials)}
        </p>
        <p className="text-xs text-slate-600">
          Write-only: stored encrypted and never shown again. Enter every field to replace them.
        </p>
        <ActionForm
          action={replaceConnectionCredentials}
          label="Replace credentials"
          submitLabel="Replace credentials"
          pendingLabel="Replacing…"
        >
          {hidden}
          {config.credentials.fields.map((field) => (
            <div key={field}>
              <label htmlFor={`credential-${field}`} className={labelCls}>
                {field}
              </label>
              <input
                id={`credential-${field}`}
                name={`credential.${field}`}
                type="password"
                autoComplete="off"
                required
                className={input}
              />
            </div>
          ))}
        </ActionForm>
        {config.canTest && <TestConnectionButton id={config.id} />}
      </section>

      {config.webhook.receives && (
        <section aria-labelledby="webhook-heading" className={section}>
          <h2 id="webhook-heading" className="text-lg font-semibold">
            Webhook secret
          </h2>
          <p className="text-sm" data-testid="webhook-secret-state">
            Webhook secret: {secretLine(config.webhook)}
          </p>
          {config.webhook.previousAcceptedUntil && (
            <div
              role="note"
              data-testid="webhook-overlap"
              className="flex flex-wrap items-center gap-2 rounded bg-amber-50 p-2 text-sm text-amber-900"
            >
              <span>
                Previous secret accepted until <Time value={config.webhook.previousAcceptedUntil} />
              </span>
              <EndOverlapButton id={config.id} />
            </div>
          )}
          <ActionForm
            action={rotateConnectionWebhookSecret}
            label="Rotate webhook secret"
            submitLabel="Rotate secret"
            pendingLabel="Rotating…"
          >
            {hidden}
            <div>
              <label htmlFor="secret" className={labelCls}>
                New secret (as issued by the provider)
              </label>
              <input
                id="secret"
                name="secret"
                type="password"
                autoComplete="off"
                required
                minLength={8}
                className={input}
              />
            </div>
            <div>
              <label htmlFor="overlap" className={labelCls}>
                Keep accepting the current secret for
              </label>
              <select
                id="overlap"
                name="overlap"
                defaultValue="24h"
                className="rounded border border-slate-300 px-2 py-1.5 text-sm"
              >
                <option value="none">No overlap — stop at once</option>
                <option value="1h">1 hour</option>
                <option value="24h">24 hours</option>
                <option value="7d">7 days</option>
              </select>
            </div>
          </ActionForm>
        </section>
      )}

      <section aria-labelledby="masking-heading" className={section}>
        <h2 id="masking-heading" className="text-lg font-semibold">
          Masking rules
        </h2>
        <ActionForm
          action={saveConnection}
          label="Masking rules"
          submitLabel="Save masking rules"
          pendingLabel="Saving…"
        >
          {hidden}
          <input type="hidden" name="section" value="masking" />
          <MaskingRulesField defaultValue={config.maskingRules.join('\n')} />
        </ActionForm>
      </section>

      <section aria-labelledby="search-paths-heading" className={section}>
        <h2 id="search-paths-heading" className="text-lg font-semibold">
          Payload search
        </h2>
        <ActionForm
          action={saveConnection}
          label="Payload search"
          submitLabel="Save search paths"
          pendingLabel="Saving…"
        >
          {hidden}
          <input type="hidden" name="section" value="search" />
          <SearchPathsField own={config.searchPaths} defaults={config.searchPathDefaults} />
        </ActionForm>
      </section>
    </div>
  );
}
