import { describe, expect, it } from 'vitest';
import {
  AUDIT_OBJECT_TYPES,
  auditFilterParams,
  decodeAuditCursor,
  encodeAuditCursor,
  parseAuditFilter,
  readAuditFilter,
} from './audit-filter';

describe('audit filter', () => {
  it('reads every field and writes the same URL back', () => {
    const raw = {
      actor: 'Ada Admin',
      action: 'transaction.replayed,token.issued',
      objectType: 'transaction',
      objectId: 'tx-1',
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
      cursor: encodeAuditCursor(40),
      limit: '20',
    };
    const filter = parseAuditFilter(raw);
    expect(filter).toEqual({
      actor: 'Ada Admin',
      actions: ['transaction.replayed', 'token.issued'],
      objectType: 'transaction',
      objectId: 'tx-1',
      from: new Date(raw.from),
      to: new Date(raw.to),
      cursor: raw.cursor,
      limit: 20,
    });
    expect(Object.fromEntries(auditFilterParams(filter))).toEqual(raw);
    expect(auditFilterParams(filter, { cursor: null }).map(([k]) => k)).not.toContain('cursor');
  });

  it('takes repeated actions and drops blanks', () => {
    expect(parseAuditFilter({ action: ['token.issued', 'token.revoked'], actor: '  ' })).toEqual({
      actions: ['token.issued', 'token.revoked'],
      limit: 50,
    });
  });

  it.each([
    [{ action: 'token.stolen' }],
    [{ objectType: 'spaceship' }],
    [{ cursor: 'garbage' }],
    [{ from: 'yesterday' }],
    [{ limit: '1000' }],
    [{ from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00Z' }],
    [{ actor: 'x'.repeat(201) }],
  ])('refuses %j strictly', (raw) => {
    expect(() => parseAuditFilter(raw)).toThrow();
  });

  it('leniently drops only what it cannot read', () => {
    expect(
      readAuditFilter({ action: 'token.stolen,token.issued', cursor: 'garbage', actor: 'Ada' }),
    ).toEqual({ actor: 'Ada', actions: ['token.issued'], limit: 50 });
  });

  it('round-trips cursors and refuses anything else', () => {
    expect(decodeAuditCursor(encodeAuditCursor(1234))).toBe(1234);
    expect(decodeAuditCursor(Buffer.from('seq:abc').toString('base64url'))).toBeNull();
    expect(decodeAuditCursor(undefined)).toBeNull();
  });

  it('knows the object types events name', () => {
    expect(AUDIT_OBJECT_TYPES).toEqual(expect.arrayContaining(['connection', 'export', 'flow']));
  });
});
