import { describe, expect, it } from 'vitest';
import { clipClientText, isTouchDue, storedSessionVerdict, TOUCH_EVERY_MS } from './session-record';

const MIN = 60_000;
const now = Date.UTC(2026, 11, 5, 12);
const idleMs = 30 * MIN;
const row = (over: Partial<{ userId: string; lastSeenAt: number; expiresAt: number }> = {}) => ({
  userId: over.userId ?? 'user-1',
  lastSeenAt: new Date(over.lastSeenAt ?? now - 5 * MIN),
  expiresAt: new Date(over.expiresAt ?? now + 60 * MIN),
});

describe('stored session verdict', () => {
  it('stands while the row exists, belongs to the token and is within its times', () => {
    expect(storedSessionVerdict(row(), 'user-1', now, idleMs)).toBe('active');
  });

  it('is revoked without a row (signed out, ended everywhere) or with another person’s row', () => {
    expect(storedSessionVerdict(null, 'user-1', now, idleMs)).toBe('revoked');
    expect(storedSessionVerdict(row({ userId: 'user-2' }), 'user-1', now, idleMs)).toBe('revoked');
  });

  it('ends at the absolute end, to the millisecond', () => {
    expect(storedSessionVerdict(row({ expiresAt: now }), 'user-1', now, idleMs)).toBe(
      'absolute_expired',
    );
    expect(storedSessionVerdict(row({ expiresAt: now + 1 }), 'user-1', now, idleMs)).toBe('active');
  });

  it('ends when idle, allowing for lastSeenAt being written only once a minute', () => {
    const edge = now - idleMs - TOUCH_EVERY_MS;
    expect(storedSessionVerdict(row({ lastSeenAt: edge }), 'user-1', now, idleMs)).toBe(
      'idle_expired',
    );
    expect(storedSessionVerdict(row({ lastSeenAt: edge + 1 }), 'user-1', now, idleMs)).toBe(
      'active',
    );
  });
});

describe('touching lastSeenAt', () => {
  it('is due once a minute has passed, not before', () => {
    expect(isTouchDue(new Date(now - TOUCH_EVERY_MS + 1), now)).toBe(false);
    expect(isTouchDue(new Date(now - TOUCH_EVERY_MS), now)).toBe(true);
  });
});

describe('client text kept for the list of sessions', () => {
  it('keeps an ordinary user agent as it is', () => {
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36';
    expect(clipClientText(ua, 300)).toBe(ua);
  });

  it('is empty for nothing', () => {
    expect(clipClientText(undefined, 10)).toBe('');
    expect(clipClientText(null, 10)).toBe('');
    expect(clipClientText('', 10)).toBe('');
  });

  it('replaces controls and format characters, collapses whitespace', () => {
    expect(clipClientText('a\u0000b\r\nc\u200Bd\u001b[31m  e', 100)).toBe('a b c d [31m e');
  });

  it('drops lone surrogate halves and keeps well-formed pairs', () => {
    expect(clipClientText('x\uD800y\uDC00z 😀', 100)).toBe('xyz 😀');
  });

  it('bounds the length, marking the cut, never splitting a pair', () => {
    const clipped = clipClientText('a'.repeat(500), 300);
    expect(clipped).toHaveLength(300);
    expect(clipped.endsWith('…')).toBe(true);
    const emoji = clipClientText(`${'a'.repeat(8)}😀😀`, 10);
    expect(emoji.length).toBeLessThanOrEqual(10);
    expect(emoji).toBe(`${'a'.repeat(8)}…`);
  });
});
