// One way to write a moment for people: "5 Dec 2026, 14:06:40 CET", always in the viewer's zone and
// always labelled, so a time read off a screen can be compared with another screen, a colleague's
// screen or a provider's log. Pure (the zone is an argument), so the server's render, the browser's
// hydration and the tests agree. Exports for machines use ISO 8601 in UTC instead (isoUtc).

/** Where the browser tells the server its zone (set client-side, read by server components). */
export const TIME_ZONE_COOKIE = 'wb_tz';
/** The zone when nothing else is known (first render before the browser said, a script). */
export const DEFAULT_TIME_ZONE = 'UTC';

type Instant = string | number | Date;

const toDate = (value: Instant): Date | null => {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

let supported: Set<string> | null = null;
/** Every zone a person may choose: UTC first, then the runtime's IANA list. */
export function listTimeZones(): string[] {
  return [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf('timeZone')];
}

/**
 * The zone's canonical name, or null when it is not a zone this runtime knows. Browsers report
 * aliases the list leaves out ("Asia/Kolkata" where the list has "Asia/Calcutta", "Etc/UTC"), so an
 * alias counts when Intl resolves it to a listed zone.
 */
export function canonicalTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return null;
  supported ??= new Set(listTimeZones());
  if (supported.has(value)) return value;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    if (supported.has(resolved)) return resolved;
    if (/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(resolved)) return DEFAULT_TIME_ZONE;
    return null;
  } catch {
    return null; // RangeError: not a zone at all
  }
}

// Building an Intl.DateTimeFormat costs far more than using one: one per zone and shape.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(locale: string, zone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formats.set(key, f);
  }
  return f;
}

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/**
 * The zone's abbreviation at that moment ("CET", "EST", "BST"), else its offset ("GMT+9").
 * English locales know different abbreviations (en-US the American ones, en-GB the European),
 * so both are asked before settling for the offset.
 */
export function zoneLabel(value: Instant, zone: string): string {
  const d = toDate(value) ?? new Date(0);
  let fallback = '';
  for (const locale of ['en-US', 'en-GB']) {
    const name = formatFor(locale, zone, { timeZoneName: 'short' })
      .formatToParts(d)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (!name) continue;
    if (!/^GMT[+-]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback || zone;
}

export interface DateTimeOptions {
  /** 'minute' leaves the seconds out (windows, schedules); 'second' is the default */
  precision?: 'second' | 'minute';
  /** false leaves the zone label out, for a time printed right beside a labelled one */
  label?: boolean;
}

/** "5 Dec 2026, 14:06:40 CET"; "—" for a value that is not a time. */
export function formatDateTime(
  value: Instant,
  zone: string,
  options: DateTimeOptions = {},
): string {
  const d = toDate(value);
  if (!d) return '—';
  const shape = options.precision === 'minute' ? TIME : { ...TIME, second: '2-digit' as const };
  const text = `${formatFor('en-GB', zone, DATE).format(d)}, ${formatFor('en-GB', zone, shape).format(d)}`;
  return options.label === false ? text : `${text} ${zoneLabel(d, zone)}`;
}

/** "5 Dec 2026": the calendar day in the zone. */
export function formatDate(value: Instant, zone: string): string {
  const d = toDate(value);
  return d ? formatFor('en-GB', zone, DATE).format(d) : '—';
}

/** "45 s", "3 min", "2 h 5 min", "3 d 4 h": a duration at a glance. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "just now", "3 min ago", "in 2 h": how far `value` is from `now`. Zone-free. */
export function formatRelative(value: Instant, now: Instant): string {
  const d = toDate(value);
  const n = toDate(now);
  if (!d || !n) return '—';
  const seconds = Math.round((n.getTime() - d.getTime()) / 1000);
  if (Math.abs(seconds) < 5) return 'just now';
  return seconds > 0 ? `${formatDuration(seconds)} ago` : `in ${formatDuration(-seconds)}`;
}

/** "2026-12-05T13:06:40.218Z": the one shape of time in exports and APIs. */
export function isoUtc(value: Instant): string {
  return toDate(value)?.toISOString() ?? '';
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallParts(d: Date, zone: string): WallParts {
  const parts = formatFor('en-US', zone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const n = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour'),
    minute: n('minute'),
    second: n('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
export function zoneOffsetMs(value: Instant, zone: string): number {
  const d = toDate(value);
  if (!d) return 0;
  const w = wallParts(d, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(d.getTime() / 1000) * 1000;
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The instant as the zone's wall time, in the shape <input type="datetime-local"> takes. */
export function toWallTime(value: Instant | null, zone: string): string {
  const d = value === null ? null : toDate(value);
  if (!d) return '';
  const w = wallParts(d, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The zone's calendar day of the instant, "2026-12-05" (<input type="date">). */
export function toWallDate(value: Instant, zone: string): string {
  return toWallTime(value, zone).slice(0, 10);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A wall time typed in the zone ("2026-12-05T09:30" or a day "2026-12-05", its midnight) as the
 * instant it names. A time skipped by a clock change (02:30 on a spring-forward night) becomes the
 * instant after the gap; a time that happens twice takes the first. Null when not a wall time.
 */
export function fromWallTime(local: string, zone: string): Date | null {
  const m = WALL.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(asUtc).getUTCDate() !== day) return null; // 31 February
  // The wall time read with the offsets in force a day either side and at the guess itself: every
  // reading that really shows this wall time in the zone is a candidate, the first one wins.
  const offsets = [asUtc - DAY_MS, asUtc, asUtc + DAY_MS].map((t) => zoneOffsetMs(t, zone));
  const candidates = [...new Set(offsets.map((o) => asUtc - o))].sort((a, b) => a - b);
  const shows = (t: number) => {
    const w = wallParts(new Date(t), zone);
    return (
      w.year === year &&
      w.month === month &&
      w.day === day &&
      w.hour === hour &&
      w.minute === minute &&
      w.second === second
    );
  };
  const exact = candidates.find(shows);
  // None shows it: the clock skipped it; the later reading lands just after the gap.
  return new Date(exact ?? candidates[candidates.length - 1] ?? asUtc);
}

const ISO_INSTANT =
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})/g;

export type TextPiece = { text: string } | { instant: string };

/**
 * A message split around the ISO instants written into it ("retry at 2026-12-05T14:06:45.218Z"),
 * so each can be shown like every other time on the page.
 */
export function splitInstants(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(ISO_INSTANT)) {
    if (!toDate(m[0])) continue;
    if (m.index > last) pieces.push({ text: text.slice(last, m.index) });
    pieces.push({ instant: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
