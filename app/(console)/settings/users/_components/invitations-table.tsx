'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Time } from '@/components/time/time';
import type { InvitationRow } from '@/lib/members/members.presenter';
import { revokeInvitationAction } from '../actions';

/** Invitations not yet accepted or revoked; Revoke asks first. */
export function InvitationsTable({ invitations }: { invitations: InvitationRow[] }) {
  const [revoking, setRevoking] = useState<InvitationRow | null>(null);
  const [busy, startTransition] = useTransition();

  function confirm() {
    const invitation = revoking;
    if (!invitation) return;
    startTransition(async () => {
      const data = new FormData();
      data.set('invitationId', invitation.id);
      const result = await revokeInvitationAction(data);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      setRevoking(null);
    });
  }

  if (invitations.length === 0)
    return <p className="text-sm text-slate-600">No invitations are waiting.</p>;
  return (
    <>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Email
            </th>
            <th scope="col" className="px-3 py-2">
              Role
            </th>
            <th scope="col" className="px-3 py-2">
              Invited
            </th>
            <th scope="col" className="px-3 py-2">
              Expires
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id} className="border-b border-slate-100 bg-white">
              <td className="px-3 py-2">{i.email}</td>
              <td className="px-3 py-2">{i.role}</td>
              <td className="px-3 py-2">
                <Time value={i.invitedAt} />
                {i.invitedBy && <span className="text-slate-500"> by {i.invitedBy}</span>}
              </td>
              <td className="px-3 py-2">{i.expired ? 'expired' : <Time value={i.expiresAt} />}</td>
              <td className="px-3 py-2 text-right">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => setRevoking(i)}
                  className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 disabled:opacity-60"
                >
                  Revoke<span className="sr-only"> invitation for {i.email}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => {
          if (!open && !busy) setRevoking(null);
        }}
        title="Revoke this invitation?"
        description={<p>The link sent to {revoking?.email} stops working at once.</p>}
        confirmLabel={busy ? 'Revoking…' : 'Revoke invitation'}
        confirmDisabled={busy}
        tone="danger"
        onConfirm={confirm}
      />
    </>
  );
}
