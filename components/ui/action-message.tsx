/** The answer of a server action, shaped by the form that asked (success words or an error). */
export type ActionMessageState =
  { ok: true; message: string } | { ok: false; error: string } | null;

/**
 * Announces an action's outcome: success politely, errors assertively. The live regions are always
 * rendered so screen readers pick up the change when the text arrives.
 */
export function ActionMessage({
  state,
  className = '',
}: {
  state: ActionMessageState;
  className?: string;
}) {
  return (
    <>
      <p role="status" className={state?.ok ? `text-sm text-green-800 ${className}` : 'sr-only'}>
        {state?.ok ? state.message : ''}
      </p>
      <p
        role="alert"
        className={state && !state.ok ? `text-sm text-red-800 ${className}` : 'sr-only'}
      >
        {state && !state.ok ? state.error : ''}
      </p>
    </>
  );
}
