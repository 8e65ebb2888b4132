import { describe, expect, it } from 'vitest';
import {
  acceptedTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  recoveryCodeShape,
  stepOf,
  totpCodeAt,
  totpCodeShape,
  totpUri,
} from './totp';

// RFC 6238 appendix B: the SHA-1 test key "12345678901234567890", 8 digits there; the last six
// digits are what a six-digit app shows.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors (last six digits)', () => {
    expect(totpCodeAt(RFC_SECRET, new Date(59_000))).toBe('287082');
    expect(totpCodeAt(RFC_SECRET, new Date(1_111_111_109_000))).toBe('081804');
    expect(totpCodeAt(RFC_SECRET, new Date(2_000_000_000_000))).toBe('279037');
  });

  it('makes 160-bit base32 secrets and an otpauth URI apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'ada@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Waybill');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  it('accepts the code of now and of one step either side, nothing further', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-12-06T10:00:15Z');
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now), now, null)).toBe(stepOf(now));
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(-30)), now, null)).toBe(stepOf(now) - 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(30)), now, null)).toBe(stepOf(now) + 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(-90)), now, null)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(90)), now, null)).toBeNull();
    expect(acceptedTotpStep(newTotpSecret(), totpCodeAt(secret, now), now, null)).toBeNull();
  });

  it('never accepts a step at or before the last one used (no replay)', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-12-06T10:00:15Z');
    const code = totpCodeAt(secret, now);
    expect(acceptedTotpStep(secret, code, now, stepOf(now))).toBeNull();
    expect(acceptedTotpStep(secret, code, now, stepOf(now) - 1)).toBe(stepOf(now));
    // the previous step's code after the current one was used
    const before = totpCodeAt(secret, new Date(now.getTime() - 30_000));
    expect(acceptedTotpStep(secret, before, now, stepOf(now))).toBeNull();
  });

  it('reads codes as people type them', () => {
    expect(totpCodeShape(' 123 456 ')).toBe('123456');
    expect(totpCodeShape('123-456')).toBe('123456');
    expect(totpCodeShape('12345')).toBeNull();
    expect(totpCodeShape('12345a')).toBeNull();
    expect(acceptedTotpStep(newTotpSecret(), 'abcdef', new Date(), null)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes of an unambiguous alphabet', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('hashes the normalised code, so case, spaces and the hyphen do not matter', () => {
    const [code] = newRecoveryCodes(1) as [string];
    const hash = recoveryCodeHash(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash(code.toUpperCase().replace('-', ' '))).toBe(hash);
    expect(recoveryCodeShape('abcde-fghj1')).toBeNull(); // "1" is not in the alphabet
    expect(recoveryCodeHash('123456')).toBeNull();
  });
});
