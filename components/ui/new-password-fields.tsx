// A password a person chooses, typed twice, with the console's rule in words. Used where an
// account gets its password: accepting an invitation and redeeming a reset link. The server judges
// it (lib/identity/password-rules.ts); `minLength` only spares a round trip.
const input = 'mt-1 w-full rounded border border-slate-300 px-3 py-2';

export function NewPasswordFields({
  minLength,
  label = 'Password',
}: {
  minLength: number;
  /** "Password" when an account is made, "New password" when one is replaced */
  label?: string;
}) {
  return (
    <>
      <label className="block text-sm font-medium">
        {label}
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          aria-describedby="password-hint"
          className={input}
        />
      </label>
      <p id="password-hint" className="text-xs text-slate-600">
        At least {minLength} characters, not your email address. A few words make a good one.
      </p>
      <label className="block text-sm font-medium">
        Confirm {label.charAt(0).toLowerCase() + label.slice(1)}
        <input
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          className={input}
        />
      </label>
    </>
  );
}
