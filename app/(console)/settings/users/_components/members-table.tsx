'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Time, useFormatTime } from '@/components/time/time';
import type { MemberRow } from '@/lib/members/members.presenter';
import { changeRoleAction, removeMemberAction } from '../actions';

type Pending =
  { kind: 'role'; member: MemberRow; role: string } | { kind: 'remove'; member: MemberRow } | null;

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
};

/** Members with a role select each (asks before changing) and Remove (asks too). */
export function MembersTable({
  members,
  roles,
  selfId,
}: {
  members: MemberRow[];
  roles: string[];
  selfId: string;
}) {
  const [pending, setPending] = useState<Pending>(null);
  const [busy, startTransition] = useTransition();
  const formatTime = useFormatTime();

  function confirm() {
    const p = pending;
    if (!p) return;
    startTransition(async () => {
      const result =
        p.kind === 'role'
          ? await changeRoleAction(form({ userId: p.member.userId, role: p.role }))
          : await removeMemberAction(form({ userId: p.member.userId }));
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      setPending(null);
    });
  }

  if (members.length === 0) return <p className="text-sm text-slate-600">No members yet.</p>;
  return (
    <>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              Email
            </th>
            <th scope="col" className="px-3 py-2">
              Role
            </th>
            <th scope="col" className="px-3 py-2">
              Last sign-in
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const self = m.userId === selfId;
            return (
              <tr key={m.userId} className="border-b border-slate-100 bg-white">
                <td className="px-3 py-2">
                  {m.name}
                  {self && <span className="ml-1 text-xs text-slate-500">(you)</span>}
                </td>
                <td className="px-3 py-2">{m.email}</td>
                <td className="px-3 py-2">
                  <select
                    aria-label={`Role of ${m.name}`}
                    value={m.role}
                    disabled={self || busy}
                    title={self ? 'Another admin can change your role' : undefined}
                    onChange={(e) => setPending({ kind: 'role', member: m, role: e.target.value })}
                    className="rounded border border-slate-300 bg-white px-2 py-1 disabled:opacity-60"
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-3 py-2">
                  <Time value={m.lastSignInAt} empty="never" />
                </td>
                <td className="px-3 py-2">
                  {m.disabled
                    ? 'disabled'
                    : m.lockedUntil
                      ? `locked until ${formatTime(m.lockedUntil)}`
                      : 'active'}
                </td>
                <td className="px-3 py-2 text-right">
                  {!self && (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => setPending({ kind: 'remove', member: m })}
                      className="rounded border border-red-300 px-2 py-1 text-red-800 hover:bg-red-50 disabled:opacity-60"
                    >
                      Remove<span className="sr-only"> {m.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => {
          if (!open && !busy) setPending(null);
        }}
        title={pending?.kind === 'remove' ? 'Remove this member?' : 'Change role?'}
        description={
          pending?.kind === 'remove' ? (
            <p>
              {pending.member.name} ({pending.member.email}) loses access to this tenant on their
              next page load. Their account and the history of what they did stay.
            </p>
          ) : pending ? (
            <p>
              {pending.member.name} goes from <strong>{pending.member.role}</strong> to{' '}
              <strong>{pending.role}</strong>. It applies on their next page load.
            </p>
          ) : null
        }
        confirmLabel={
          busy ? 'Saving…' : pending?.kind === 'remove' ? 'Remove member' : 'Change role'
        }
        confirmDisabled={busy}
        tone={pending?.kind === 'remove' ? 'danger' : 'primary'}
        onConfirm={confirm}
      />
    </>
  );
}
