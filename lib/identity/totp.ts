// Time-based one-time passwords (RFC 6238) and recovery codes: the pure part of the second factor.
// otpauth does the HMAC arithmetic; what is ours is the policy: SHA-1, six digits and 30-second steps
// (what every authenticator app reads from the QR code), one step of clock drift either way, and a
// code accepted at most once (the caller keeps the last step used).
import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** steps of clock drift accepted either side of now */
const DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

/** A fresh 160-bit secret, base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, account = '', issuer = 'Waybill'): TOTP {
  return new TOTP({
    issuer,
    label: account,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The otpauth:// address the QR code carries. */
export function totpUri(secretBase32: string, account: string, issuer = 'Waybill'): string {
  return totp(secretBase32, account, issuer).toString();
}

/** The code an authenticator shows at `at` (tests and the CLI's diagnostics use it). */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

export function stepOf(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** A six-digit code as people type it ("123 456", "123-456"), or null when it is not one. */
export function totpCodeShape(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The step the code belongs to when it is right for `at` (± one step) and newer than the last one
 * accepted; null otherwise. A code seen once is refused again, so one read over a shoulder or off
 * a phishing page cannot be used a second time within its minute.
 */
export function acceptedTotpStep(
  secretBase32: string,
  code: string,
  at: Date,
  lastStep: number | null,
): number | null {
  const token = totpCodeShape(code);
  if (!token) return null;
  const delta = totp(secretBase32).validate({
    token,
    timestamp: at.getTime(),
    window: DRIFT_STEPS,
  });
  if (delta === null) return null;
  const step = stepOf(at) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

// No 0/o, 1/l/i: a code read off paper is typed without guessing. 31 symbols, 10 of them: ~49 bits,
// far beyond what the sign-in throttle and lockout let anyone try.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten single-use codes, "xxxxx-xxxxx", shown once; only their hashes are kept. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const one = () =>
    Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(
      '',
    );
  return Array.from({ length: count }, () => {
    const code = one();
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** The normalised recovery code ("ABCDE fghjk" → "abcdefghjk"), or null when it is not one. */
export function recoveryCodeShape(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toLowerCase();
  return code.length === 10 && [...code].every((c) => RECOVERY_ALPHABET.includes(c)) ? code : null;
}

/** SHA-256 of the normalised code: the codes are random enough that a slow hash adds nothing. */
export function recoveryCodeHash(input: string): string | null {
  const code = recoveryCodeShape(input);
  return code && createHash('sha256').update(code).digest('hex');
}
