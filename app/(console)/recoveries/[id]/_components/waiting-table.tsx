import Link from '@/components/ui/link';
import { Time } from '@/components/time/time';
import { ListTable, LIST_ROW_CLASS } from '@/components/ui/list-table';
import type { WaitingFlow } from '@/lib/recovery/recovery-facts';

const td = 'px-3 py-2 align-top';

/** What waits, per flow to the connection: held work (goes out on resume) and failed work. */
export function WaitingTable({ flows }: { flows: WaitingFlow[] }) {
  if (flows.length === 0)
    return <p className="text-sm text-slate-600">Nothing is waiting for this connection.</p>;
  return (
    <ListTable
      caption="What is waiting, per flow"
      columns={['Flow', 'Held', 'Failed', 'Oldest', 'Commonest error']}
      actions={false}
    >
      {flows.map((f) => (
        <tr key={f.flowId} className={LIST_ROW_CLASS} data-testid="recovery-flow">
          <th scope="row" className={`${td} font-medium`}>
            <Link href={`/transactions?flowId=${f.flowId}`} className="text-blue-800 underline">
              {f.flowName}
            </Link>
          </th>
          <td className={td}>{f.held.toLocaleString('en')}</td>
          <td className={td}>{f.failed.toLocaleString('en')}</td>
          <td className={td}>
            <Time value={f.oldestAt} />
          </td>
          <td className={td}>{f.topErrorClass?.replaceAll('_', ' ') ?? '—'}</td>
        </tr>
      ))}
    </ListTable>
  );
}
