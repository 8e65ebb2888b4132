'use client';

import Link from '@/components/ui/link';
import { useActionState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { CopyButton } from '@/components/ui/copy-button';
import type { ActionResult } from '@/lib/http/action-result';
import {
  confirmSetupAction,
  disableAction,
  renewCodesAction,
  startSetupAction,
  type CodesResult,
} from '../actions';

const BUTTON =
  'rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60';
const INPUT = 'mt-1 w-40 rounded border border-slate-300 px-3 py-2 font-mono';

export function StartSetupForm({ again }: { again: boolean }) {
  const [state, submit, pending] = useActionState<ActionResult | null, FormData>(
    startSetupAction,
    null,
  );
  return (
    <form action={submit} aria-label="Start two-factor set-up">
      <ActionMessage state={state} />
      <button
        type="submit"
        disabled={pending}
        className={again ? 'text-sm text-blue-800 underline' : BUTTON}
      >
        {again ? 'Start again with a new QR code' : 'Set up two-factor authentication'}
      </button>
    </form>
  );
}

function CodeField({ label }: { label: string }) {
  return (
    <label className="block text-sm font-medium">
      {label}
      <input
        name="code"
        type="text"
        autoComplete="one-time-code"
        autoCapitalize="off"
        spellCheck={false}
        required
        maxLength={40}
        className={INPUT}
      />
    </label>
  );
}

/** Shown once: the codes are not kept in a form anyone can read back. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section
      aria-labelledby="recovery-codes-heading"
      className="max-w-md rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id="recovery-codes-heading" className="font-medium text-amber-950">
        Your recovery codes
      </h2>
      <p className="mt-1 text-sm text-amber-950">
        Save them somewhere safe now: they are not shown again. Each one signs you in once when you
        do not have your phone.
      </p>
      <ul aria-label="Recovery codes" className="mt-3 grid grid-cols-2 gap-1 font-mono text-sm">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="mt-3 flex items-center gap-4">
        <CopyButton text={codes.join('\n')} label="Copy" context="recovery codes" />
        <Link href="/account" className="text-sm text-blue-800 underline">
          Done
        </Link>
      </div>
    </section>
  );
}

/** A code typed, then — on success — the recovery codes, shown once in place of the form. */
function CodesAnswerForm({
  action,
  name,
  field,
  submit,
}: {
  action: (previous: CodesResult | null, form: FormData) => Promise<CodesResult>;
  name: string;
  field: string;
  submit: string;
}) {
  const [state, send, pending] = useActionState<CodesResult | null, FormData>(action, null);
  if (state?.ok && state.recoveryCodes)
    return (
      <div className="space-y-3">
        <ActionMessage state={state} />
        <RecoveryCodes codes={state.recoveryCodes} />
      </div>
    );
  return (
    <form action={send} className="space-y-3" aria-label={name}>
      <CodeField label={field} />
      <ActionMessage state={state} />
      <button type="submit" disabled={pending} className={BUTTON}>
        {pending ? 'Checking…' : submit}
      </button>
    </form>
  );
}

export const ConfirmSetupForm = () => (
  <CodesAnswerForm
    action={confirmSetupAction}
    name="Turn on two-factor authentication"
    field="Code from the app"
    submit="Turn on"
  />
);

export const RenewCodesForm = () => (
  <CodesAnswerForm
    action={renewCodesAction}
    name="New recovery codes"
    field="Current code (app or recovery code)"
    submit="Make new recovery codes"
  />
);

export function DisableForm({ required }: { required: boolean }) {
  const [state, submit, pending] = useActionState<ActionResult | null, FormData>(
    disableAction,
    null,
  );
  return (
    <form action={submit} className="space-y-3" aria-label="Turn off two-factor authentication">
      {required && (
        <p className="text-sm text-amber-900">
          Your tenant requires it for admins: once it is off, the console asks you to set it up
          again before anything else.
        </p>
      )}
      <CodeField label="Current code (app or recovery code)" />
      <ActionMessage state={state} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? 'Checking…' : 'Turn off'}
      </button>
    </form>
  );
}
