import { describe, expect, it } from 'vitest';
import { formatIsoDay, formatUtcDay, utcWindowText } from './window-text';
import { windowState } from './window-state';

describe('dates in one format (dd MMM yyyy, UTC)', () => {
  it('writes days unambiguously, whatever the browser date order', () => {
    expect(formatUtcDay(new Date('2026-12-05T23:59:00Z'))).toBe('05 Dec 2026');
    expect(formatIsoDay('2026-05-12')).toBe('12 May 2026');
    expect(formatIsoDay('12/05/2026')).toBeNull();
  });

  it('reads whole UTC days as days and other windows with minutes', () => {
    const day = new Date('2026-12-05T00:00:00Z');
    expect(utcWindowText(day, new Date('2026-12-06T00:00:00Z'))).toBe('05 Dec 2026 (UTC day)');
    expect(utcWindowText(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-06T00:00:00Z'))).toBe(
      '01 Dec 2026 – 05 Dec 2026 (5 UTC days)',
    );
    expect(utcWindowText(new Date('2026-12-05T14:00:00Z'), new Date('2026-12-05T15:30:00Z'))).toBe(
      '05 Dec 2026 14:00 – 05 Dec 2026 15:30 UTC',
    );
  });
});

describe('windowState', () => {
  const windowTo = new Date('2026-12-06T00:00:00Z');
  it('is closed when the window ended before the run started', () => {
    const run = { windowTo, createdAt: new Date('2026-12-06T02:15:00Z'), finishedAt: null };
    expect(windowState(run, new Date('2026-12-06T02:16:00Z'))).toEqual({ kind: 'closed' });
  });

  it("says today's window is still open, and a past run of it saw only part of it", () => {
    const run = {
      windowTo,
      createdAt: new Date('2026-12-05T14:00:00Z'),
      finishedAt: new Date('2026-12-05T14:01:00Z'),
    };
    expect(windowState(run, new Date('2026-12-05T15:00:00Z'))).toEqual({
      kind: 'open_at_run',
      seenUntil: run.finishedAt,
      stillOpen: true,
    });
    expect(windowState(run, new Date('2026-12-07T00:00:00Z'))).toMatchObject({ stillOpen: false });
  });
});
