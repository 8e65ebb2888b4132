'use client';

import {
  columnVisibilityFeature,
  createColumnHelper,
  rowSelectionFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
  type RowSelectionState,
  type Updater,
} from '@tanstack/react-table';
import Link from '@/components/ui/link';
import { ShownStatus } from '@/components/pause/paused-badge';
import { Time } from '@/components/time/time';
import type { HeldBy } from '@/lib/ledger/held-by-pause';
import { ColumnVisibilityMenu } from './column-visibility-menu';
import { onRowArrowKeys } from './row-keys';
import { SelectCheckbox } from './select-checkbox';

/** The row DTO the Transactions screen shows (built by lib/ledger/transaction-list.presenter). */
export interface TransactionRowView {
  id: string;
  businessKey: string;
  flow: string;
  target: string;
  status: string;
  /** the pause holding this transaction: its status reads "paused" */
  heldBy?: HeldBy | null;
  errorClass: string | null;
  attempts: number;
  externalRef: string | null;
  customerEmail: string | null;
  createdAt: string;
  updatedAt: string;
}

export type TransactionSort = 'newest' | 'oldest';

const features = tableFeatures({ columnVisibilityFeature, rowSelectionFeature });
const column = createColumnHelper<typeof features, TransactionRowView>();
// a list: how recent first, the absolute time (viewer's zone, labelled) on hover
const when = (iso: string) => <Time value={iso} relative />;

const columns = column.columns([
  column.display({
    id: 'select',
    enableHiding: false,
    header: ({ table }) => (
      <SelectCheckbox
        label="Select all transactions on this page"
        checked={table.getIsAllPageRowsSelected()}
        indeterminate={table.getIsSomePageRowsSelected() && !table.getIsAllPageRowsSelected()}
        onChange={(value) => table.toggleAllPageRowsSelected(value)}
      />
    ),
    cell: ({ row }) => (
      <SelectCheckbox
        label={`Select order #${row.original.businessKey}, ${row.original.flow}`}
        checked={row.getIsSelected()}
        onChange={(value) => row.toggleSelected(value)}
        inRow
      />
    ),
  }),
  column.accessor('businessKey', {
    header: 'Order',
    enableHiding: false,
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
  column.accessor('target', { header: 'Target' }),
  column.accessor('status', {
    header: 'Status',
    cell: (info) => (
      <ShownStatus status={info.getValue()} heldBy={info.row.original.heldBy ?? null} />
    ),
  }),
  // Next to the key: the list sorts by it, so it must never be the column scrolled out of view.
  column.accessor('createdAt', { header: 'Received', cell: (info) => when(info.getValue()) }),
  column.accessor('errorClass', {
    header: 'Error class',
    cell: (info) => info.getValue()?.replaceAll('_', ' ') ?? '—',
  }),
  column.accessor('attempts', { header: 'Attempts' }),
  column.accessor('externalRef', {
    header: 'Target reference',
    cell: (info) => info.getValue() ?? '—',
  }),
  column.accessor('customerEmail', { header: 'Customer', cell: (info) => info.getValue() ?? '—' }),
  column.accessor('updatedAt', { header: 'Updated', cell: (info) => when(info.getValue()) }),
]);

export const TRANSACTION_COLUMN_LABELS: Record<string, string> = {
  flow: 'Flow',
  target: 'Target',
  status: 'Status',
  errorClass: 'Error class',
  attempts: 'Attempts',
  externalRef: 'Target reference',
  customerEmail: 'Customer',
  createdAt: 'Received',
  updatedAt: 'Updated',
};

/**
 * Fitting 1280 px: short values stay on one line, long ones (flow names, references, emails) wrap
 * within a bounded width; the checkbox and the order number stay pinned while the rest scrolls
 * inside the table's own wrapper.
 */
const NOWRAP = 'whitespace-nowrap';
const WRAP = 'min-w-32 max-w-64 [overflow-wrap:anywhere]';
const CELL: Record<string, string> = {
  flow: WRAP,
  target: WRAP,
  externalRef: WRAP,
  customerEmail: WRAP,
  errorClass: 'min-w-28',
};
const PIN = 'sticky z-10 bg-white group-hover:bg-blue-50 group-data-selected:bg-blue-50';
const pinned = (id: string, selectable: boolean): string => {
  if (id === 'select') return `${PIN} left-0 w-10`;
  if (id === 'businessKey')
    return `${PIN} ${selectable ? 'left-10' : 'left-0'} shadow-[inset_-1px_0_0_var(--color-slate-200)]`;
  return '';
};

const apply = <T,>(updater: Updater<T>, previous: T): T =>
  typeof updater === 'function' ? (updater as (old: T) => T)(previous) : updater;

/**
 * Server-driven: the rows are one page the server already filtered and sorted; the table only
 * renders, selects and hides columns. Sorting is the URL's, so the header asks the parent.
 */
export function TransactionsTable({
  rows,
  selectable,
  selection,
  onSelectionChange,
  hidden,
  onHiddenChange,
  sort,
  onSortChange,
}: {
  rows: TransactionRowView[];
  selectable: boolean;
  selection: RowSelectionState;
  onSelectionChange: (next: RowSelectionState) => void;
  hidden: string[];
  onHiddenChange: (next: string[]) => void;
  sort: TransactionSort;
  onSortChange: (next: TransactionSort) => void;
}) {
  const columnVisibility: ColumnVisibilityState = Object.fromEntries([
    ...hidden.map((id) => [id, false] as const),
    ['select', selectable],
  ]);
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    enableRowSelection: selectable,
    state: { columnVisibility, rowSelection: selection },
    onRowSelectionChange: (updater) => onSelectionChange(apply(updater, selection)),
    onColumnVisibilityChange: (updater) => {
      const next = apply(updater, columnVisibility);
      onHiddenChange(Object.keys(next).filter((id) => id !== 'select' && next[id] === false));
    },
  });
  const hideable = table
    .getAllLeafColumns()
    .filter((c) => c.getCanHide())
    .map((c) => ({
      id: c.id,
      label: TRANSACTION_COLUMN_LABELS[c.id] ?? c.id,
      visible: c.getIsVisible(),
      toggle: (value: boolean) => c.toggleVisibility(value),
    }));
  return (
    <div className="space-y-2">
      <div className="flex justify-end">
        <ColumnVisibilityMenu columns={hideable} />
      </div>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full border-collapse text-left text-sm">
          <thead className="border-b border-slate-300 bg-slate-50 text-slate-700">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const received = header.column.id === 'createdAt';
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        received ? (sort === 'newest' ? 'descending' : 'ascending') : undefined
                      }
                      className={`px-3 py-2 font-medium whitespace-nowrap ${pinned(header.column.id, selectable).replace('bg-white', 'bg-slate-50')}`}
                    >
                      {received ? (
                        <button
                          type="button"
                          onClick={() => onSortChange(sort === 'newest' ? 'oldest' : 'newest')}
                          title={sort === 'newest' ? 'Show oldest first' : 'Show newest first'}
                          className="inline-flex items-center gap-1 font-medium underline-offset-2 hover:underline"
                        >
                          Received <span aria-hidden>{sort === 'newest' ? '↓' : '↑'}</span>
                        </button>
                      ) : header.isPlaceholder ? null : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody onKeyDown={onRowArrowKeys}>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                data-testid="transaction-row"
                data-selected={row.getIsSelected() || undefined}
                className="group border-b border-slate-100 hover:bg-blue-50 data-selected:bg-blue-50"
              >
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={`px-3 py-2 ${CELL[cell.column.id] ?? NOWRAP} ${pinned(cell.column.id, selectable)}`}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
