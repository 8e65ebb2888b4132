import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  formatDate,
  formatDateTime,
  formatDuration,
  formatRelative,
  fromWallTime,
  isoUtc,
  splitInstants,
  listTimeZones,
  toWallDate,
  toWallTime,
  zoneLabel,
} from './time-format';

const WINTER = '2026-12-05T13:06:40.218Z';
const SUMMER = '2026-07-05T13:06:40Z';

describe('formatDateTime', () => {
  it('writes one shape, in the zone asked for, labelled with its abbreviation', () => {
    expect(formatDateTime(WINTER, 'Europe/Berlin')).toBe('5 Dec 2026, 14:06:40 CET');
    expect(formatDateTime(WINTER, 'America/New_York')).toBe('5 Dec 2026, 08:06:40 EST');
    expect(formatDateTime(WINTER, 'UTC')).toBe('5 Dec 2026, 13:06:40 UTC');
    expect(formatDateTime(SUMMER, 'Europe/London')).toBe('5 Jul 2026, 14:06:40 BST');
    expect(formatDateTime(SUMMER, 'America/New_York')).toBe('5 Jul 2026, 09:06:40 EDT');
  });

  it('labels a zone without an English abbreviation with its offset', () => {
    expect(formatDateTime(WINTER, 'Asia/Tokyo')).toBe('5 Dec 2026, 22:06:40 GMT+9');
    expect(zoneLabel(WINTER, 'Asia/Kolkata')).toBe('GMT+5:30');
  });

  it('crosses the date line with the zone', () => {
    expect(formatDateTime('2026-12-05T23:30:00Z', 'Europe/Berlin')).toBe(
      '6 Dec 2026, 00:30:00 CET',
    );
    expect(formatDate('2026-12-05T23:30:00Z', 'Europe/Berlin')).toBe('6 Dec 2026');
  });

  it('accepts Dates and epoch ms, drops seconds or the label on request', () => {
    expect(formatDateTime(new Date(WINTER), 'UTC', { precision: 'minute' })).toBe(
      '5 Dec 2026, 13:06 UTC',
    );
    expect(formatDateTime(Date.parse(WINTER), 'UTC', { label: false })).toBe(
      '5 Dec 2026, 13:06:40',
    );
  });

  it('says so for a value that is not a time', () => {
    expect(formatDateTime('not a time', 'UTC')).toBe('—');
    expect(formatDate('', 'UTC')).toBe('—');
  });
});

describe('relative times', () => {
  it('reads ages and waits in words', () => {
    const now = '2026-12-05T14:00:00Z';
    expect(formatRelative('2026-12-05T13:59:58Z', now)).toBe('just now');
    expect(formatRelative('2026-12-05T13:59:15Z', now)).toBe('45 s ago');
    expect(formatRelative('2026-12-05T13:57:00Z', now)).toBe('3 min ago');
    expect(formatRelative('2026-12-05T11:55:00Z', now)).toBe('2 h 5 min ago');
    expect(formatRelative('2026-12-05T16:00:00Z', now)).toBe('in 2 h');
    expect(formatRelative('x', now)).toBe('—');
  });

  it('writes durations', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe('3 d 4 h');
    expect(formatDuration(-3)).toBe('0 s');
  });
});

describe('time zones', () => {
  it('accepts listed zones, their aliases and UTC; refuses the rest', () => {
    expect(canonicalTimeZone('America/New_York')).toBe('America/New_York');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(canonicalTimeZone('Asia/Kolkata')).not.toBeNull();
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
    expect(canonicalTimeZone(42)).toBeNull();
    expect(canonicalTimeZone('x'.repeat(100))).toBeNull();
  });

  it('lists UTC first and every zone once', () => {
    const zones = listTimeZones();
    expect(zones[0]).toBe('UTC');
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones).toContain('Europe/Berlin');
  });
});

describe('wall times (filters)', () => {
  it('reads a typed wall time in the zone and writes it back', () => {
    expect(fromWallTime('2026-12-05T09:30', 'America/New_York')?.toISOString()).toBe(
      '2026-12-05T14:30:00.000Z',
    );
    expect(fromWallTime('2026-12-05', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-12-04T23:00:00.000Z',
    );
    expect(toWallTime('2026-12-05T14:30:00Z', 'America/New_York')).toBe('2026-12-05T09:30');
    expect(toWallDate('2026-12-05T23:30:00Z', 'Europe/Berlin')).toBe('2026-12-06');
    expect(toWallTime(null, 'UTC')).toBe('');
  });

  it('round-trips every hour of a year with two clock changes', () => {
    const zone = 'Europe/Berlin';
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 60 * 60_000) {
      const wall = toWallTime(t, zone);
      const back = fromWallTime(wall, zone);
      // The repeated autumn hour reads back as its first occurrence.
      expect(toWallTime(back ?? 0, zone)).toBe(wall);
    }
  });

  it('takes the first of a repeated hour and lands after a skipped one', () => {
    // 25 Oct 2026, Berlin: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET)
    expect(fromWallTime('2026-10-25T02:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // 8 Mar 2026, New York: 02:30 never happens; 03:30 EDT does
    expect(fromWallTime('2026-03-08T02:30', 'America/New_York')?.toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('refuses what is not a wall time', () => {
    expect(fromWallTime('2026-02-31T10:00', 'UTC')).toBeNull();
    expect(fromWallTime('05/12/2026', 'UTC')).toBeNull();
    expect(fromWallTime('2026-12-05T25:00', 'UTC')).toBeNull();
  });
});

describe('exports', () => {
  it('write ISO 8601 in UTC whatever the zone', () => {
    expect(isoUtc(new Date(WINTER))).toBe(WINTER);
    expect(isoUtc('nonsense')).toBe('');
  });
});

describe('splitInstants', () => {
  it('finds the instants written into a message', () => {
    expect(splitInstants('retry 2 of 3 at 2026-12-05T14:06:45.218Z (timeout)')).toEqual([
      { text: 'retry 2 of 3 at ' },
      { instant: '2026-12-05T14:06:45.218Z' },
      { text: ' (timeout)' },
    ]);
    expect(splitInstants('from 2026-12-05T14:06+01:00 to 2026-12-05T15:00:00Z')).toEqual([
      { text: 'from ' },
      { instant: '2026-12-05T14:06+01:00' },
      { text: ' to ' },
      { instant: '2026-12-05T15:00:00Z' },
    ]);
    expect(splitInstants('no time here, order 2026-12')).toEqual([
      { text: 'no time here, order 2026-12' },
    ]);
  });
});
