import { describe, expect, it } from 'vitest';
import {
  EXPUNGED_TEXT_PREFIX,
  describeExpunged,
  expungedMarker,
  expungedText,
  isExpungedMarker,
  retentionCutoff,
  retentionRule,
} from './payload-marker';

const NOW = new Date('2026-12-06T10:15:00.000Z');

describe('retention cutoff', () => {
  it('is exactly N days of 24 hours before now', () => {
    expect(retentionCutoff(NOW, 30).toISOString()).toBe('2026-11-06T10:15:00.000Z');
    expect(retentionCutoff(NOW, 1).toISOString()).toBe('2026-12-05T10:15:00.000Z');
  });

  it('refuses days outside 1..3650 or not whole', () => {
    for (const days of [0, -1, 3651, 1.5, Number.NaN])
      expect(() => retentionCutoff(NOW, days)).toThrow(RangeError);
    expect(retentionCutoff(NOW, 3650).getTime()).toBe(NOW.getTime() - 3650 * 86_400_000);
  });
});

describe('the marker', () => {
  it('names the UTC day and the rule', () => {
    expect(expungedMarker(NOW, 30)).toEqual({
      expunged: '2026-12-06',
      rule: 'retention: payloads older than 30 days',
    });
    expect(retentionRule(1)).toBe('retention: payloads older than 1 day');
    // the UTC day, not the server's local one
    expect(expungedMarker(new Date('2026-12-06T23:59:59.999Z'), 7).expunged).toBe('2026-12-06');
  });

  it('as text starts with the prefix the SQL skips on, and parses back to itself', () => {
    const marker = expungedMarker(NOW, 30);
    const text = expungedText(marker);
    expect(text.startsWith(EXPUNGED_TEXT_PREFIX)).toBe(true);
    expect(JSON.parse(text)).toEqual(marker);
    // key order is fixed even when the object was built the other way round
    expect(expungedText({ rule: marker.rule, expunged: marker.expunged })).toBe(text);
  });

  it('is recognised, and ordinary bodies are not', () => {
    expect(isExpungedMarker(expungedMarker(NOW, 30))).toBe(true);
    expect(isExpungedMarker(JSON.parse(expungedText(expungedMarker(NOW, 9))))).toBe(true);
    for (const other of [
      null,
      'expunged',
      ['expunged'],
      { expunged: '2026-12-06' },
      { expunged: 'yesterday', rule: 'x' },
      { expunged: '2026-12-06', rule: 'x', order: 1047 },
      { order_number: 1047, email: 'a@example.com' },
    ])
      expect(isExpungedMarker(other)).toBe(false);
  });

  it('reads in words', () => {
    expect(describeExpunged(expungedMarker(NOW, 30))).toBe(
      'Removed on 2026-12-06 (retention: payloads older than 30 days). The facts of this step stay on the timeline.',
    );
  });
});
