import { describe, expect, it } from 'vitest';
import { LARGE_DB, largeDatabaseUrl } from './target';

describe('largeDatabaseUrl', () => {
  it('uses a database of its own on the server of DATABASE_URL', () => {
    expect(largeDatabaseUrl({ DATABASE_URL: 'postgresql://app:pw@db.internal:6543/waybill' })).toBe(
      `postgresql://app:pw@db.internal:6543/${LARGE_DB}`,
    );
  });

  it('defaults to local PostgreSQL', () => {
    expect(largeDatabaseUrl({})).toBe(`postgresql://postgres@127.0.0.1:5432/${LARGE_DB}`);
  });

  it('takes LARGE_DATABASE_URL as given', () => {
    const url = 'postgresql://postgres@127.0.0.1:5432/big';
    expect(largeDatabaseUrl({ LARGE_DATABASE_URL: url, DATABASE_URL: 'postgresql://x/y' })).toBe(
      url,
    );
  });
});
