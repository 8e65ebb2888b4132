'use client';

import { useState } from 'react';

const input = 'mt-1 w-full max-w-md rounded border border-slate-300 px-2 py-1 text-sm';

export interface ChannelOption {
  channel: string;
  label: string;
}

type FieldErrors = Record<string, string[] | undefined> | undefined;

/**
 * Where an alert rule sends: the channel and that channel's destination. Credentials (a Slack
 * incoming-webhook URL, a PagerDuty routing key) are write-only: typed here, sealed, never shown
 * again; only the other channel's fields are left blank and ignored.
 */
export function ChannelFields({
  channels,
  fieldErrors,
}: {
  channels: ChannelOption[];
  fieldErrors: FieldErrors;
}) {
  const [channel, setChannel] = useState(channels[0]?.channel ?? 'webhook');
  const invalid = (name: string) => (fieldErrors?.[name] ? true : undefined);
  return (
    <fieldset className="rounded border border-slate-200 bg-white p-3">
      <legend className="px-1 text-sm font-medium">Send to</legend>
      <label htmlFor="alert-channel" className="block text-sm font-medium">
        Channel
      </label>
      <select
        id="alert-channel"
        name="channel"
        value={channel}
        onChange={(e) => setChannel(e.currentTarget.value)}
        className={input}
      >
        {channels.map((c) => (
          <option key={c.channel} value={c.channel}>
            {c.label}
          </option>
        ))}
      </select>
      <div className="mt-3 space-y-3">
        {channel === 'webhook' && (
          <Field
            id="alert-url"
            label="Webhook URL"
            help="Where the alert is POSTed as JSON, signed per Standard Webhooks. A public https address; internal and loopback addresses are refused."
          >
            <input
              id="alert-url"
              name="webhookUrl"
              type="url"
              required
              maxLength={2000}
              placeholder="https://alerts.example.com/waybill"
              aria-describedby="alert-url-help"
              aria-invalid={invalid('webhookUrl')}
              className={input}
            />
          </Field>
        )}
        {channel === 'slack' && (
          <Field
            id="alert-slack"
            label="Slack incoming-webhook URL"
            help="Stored encrypted and never shown again (the URL is the credential): only its origin and a fingerprint."
          >
            <input
              id="alert-slack"
              name="slackWebhookUrl"
              type="password"
              autoComplete="off"
              required
              maxLength={2000}
              placeholder="https://hooks.slack.com/services/…"
              aria-describedby="alert-slack-help"
              aria-invalid={invalid('slackWebhookUrl')}
              className={input}
            />
          </Field>
        )}
        {channel === 'pagerduty' && (
          <>
            <Field
              id="alert-pd-key"
              label="Routing key"
              help="The integration key of a PagerDuty service (Events API v2). Stored encrypted, never shown again."
            >
              <input
                id="alert-pd-key"
                name="pagerdutyRoutingKey"
                type="password"
                autoComplete="off"
                required
                maxLength={200}
                aria-describedby="alert-pd-key-help"
                aria-invalid={invalid('pagerdutyRoutingKey')}
                className={input}
              />
            </Field>
            <Field id="alert-pd-severity" label="Severity">
              <select
                id="alert-pd-severity"
                name="pagerdutySeverity"
                defaultValue="error"
                className={input}
              >
                {['critical', 'error', 'warning', 'info'].map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id="alert-pd-endpoint"
              label="Events endpoint (optional)"
              help="Leave empty for https://events.pagerduty.com/v2/enqueue; EU accounts use events.eu.pagerduty.com."
            >
              <input
                id="alert-pd-endpoint"
                name="pagerdutyEndpoint"
                type="url"
                maxLength={2000}
                aria-describedby="alert-pd-endpoint-help"
                aria-invalid={invalid('pagerdutyEndpoint')}
                className={input}
              />
            </Field>
          </>
        )}
        {channel === 'email' && (
          <Field
            id="alert-email"
            label="Recipients"
            help="Email addresses, separated by commas (at most 20). Sent through the SMTP server the operator configured."
          >
            <textarea
              id="alert-email"
              name="emailRecipients"
              required
              rows={2}
              aria-describedby="alert-email-help"
              aria-invalid={invalid('emailRecipients')}
              className={input}
            />
          </Field>
        )}
      </div>
    </fieldset>
  );
}

function Field({
  id,
  label,
  help,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {help && (
        <p id={`${id}-help`} className="text-xs text-slate-600">
          {help}
        </p>
      )}
      {children}
    </div>
  );
}
