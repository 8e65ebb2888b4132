// scrypt from node:crypto: memory-hard, no native build, run on libuv's thread pool (never on the
// event loop). Stored as scrypt$N$r$p$salt$hash: the parameters travel with each hash, so raising
// them leaves every existing hash verifiable, and sign-in re-hashes a password whose stored
// parameters are weaker than today's (needsRehash).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { testScryptCost } from '@/lib/env';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP Password Storage Cheat Sheet, scrypt: N=2^17, r=8, p=1. One hash needs 128·N·r = 128 MiB
 * and took 0.35 s on the 2-core development machine (N=2^14, used before: 0.06 s).
 */
const OWASP_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** Today's cost: OWASP's, except in the lib integration suites (lib/env-parse.ts testScryptCostOf). */
export const SCRYPT_PARAMS: ScryptParams = {
  ...OWASP_PARAMS,
  N: testScryptCost(OWASP_PARAMS.N) ?? OWASP_PARAMS.N,
};
const KEYLEN = 32;
const SALT_BYTES = 16;
/**
 * Node refuses scrypt above maxmem (default 32 MiB). Twice OWASP's need (256 MiB): a stored hash
 * asking for more matches nothing rather than exhausting the process's memory.
 */
const MAX_MEM = 2 * 128 * OWASP_PARAMS.N * OWASP_PARAMS.r;

interface StoredHash extends ScryptParams {
  salt: Buffer;
  hash: Buffer;
}

const INTEGER = /^[1-9][0-9]{0,9}$/;

/** The parts of scrypt$N$r$p$salt$hash, or null when it is not one. */
function parseHash(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !hash) return null;
  if (!INTEGER.test(n ?? '') || !INTEGER.test(r ?? '') || !INTEGER.test(p ?? '')) return null;
  return {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64'),
    hash: Buffer.from(hash, 'base64'),
  };
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEYLEN,
      { ...params, maxmem: MAX_MEM },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** `params` is for tests that need a hash of an older cost; production uses SCRYPT_PARAMS. */
export async function hashPassword(
  password: string,
  params: ScryptParams = SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    hash.toString('base64'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.hash.length !== KEYLEN) return false;
  try {
    const actual = await derive(password, parsed.salt, parsed);
    return timingSafeEqual(actual, parsed.hash);
  } catch {
    return false; // a stored hash with impossible parameters matches nothing
  }
}

/**
 * True when the stored hash is weaker than what hashPassword makes today (a lower N, r or p, a
 * shorter salt) or is not a hash we can read: after a successful sign-in the password is hashed
 * again. Stronger parameters are kept.
 */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed || parsed.hash.length !== KEYLEN || parsed.salt.length < SALT_BYTES) return true;
  return parsed.N < SCRYPT_PARAMS.N || parsed.r < SCRYPT_PARAMS.r || parsed.p < SCRYPT_PARAMS.p;
}
