import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveIdempotencyKey } from './idempotency';

const FLOW = '5f0c3a1e-7d2b-4e8f-9a6c-1b2d3e4f5a6b';
const EVENT = 'order.paid';
const OBJECT = '820982911946154500';

describe('deriveIdempotencyKey', () => {
  it('is deterministic', () => {
    expect(deriveIdempotencyKey(FLOW, EVENT, OBJECT)).toBe(
      deriveIdempotencyKey(FLOW, EVENT, OBJECT),
    );
  });

  it('is wb_ followed by the first 32 base64url chars of sha256(JSON [flow, event, object])', () => {
    const digest = createHash('sha256')
      .update(JSON.stringify([FLOW, EVENT, OBJECT]))
      .digest('base64url');
    expect(deriveIdempotencyKey(FLOW, EVENT, OBJECT)).toBe(`wb_${digest.slice(0, 32)}`);
  });

  it('cannot be forged by moving a separator between fields', () => {
    expect(deriveIdempotencyKey('a\nb', 'c', 'd')).not.toBe(deriveIdempotencyKey('a', 'b\nc', 'd'));
    expect(deriveIdempotencyKey('a', 'b', 'c')).not.toBe(deriveIdempotencyKey('a","b', '', 'c'));
  });

  it.each([
    [FLOW, EVENT, OBJECT],
    ['', '', ''],
    ['flow', 'évènement/ünïcode', '💥'],
    ['a'.repeat(1000), 'b'.repeat(1000), 'c'.repeat(1000)],
  ])('has format wb_ + 32 url-safe chars for (%s, %s, %s)', (flow, event, object) => {
    expect(deriveIdempotencyKey(flow, event, object)).toMatch(/^wb_[A-Za-z0-9_-]{32}$/);
  });

  it.each([
    ['flow', ['6f0c3a1e-7d2b-4e8f-9a6c-1b2d3e4f5a6b', EVENT, OBJECT]],
    ['event type', [FLOW, 'order.created', OBJECT]],
    ['source object', [FLOW, EVENT, '820982911946154501']],
  ] as const)('differs when the %s differs', (_label, [flow, event, object]) => {
    expect(deriveIdempotencyKey(flow, event, object)).not.toBe(
      deriveIdempotencyKey(FLOW, EVENT, OBJECT),
    );
  });

  it('does not collide when a value moves across the field boundary', () => {
    expect(deriveIdempotencyKey('ab', 'c', 'd')).not.toBe(deriveIdempotencyKey('a', 'bc', 'd'));
    expect(deriveIdempotencyKey('a', 'b', 'cd')).not.toBe(deriveIdempotencyKey('a', 'bc', 'd'));
  });

  it('gives distinct keys for many distinct source objects', () => {
    const keys = new Set(
      Array.from({ length: 1000 }, (_, i) => deriveIdempotencyKey(FLOW, EVENT, String(i))),
    );
    expect(keys.size).toBe(1000);
  });
});
