import type { Metadata } from 'next';
import { viewerTimeZone } from '@/lib/auth/time-zone';
import { formatDateTime } from '@/lib/base/time-format';
import { ALERT_KIND_LABELS, ALERT_PARAM_FIELDS } from '@/lib/alerts/alert-rule-input';
import { ALERT_KINDS } from '@/lib/alerts/alert-rule-params';
import { ALERT_CHANNEL_LABELS, ALERT_CHANNELS } from '@/lib/alerts/channels';
import { listAlertRules } from '@/lib/alerts/alert-rules.presenter';
import { requirePage } from '@/lib/auth/session';
import { serverContext } from '@/lib/server/context';
import { listSlaRules } from '@/lib/sla/sla-rules.presenter';
import { AlertEventsList } from './_components/alert-events-list';
import { AlertRuleForm } from './_components/alert-rule-form';
import { AlertRulesTable } from './_components/alert-rules-table';
import { SlaRuleForm } from './_components/sla-rule-form';
import { SlaRulesTable } from './_components/sla-rules-table';

export const metadata: Metadata = { title: 'SLAs and alerts' };

const empty =
  'rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600';

export default async function AlertsSettingsPage() {
  const actor = await requirePage('settings.manage');
  const { zone } = await viewerTimeZone();
  const { db } = serverContext();
  const [sla, alerts] = await Promise.all([
    listSlaRules(db, actor.tenantId),
    listAlertRules(db, actor.tenantId),
  ]);
  const rules = alerts.rules.map((r) => ({
    ...r,
    secretText: r.secret.set
      ? `set${r.secret.rotatedAt ? ` · rotated ${formatDateTime(r.secret.rotatedAt, zone)}` : ''}`
      : r.channel === 'webhook'
        ? 'not set (alerts are unsigned)'
        : '—',
  }));
  const events = alerts.events.map((e) => ({ ...e, when: formatDateTime(e.lastAt, zone) }));
  const kinds = ALERT_KINDS.map((kind) => ({
    kind,
    label: ALERT_KIND_LABELS[kind],
    fields: ALERT_PARAM_FIELDS[kind],
  }));
  return (
    <div className="space-y-10">
      <section aria-labelledby="sla-heading" className="space-y-4">
        <div>
          <h1 id="sla-heading" className="mb-1 text-xl font-semibold">
            Settings · SLAs and alerts
          </h1>
          <p className="max-w-3xl text-sm text-slate-600">
            An SLA rule expects a step to happen within a time, for example the warehouse
            acknowledging an order within 30 minutes of payment. Each enabled rule is a business
            check on the overview, with how many orders are late now, its trend and each late order;
            a late order is also a breach in the error queues, cleared when the step happens.
          </p>
        </div>
        <h2 className="text-lg font-semibold">SLA rules</h2>
        {sla.rules.length === 0 ? (
          <p className={empty}>No SLA rules yet. Create one below to watch for missing steps.</p>
        ) : (
          <SlaRulesTable rules={sla.rules} flows={sla.flows} />
        )}
        <section aria-labelledby="new-sla-heading">
          <h3 id="new-sla-heading" className="mb-2 font-semibold">
            Create an SLA rule
          </h3>
          <SlaRuleForm flows={sla.flows} />
        </section>
      </section>

      <section aria-labelledby="alerts-heading" className="space-y-4">
        <h2 id="alerts-heading" className="text-lg font-semibold">
          Alert rules
        </h2>
        <p className="max-w-3xl text-sm text-slate-600">
          An alert rule is checked every minute and sends one message per problem to its channel (a
          signed webhook, Slack, PagerDuty or email), then stays quiet for its quiet period while
          the problem lasts, and one more when it is resolved. A webhook&apos;s signing secret is
          shown once, when the rule is created or its secret rotated.
        </p>
        {rules.length === 0 ? (
          <p className={empty}>No alert rules yet. Create one below to be told when things fail.</p>
        ) : (
          <AlertRulesTable rules={rules} />
        )}
        <section aria-labelledby="new-alert-heading">
          <h3 id="new-alert-heading" className="mb-2 font-semibold">
            Create an alert rule
          </h3>
          <AlertRuleForm
            kinds={kinds}
            channels={ALERT_CHANNELS.map((channel) => ({
              channel,
              label: ALERT_CHANNEL_LABELS[channel],
            }))}
            choices={alerts.choices}
          />
        </section>
      </section>

      <section aria-labelledby="events-heading" className="space-y-3">
        <h2 id="events-heading" className="text-lg font-semibold">
          Recent alerts
        </h2>
        {events.length === 0 ? (
          <p className={empty}>No alerts have been raised yet.</p>
        ) : (
          <AlertEventsList events={events} />
        )}
      </section>
    </div>
  );
}
