import { LIST_ROW_CLASS, ListTable } from '@/components/ui/list-table';
import type { AlertRuleRow } from '@/lib/alerts/alert-rules.presenter';
import type { DestinationShown } from '@/lib/alerts/channel-input';
import {
  deleteAlertRuleAction,
  rotateAlertRuleSecretAction,
  setAlertRuleEnabled,
} from '../actions';
import { EnabledBadge } from './enabled-badge';
import { DeleteRuleButton, RotateSecretButton, ToggleEnabledButton } from './rule-controls';

export interface AlertRuleRowView extends AlertRuleRow {
  /** "set · rotated 23 Nov 2026, 09:14" or "not set" */
  secretText: string;
}

export function AlertRulesTable({ rules }: { rules: AlertRuleRowView[] }) {
  return (
    <ListTable
      caption="Alert rules of this organisation"
      columns={['Name', 'Condition', 'Send to', 'Quiet', 'Signing secret', 'State']}
    >
      {rules.map((r) => (
        <tr key={r.id} className={LIST_ROW_CLASS}>
          <th scope="row" className="px-3 py-2 font-medium">
            {r.name}
            <span className="block text-xs font-normal text-slate-600">{r.kindLabel}</span>
          </th>
          <td className="px-3 py-2">{r.condition}</td>
          <td className="max-w-xs px-3 py-2 break-all">
            <DestinationCell destination={r.destination} />
          </td>
          <td className="px-3 py-2">{r.quietMinutes} min</td>
          <td className="px-3 py-2">{r.secretText}</td>
          <td className="px-3 py-2">
            <EnabledBadge enabled={r.enabled} />
          </td>
          <td className="px-3 py-2">
            <div className="flex flex-wrap gap-2">
              <ToggleEnabledButton
                id={r.id}
                name={r.name}
                enabled={r.enabled}
                action={setAlertRuleEnabled}
              />
              {r.channel === 'webhook' && (
                <RotateSecretButton id={r.id} name={r.name} action={rotateAlertRuleSecretAction} />
              )}
              <DeleteRuleButton
                id={r.id}
                name={r.name}
                what="alert rule"
                consequence="Its alert history is deleted with it."
                action={deleteAlertRuleAction}
              />
            </div>
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

/** Where a rule sends, as shown: never a credential (origin and fingerprint instead). */
function DestinationCell({ destination: d }: { destination: DestinationShown }) {
  switch (d.channel) {
    case 'webhook':
    case 'slack':
      return (
        <>
          <span className="block text-xs text-slate-600">
            {d.channel === 'slack' ? 'Slack' : 'Webhook'}
          </span>
          <code className="text-xs">{d.origin}/…</code>
          <span className="block text-xs text-slate-600">#{d.fingerprint}</span>
        </>
      );
    case 'pagerduty':
      return (
        <>
          <span className="block text-xs text-slate-600">PagerDuty · {d.severity}</span>
          <code className="text-xs">{new URL(d.endpoint).host}</code>
          <span className="block text-xs text-slate-600">key #{d.fingerprint}</span>
        </>
      );
    case 'email':
      return (
        <>
          <span className="block text-xs text-slate-600">Email</span>
          <span className="text-xs">{d.recipients.join(', ')}</span>
        </>
      );
    default: {
      const never: never = d;
      return <>{String(never)}</>;
    }
  }
}
