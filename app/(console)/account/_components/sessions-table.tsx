'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { LIST_ROW_CLASS, ListTable } from '@/components/ui/list-table';
import { endSessionAction } from '../actions';

export interface SessionRowView {
  id: string;
  current: boolean;
  signedIn: string;
  lastSeen: string;
  address: string;
  browser: string;
}

/** The person's sessions; every one but the current can be ended (asks first). The ended row
 *  leaves the list, so the outcome is announced as a toast. */
export function SessionsTable({ rows }: { rows: SessionRowView[] }) {
  const [ending, setEnding] = useState<SessionRowView | null>(null);
  const [busy, startTransition] = useTransition();

  function confirm() {
    const row = ending;
    if (!row) return;
    startTransition(async () => {
      const form = new FormData();
      form.set('id', row.id);
      const result = await endSessionAction(null, form);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      setEnding(null);
    });
  }

  return (
    <>
      <ListTable
        caption="Your sessions"
        columns={['Signed in', 'Last seen', 'Address', 'Browser'] as const}
      >
        {rows.map((r) => (
          <tr key={r.id} className={LIST_ROW_CLASS}>
            <th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
              {r.signedIn}
              {r.current && (
                <span className="ml-2 rounded bg-blue-50 px-2 py-0.5 text-xs text-blue-900">
                  this browser
                </span>
              )}
            </th>
            <td className="px-3 py-2 whitespace-nowrap">{r.lastSeen}</td>
            <td className="px-3 py-2">{r.address}</td>
            <td className="max-w-md px-3 py-2 break-words text-slate-600">{r.browser}</td>
            <td className="px-3 py-2 text-right">
              {!r.current && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => setEnding(r)}
                  className="rounded border border-red-700 bg-white px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
                >
                  End
                  <span className="sr-only">
                    {' '}
                    the session signed in {r.signedIn} from {r.address}
                  </span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
      <ConfirmDialog
        open={ending !== null}
        onOpenChange={(open) => !open && setEnding(null)}
        tone="danger"
        title="End this session?"
        description={<p>That browser is signed out at its next request.</p>}
        confirmLabel={busy ? 'Ending…' : 'End session'}
        confirmDisabled={busy}
        onConfirm={confirm}
      />
    </>
  );
}
