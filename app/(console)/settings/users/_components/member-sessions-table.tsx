'use client';

import { SessionsList, type SessionListRow } from '@/components/sessions/sessions-list';
import { endMemberSessionAction } from '../actions';

export type MemberSessionRow = SessionListRow & { userId: string; member: string };

/** Where the other members are signed in, most recently used first; each session can be ended. */
export function MemberSessionsTable({ rows }: { rows: MemberSessionRow[] }) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-600">No other member is signed in right now.</p>;
  return (
    <SessionsList
      caption="Where members are signed in"
      rows={rows}
      confirmTitle="End this member's session?"
      end={(row) => {
        const form = new FormData();
        form.set('sessionId', row.id);
        form.set('userId', row.userId);
        return endMemberSessionAction(form);
      }}
    />
  );
}
