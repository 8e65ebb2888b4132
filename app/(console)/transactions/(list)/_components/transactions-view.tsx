'use client';

import type { RowSelectionState } from '@tanstack/react-table';
import { parseAsArrayOf, parseAsString, parseAsStringLiteral, useQueryStates } from 'nuqs';
import { useState } from 'react';
import {
  TransactionsTable,
  type TransactionRowView,
  type TransactionSort,
} from '@/components/data-table/transactions-table';
import { BulkBar } from './bulk-bar';

const viewParsers = {
  // Column choice is part of the shareable view, but the server does not need to hear about it.
  hide: parseAsArrayOf(parseAsString).withDefault(['updatedAt']),
  sort: parseAsStringLiteral(['newest', 'oldest'] as const).withDefault('newest'),
  cursor: parseAsString,
};

export function TransactionsView({
  rows,
  allowed,
}: {
  rows: TransactionRowView[];
  allowed: ('replay' | 'resolve' | 'cancel')[];
}) {
  const [view, setView] = useQueryStates(viewParsers, { clearOnDefault: true });
  const [selection, setSelection] = useState<RowSelectionState>({});
  const ids = Object.keys(selection).filter((id) => rows.some((r) => r.id === id));
  return (
    <div className="space-y-2">
      {ids.length > 0 && <BulkBar ids={ids} allowed={allowed} onDone={() => setSelection({})} />}
      <TransactionsTable
        rows={rows}
        selectable={allowed.length > 0}
        selection={selection}
        onSelectionChange={setSelection}
        hidden={view.hide}
        onHiddenChange={(hide) => void setView({ hide })}
        sort={view.sort}
        onSortChange={(sort: TransactionSort) =>
          // the order changes what "next" means: back to the first page, from the server
          void setView({ sort, cursor: null }, { shallow: false })
        }
      />
    </div>
  );
}
