'use client';

import { SessionsList, type SessionListRow } from '@/components/sessions/sessions-list';
import { endSessionAction } from '../actions';

/** The person's own sessions; every one but this browser's can be ended. */
export function SessionsTable({ rows }: { rows: SessionListRow[] }) {
  return (
    <SessionsList
      caption="Your sessions"
      rows={rows}
      confirmTitle="End this session?"
      end={(row) => {
        const form = new FormData();
        form.set('id', row.id);
        return endSessionAction(null, form);
      }}
    />
  );
}
