// What a new password must be. Length is what matters (NIST 800-63B): no composition rules, but
// it may not be the email address, which is the first thing anyone would try.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** Why this password cannot be used, in words for the form; null when it is fine. */
export function passwordProblem(password: string, email: string): string | null {
  const length = [...password.normalize('NFKC')].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters (a few words make a good password).`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase())
    return 'The password may not be your email address.';
  return null;
}
