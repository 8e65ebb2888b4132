import { LIST_ROW_CLASS, ListTable } from '@/components/ui/list-table';
import type { AlertRuleRow } from '@/lib/alerts/alert-rules.presenter';
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
      columns={['Name', 'Condition', 'Webhook', 'Quiet', 'Signing secret', 'State']}
    >
      {rules.map((r) => (
        <tr key={r.id} className={LIST_ROW_CLASS}>
          <th scope="row" className="px-3 py-2 font-medium">
            {r.name}
            <span className="block text-xs font-normal text-slate-600">{r.kindLabel}</span>
          </th>
          <td className="px-3 py-2">{r.condition}</td>
          <td className="max-w-xs px-3 py-2 break-all">
            <code className="text-xs">{r.webhook.origin}/…</code>
            <span className="block text-xs text-slate-600">#{r.webhook.fingerprint}</span>
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
              <RotateSecretButton id={r.id} name={r.name} action={rotateAlertRuleSecretAction} />
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
