'use client';

import {
  columnVisibilityFeature,
  createColumnHelper,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';

/** The row DTO the Transactions screen shows (built by lib/ledger/transaction-list.presenter). */
export interface TransactionRowView {
  id: string;
  businessKey: string;
  flow: string;
  target: string;
  status: string;
  errorClass: string | null;
  attempts: number;
  externalRef: string | null;
  createdAt: string;
}

const features = tableFeatures({ columnVisibilityFeature });
const column = createColumnHelper<typeof features, TransactionRowView>();
const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'medium' });

const columns = column.columns([
  column.accessor('businessKey', {
    header: 'Order',
    cell: (info) => (
      <Link
        href={`/transactions/${info.row.original.id}`}
        className="font-medium text-blue-700 underline-offset-2 hover:underline"
      >
        #{info.getValue()}
      </Link>
    ),
  }),
  column.accessor('flow', { header: 'Flow' }),
  column.accessor('status', {
    header: 'Status',
    cell: (info) => <StatusBadge status={info.getValue()} />,
  }),
  column.accessor('errorClass', { header: 'Error class', cell: (info) => info.getValue() ?? '—' }),
  column.accessor('attempts', { header: 'Attempts' }),
  column.accessor('externalRef', {
    header: 'Target reference',
    cell: (info) => info.getValue() ?? '—',
  }),
  column.accessor('createdAt', {
    header: 'Received',
    cell: (info) => (
      <time dateTime={info.getValue()}>{time.format(new Date(info.getValue()))}</time>
    ),
  }),
]);

export function TransactionsTable({ rows }: { rows: TransactionRowView[] }) {
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.id });
  return (
    <table className="w-full border-collapse text-left text-sm">
      <thead className="border-b border-slate-300 text-slate-600">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} scope="col" className="px-3 py-2 font-medium">
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr
            key={row.id}
            data-testid="transaction-row"
            className="border-b border-slate-100 bg-white hover:bg-blue-50"
          >
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id} className="px-3 py-2">
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
