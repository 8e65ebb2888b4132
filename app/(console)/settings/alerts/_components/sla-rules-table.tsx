import type { SlaRuleRow } from '@/lib/sla/sla-rules.presenter';
import { deleteSlaRuleAction, setSlaRuleEnabled } from '../actions';
import { DeleteRuleButton, ToggleEnabledButton } from './rule-controls';
import { SlaRuleForm } from './sla-rule-form';

const ENABLED_CLASS = 'bg-green-100 text-green-900';
const DISABLED_CLASS = 'bg-slate-200 text-slate-800';

export function SlaRulesTable({
  rules,
  flows,
}: {
  rules: SlaRuleRow[];
  flows: { id: string; name: string }[];
}) {
  const th = 'px-3 py-2 font-medium';
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">SLA rules of this organisation</caption>
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              Name
            </th>
            <th scope="col" className={th}>
              Expectation
            </th>
            <th scope="col" className={th}>
              Open breaches
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
              </th>
              <td className="px-3 py-2">
                {r.expectFlow.name} within {r.withinMinutes} min of{' '}
                {r.startFlow ? `${r.startFlow.name} completing` : 'the order arriving'}
              </td>
              <td className="px-3 py-2">
                {r.openBreaches === 0 ? (
                  'none'
                ) : (
                  <span className="font-medium text-red-800">{r.openBreaches}</span>
                )}
              </td>
              <td className="px-3 py-2">
                <span
                  className={`rounded px-2 py-0.5 text-xs font-medium ${r.enabled ? ENABLED_CLASS : DISABLED_CLASS}`}
                >
                  {r.enabled ? 'enabled' : 'disabled'}
                </span>
              </td>
              <td className="space-y-2 px-3 py-2">
                <div className="flex flex-wrap gap-2">
                  <ToggleEnabledButton
                    id={r.id}
                    name={r.name}
                    enabled={r.enabled}
                    action={setSlaRuleEnabled}
                  />
                  <DeleteRuleButton
                    id={r.id}
                    name={r.name}
                    what="SLA rule"
                    consequence="Its open and past breaches are deleted with it."
                    action={deleteSlaRuleAction}
                  />
                </div>
                <details>
                  <summary className="cursor-pointer text-sm text-blue-800 underline">
                    Edit<span className="sr-only"> {r.name}</span>
                  </summary>
                  <div className="mt-2">
                    <SlaRuleForm
                      flows={flows}
                      rule={{
                        id: r.id,
                        name: r.name,
                        startFlowId: r.startFlow?.id ?? null,
                        expectFlowId: r.expectFlow.id,
                        withinMinutes: r.withinMinutes,
                        enabled: r.enabled,
                      }}
                    />
                  </div>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
