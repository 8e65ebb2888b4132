import { LIST_ROW_CLASS, ListTable } from '@/components/ui/list-table';
import type { SlaRuleRow } from '@/lib/sla/sla-rules.presenter';
import { deleteSlaRuleAction, setSlaRuleEnabled } from '../actions';
import { EnabledBadge } from './enabled-badge';
import { DeleteRuleButton, ToggleEnabledButton } from './rule-controls';
import { SlaRuleForm } from './sla-rule-form';

export function SlaRulesTable({
  rules,
  flows,
}: {
  rules: SlaRuleRow[];
  flows: { id: string; name: string }[];
}) {
  return (
    <ListTable
      caption="SLA rules of this organisation"
      columns={['Name', 'Expectation', 'Open breaches', 'State']}
    >
      {rules.map((r) => (
        <tr key={r.id} className={LIST_ROW_CLASS}>
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
            <EnabledBadge enabled={r.enabled} />
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
    </ListTable>
  );
}
