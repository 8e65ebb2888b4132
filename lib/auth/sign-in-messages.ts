// Words of the sign-in form, shared by the server (which chooses) and the form (which shows).
// One message for every refusal — wrong password, unknown email, locked, disabled — so the form
// never tells a stranger which emails exist or which accounts are locked.
export const SIGN_IN_REFUSED =
  'Email or password is not right, or the account is temporarily locked. Try again in a few minutes.';

/** The error code the server throws for an address that tried too often. */
export const THROTTLED_ERROR = 'THROTTLED';
export const SIGN_IN_THROTTLED = 'Too many sign-in attempts from your network. Try again later.';

/** The password was right and the account has a second factor: the form asks for the code. */
export const SECOND_FACTOR_REQUIRED_ERROR = 'SECOND_FACTOR_REQUIRED';
export const SECOND_FACTOR_PROMPT =
  'Enter the six-digit code from your authenticator app, or one of your recovery codes.';
/** The code was not right (or was used already); it counts toward the lockout. */
export const SECOND_FACTOR_REFUSED_ERROR = 'SECOND_FACTOR_REFUSED';
export const SECOND_FACTOR_REFUSED =
  'That code is not right, or it was used already. Type the code your app shows now, or an unused recovery code.';

/** Notices the sign-in page shows after a redirect (?notice=...). */
export const SIGN_IN_NOTICES = {
  joined: 'Your account is ready. Sign in with your email and password.',
  password_reset: 'Your new password is saved. Sign in with your email and the new password.',
  expired: 'Your session ended. Sign in again to continue.',
  signed_out_everywhere: 'You are signed out on every device. Sign in again to continue.',
} as const;
export type SignInNotice = keyof typeof SIGN_IN_NOTICES;
