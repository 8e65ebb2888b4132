// Replay protection shared by the timestamped schemes (Stripe, Standard Webhooks).

/** Both schemes' default window: a signed request older or newer than this is refused. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Unix seconds from a header value; undefined unless it is plain decimal digits. */
export function parseUnixSeconds(value: string): number | undefined {
  // Number('') is 0 and Number(' 1e3 ') is 1000: only accept what a signer actually writes.
  if (!/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * True when the signing time is within the tolerance of now, in both directions: a timestamp from
 * the future is as suspicious as a stale one (and a skewed sender clock is better caught early).
 */
export function isFresh(signedAtSeconds: number, now: Date, toleranceSeconds: number): boolean {
  return Math.abs(now.getTime() / 1000 - signedAtSeconds) <= toleranceSeconds;
}
