import type { AlertRuleRow } from '@/lib/alerts/alert-rules.presenter';
import {
  deleteAlertRuleAction,
  rotateAlertRuleSecretAction,
  setAlertRuleEnabled,
} from '../actions';
import { DeleteRuleButton, RotateSecretButton, ToggleEnabledButton } from './rule-controls';

export interface AlertRuleRowView extends AlertRuleRow {
  /** "set · rotated 23 Nov 2026, 09:14" or "not set" */
  secretText: string;
}

export function AlertRulesTable({ rules }: { rules: AlertRuleRowView[] }) {
  const th = 'px-3 py-2 font-medium';
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Alert rules of this organisation</caption>
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              Name
            </th>
            <th scope="col" className={th}>
              Condition
            </th>
            <th scope="col" className={th}>
              Webhook
            </th>
            <th scope="col" className={th}>
              Quiet
            </th>
            <th scope="col" className={th}>
              Signing secret
            </th>
            <th scope="col" className={th}>
              State
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id} className="border-b border-slate-100 bg-white align-top">
              <th scope="row" className="px-3 py-2 font-medium">
                {r.name}
                <span className="block text-xs font-normal text-slate-600">{r.kindLabel}</span>
              </th>
              <td className="px-3 py-2">{r.condition}</td>
              <td className="max-w-xs px-3 py-2 break-all">
                <code className="text-xs">{r.webhookUrl}</code>
              </td>
              <td className="px-3 py-2">{r.quietMinutes} min</td>
              <td className="px-3 py-2">{r.secretText}</td>
              <td className="px-3 py-2">
                <span
                  className={`rounded px-2 py-0.5 text-xs font-medium ${r.enabled ? 'bg-green-100 text-green-900' : 'bg-slate-200 text-slate-800'}`}
                >
                  {r.enabled ? 'enabled' : 'disabled'}
                </span>
              </td>
              <td className="px-3 py-2">
                <div className="flex flex-wrap gap-2">
                  <ToggleEnabledButton
                    id={r.id}
                    name={r.name}
                    enabled={r.enabled}
                    action={setAlertRuleEnabled}
                  />
                  <RotateSecretButton
                    id={r.id}
                    name={r.name}
                    action={rotateAlertRuleSecretAction}
                  />
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
        </tbody>
      </table>
    </div>
  );
}
