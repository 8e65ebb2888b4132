import { describe, expect, it } from 'vitest';
import { uuid7 } from './uuid7';

describe('uuid7', () => {
  it('has version 7 and the RFC variant', () => {
    expect(uuid7()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('carries the millisecond timestamp in its first 48 bits, so ids sort by time', () => {
    const at = Date.UTC(2026, 10, 22, 12, 0, 0, 123);
    expect(parseInt(uuid7(at).replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(uuid7(at) < uuid7(at + 1)).toBe(true);
  });

  it('differs between calls in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuid7(1_800_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});
