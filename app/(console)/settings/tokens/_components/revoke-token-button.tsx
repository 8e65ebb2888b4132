'use client';

import { DangerConfirmButton } from '@/components/ui/confirmed-submit';
import { revokeToken } from '../actions';

/** Revoking cannot be undone and breaks whatever uses the token: it asks first. */
export function RevokeTokenButton({
  id,
  name,
  prefix,
}: {
  id: string;
  name: string;
  prefix: string;
}) {
  return (
    <DangerConfirmButton
      id={id}
      name={name}
      action={revokeToken}
      title={`Revoke "${name}"?`}
      description={
        <p>
          Every script using <code>{prefix}…</code> is refused from its next request on. This cannot
          be undone: issue a new token if it is still needed.
        </p>
      }
      label="Revoke"
      pendingLabel="Revoking…"
      confirmLabel="Revoke token"
    />
  );
}
