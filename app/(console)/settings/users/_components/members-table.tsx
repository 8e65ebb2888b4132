'use client';

import { useEffect, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { Time, useFormatTime } from '@/components/time/time';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { MemberRow } from '@/lib/members/members.presenter';
import {
  changeRoleAction,
  endMemberSessionsAction,
  issueResetLinkAction,
  resetSecondFactorAction,
  removeMemberAction,
} from '../actions';

type Pending =
  | { kind: 'role'; member: MemberRow; role: string }
  | { kind: 'remove' | 'reset' | 'sign-out' | 'two-factor'; member: MemberRow }
  | null;

/** A reset link just issued: shown once, under the table, for the admin to hand over. */
interface IssuedLink {
  email: string;
  path: string;
  expiresAt: string;
}

const DIALOG: Record<
  Exclude<NonNullable<Pending>['kind'], 'role'>,
  { title: string; confirm: string; tone: 'danger' | 'primary' }
> = {
  remove: { title: 'Remove this member?', confirm: 'Remove member', tone: 'danger' },
  reset: { title: 'Create a password reset link?', confirm: 'Create reset link', tone: 'primary' },
  'sign-out': { title: 'Sign this member out everywhere?', confirm: 'Sign out', tone: 'danger' },
  'two-factor': {
    title: 'Remove this member’s two-factor authentication?',
    confirm: 'Remove two-factor',
    tone: 'danger',
  },
};

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
  const [endSessionsToo, setEndSessionsToo] = useState(false);
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);
  const [busy, startTransition] = useTransition();
  const formatTime = useFormatTime();
  const hydrated = useHydrated();

  function open(next: Pending) {
    setEndSessionsToo(false);
    setPending(next);
  }

  function confirm() {
    const p = pending;
    if (!p) return;
    startTransition(async () => {
      const userId = p.member.userId;
      if (p.kind === 'reset') {
        const answer = await issueResetLinkAction(
          form({ userId, endSessions: endSessionsToo ? 'on' : '' }),
        );
        if (answer.ok) {
          setIssued({ email: answer.email, path: answer.path, expiresAt: answer.expiresAt });
          toast.success(answer.message);
        } else toast.error(answer.error);
        setPending(null);
        return;
      }
      const result =
        p.kind === 'role'
          ? await changeRoleAction(form({ userId, role: p.role }))
          : p.kind === 'sign-out'
            ? await endMemberSessionsAction(form({ userId }))
            : p.kind === 'two-factor'
              ? await resetSecondFactorAction(form({ userId }))
              : await removeMemberAction(form({ userId }));
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
              Signed in on
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
                    disabled={self || busy || !hydrated}
                    title={self ? 'Another admin can change your role' : undefined}
                    onChange={(e) => open({ kind: 'role', member: m, role: e.target.value })}
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
                <td className="px-3 py-2">
                  {m.sessions === 0
                    ? 'no browser'
                    : m.sessions === 1
                      ? '1 browser'
                      : `${m.sessions} browsers`}
                </td>
                <td className="px-3 py-2 text-right">
                  {!self && (
                    <div className="flex flex-wrap justify-end gap-2">
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => open({ kind: 'reset', member: m })}
                        className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 disabled:opacity-60"
                      >
                        Reset password<span className="sr-only"> of {m.name}</span>
                      </button>
                      {m.twoFactor && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => open({ kind: 'two-factor', member: m })}
                          className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 disabled:opacity-60"
                        >
                          Reset two-factor<span className="sr-only"> of {m.name}</span>
                        </button>
                      )}
                      {m.sessions > 0 && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => open({ kind: 'sign-out', member: m })}
                          className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 disabled:opacity-60"
                        >
                          Sign out<span className="sr-only"> {m.name}</span>
                        </button>
                      )}
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => open({ kind: 'remove', member: m })}
                        className="rounded border border-red-300 px-2 py-1 text-red-800 hover:bg-red-50 disabled:opacity-60"
                      >
                        Remove<span className="sr-only"> {m.name}</span>
                      </button>
                    </div>
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
        title={pending && pending.kind !== 'role' ? DIALOG[pending.kind].title : 'Change role?'}
        description={
          pending?.kind === 'remove' ? (
            <p>
              {pending.member.name} ({pending.member.email}) loses access to this tenant on their
              next page load. Their account and the history of what they did stay.
            </p>
          ) : pending?.kind === 'reset' ? (
            <div className="space-y-3">
              <p>
                A link for {pending.member.name} ({pending.member.email}) to choose a new password,
                shown to you once, to hand over yourself. It works once, for 24 hours; any earlier
                link ends. Their current password keeps working until they use it.
              </p>
              <label className="flex items-center gap-2 font-medium">
                <input
                  type="checkbox"
                  checked={endSessionsToo}
                  onChange={(e) => setEndSessionsToo(e.target.checked)}
                />
                Also sign them out of every browser now
              </label>
            </div>
          ) : pending?.kind === 'sign-out' ? (
            <p>
              {pending.member.name} is signed out of every browser now, in every tenant, and signs
              in again to continue. Use it when a device or a password may be in the wrong hands.
            </p>
          ) : pending?.kind === 'two-factor' ? (
            <p>
              {pending.member.name} ({pending.member.email}) signs in with their password only until
              they set up two-factor authentication again. Do this only once you are sure who asked:
              a lost phone is the usual reason, and also how accounts are taken over.
            </p>
          ) : pending?.kind === 'role' ? (
            <p>
              {pending.member.name} goes from <strong>{pending.member.role}</strong> to{' '}
              <strong>{pending.role}</strong>. It applies on their next page load.
            </p>
          ) : null
        }
        confirmLabel={
          busy
            ? 'Saving…'
            : pending && pending.kind !== 'role'
              ? DIALOG[pending.kind].confirm
              : 'Change role'
        }
        confirmDisabled={busy}
        tone={pending && pending.kind !== 'role' ? DIALOG[pending.kind].tone : 'primary'}
        onConfirm={confirm}
      />
      {issued && (
        <div
          role="region"
          aria-label="Password reset link"
          className="mt-4 space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <p className="font-medium text-amber-900">
            Shown once: copy this link now and give it to {issued.email}. If it is lost, create
            another one.
          </p>
          <div className="flex items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1" data-testid="reset-link">
              {`${origin}${issued.path}`}
            </code>
            <CopyButton text={`${origin}${issued.path}`} context="reset link" />
          </div>
          <p className="text-amber-900">
            It works once and expires <Time value={issued.expiresAt} />.
          </p>
        </div>
      )}
    </>
  );
}
