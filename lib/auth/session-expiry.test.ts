import { describe, expect, it } from 'vitest';
import { sessionVerdict } from './session-expiry';

const MIN = 60_000;
const limits = { idleMs: 30 * MIN, maxMs: 12 * 60 * MIN };
const now = Date.UTC(2026, 10, 23, 12);

describe('session expiry', () => {
  it('is active while used within the idle limit and before the absolute one', () => {
    expect(
      sessionVerdict({ signedInAt: now - 60 * MIN, lastActiveAt: now - 29 * MIN }, now, limits),
    ).toBe('active');
  });

  it('ends after 30 idle minutes', () => {
    expect(
      sessionVerdict({ signedInAt: now - 60 * MIN, lastActiveAt: now - 30 * MIN }, now, limits),
    ).toBe('idle_expired');
  });

  it('ends 12 hours after sign-in however active', () => {
    expect(
      sessionVerdict({ signedInAt: now - 12 * 60 * MIN, lastActiveAt: now }, now, limits),
    ).toBe('absolute_expired');
    expect(
      sessionVerdict({ signedInAt: now - 12 * 60 * MIN + 1, lastActiveAt: now }, now, limits),
    ).toBe('active');
  });

  it('refuses tokens without the times (issued before they existed, or forged)', () => {
    expect(sessionVerdict({}, now, limits)).toBe('invalid');
    expect(sessionVerdict({ signedInAt: now, lastActiveAt: 'yesterday' }, now, limits)).toBe(
      'invalid',
    );
  });

  it('refuses times from the future instead of extending the session', () => {
    expect(sessionVerdict({ signedInAt: now, lastActiveAt: now + 10 * MIN }, now, limits)).toBe(
      'invalid',
    );
  });
});
