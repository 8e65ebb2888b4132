import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@/lib/base/permissions';
import { issueApiTokenSchema } from './issue-api-token';
import { scopeGroups, scopesSchema } from './scopes';

describe('token scopes', () => {
  it('accept a subset of the permission matrix, deduplicated in the matrix order', () => {
    expect(
      scopesSchema.parse(['transactions.replay', 'transactions.read', 'transactions.read']),
    ).toEqual(['transactions.read', 'transactions.replay']);
  });

  it('refuse an unknown scope and an empty list', () => {
    expect(scopesSchema.safeParse(['transactions.read', 'root']).success).toBe(false);
    expect(scopesSchema.safeParse([]).error?.issues[0]?.message).toBe('choose at least one scope');
  });

  it('are grouped by area, every permission exactly once', () => {
    const groups = scopeGroups();
    expect(groups.flatMap((g) => g.scopes).sort()).toEqual([...PERMISSIONS].sort());
    expect(groups.find((g) => g.area === 'transactions')?.scopes).toContain('transactions.replay');
  });
});

describe('issue input', () => {
  it('needs a name and an expiry in whole days (the tenant maximum is checked at issue)', () => {
    const ok = issueApiTokenSchema.safeParse({
      name: ' CI ',
      scopes: ['transactions.read'],
      expiry: '90',
    });
    expect(ok.data?.name).toBe('CI');
    expect(
      issueApiTokenSchema.safeParse({ name: ' ', scopes: ['transactions.read'], expiry: '90' })
        .success,
    ).toBe(false);
    const expiry = (value: unknown) =>
      issueApiTokenSchema.safeParse({ name: 'x', scopes: ['transactions.read'], expiry: value });
    expect(expiry('365').data?.expiry).toBe(365);
    expect(expiry('never').data?.expiry).toBe('never');
    for (const bad of ['0', '-3', '1.5', 'soon', '', undefined])
      expect(expiry(bad).success, String(bad)).toBe(false);
  });
});
