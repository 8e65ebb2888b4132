'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { LIST_ROW_CLASS, ListTable } from '@/components/ui/list-table';
import { Time } from '@/components/time/time';
import type { ActionResult } from '@/lib/http/action-result';

export interface SessionListRow {
  id: string;
  /** whose session, when the list is of several people's */
  member?: string;
  /** the browser looking at the list: it cannot be ended from here */
  current?: boolean;
  signedInAt: string;
  lastSeenAt: string;
  address: string;
  browser: string;
}

/** Sessions (browsers) with where and when each was used; each one but the current can be ended,
 *  after a confirmation. The ended row leaves the list, so the outcome is announced as a toast. */
export function SessionsList<R extends SessionListRow>({
  caption,
  rows,
  end,
  confirmTitle,
}: {
  caption: string;
  rows: R[];
  end: (row: R) => Promise<ActionResult>;
  confirmTitle: string;
}) {
  const [ending, setEnding] = useState<R | null>(null);
  const [busy, startTransition] = useTransition();
  const withMember = rows.some((r) => r.member !== undefined);

  function confirm() {
    const row = ending;
    if (!row) return;
    startTransition(async () => {
      const result = await end(row);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      setEnding(null);
    });
  }

  const columns = ['Signed in', 'Last seen', 'Address', 'Browser'];
  return (
    <>
      <ListTable caption={caption} columns={withMember ? ['Member', ...columns] : columns}>
        {rows.map((r) => {
          const signedIn = <Time value={r.signedInAt} />;
          return (
            <tr key={r.id} className={LIST_ROW_CLASS}>
              {withMember && (
                <th scope="row" className="px-3 py-2 font-normal">
                  {r.member}
                </th>
              )}
              {withMember ? (
                <td className="px-3 py-2 whitespace-nowrap">{signedIn}</td>
              ) : (
                <th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
                  {signedIn}
                  {r.current && (
                    <span className="ml-2 rounded bg-blue-50 px-2 py-0.5 text-xs text-blue-900">
                      this browser
                    </span>
                  )}
                </th>
              )}
              <td className="px-3 py-2 whitespace-nowrap">
                <Time value={r.lastSeenAt} />
              </td>
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
                      the session {r.member ? `of ${r.member} ` : ''}from {r.address}
                    </span>
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </ListTable>
      <ConfirmDialog
        open={ending !== null}
        onOpenChange={(open) => !open && setEnding(null)}
        tone="danger"
        title={confirmTitle}
        description={<p>That browser is signed out at its next request.</p>}
        confirmLabel={busy ? 'Ending…' : 'End session'}
        confirmDisabled={busy}
        onConfirm={confirm}
      />
    </>
  );
}
