import { describe, expect, it } from 'vitest';
import { currentHref, groupNav, matchPages, type NavItem } from './nav-items';

const items: NavItem[] = [
  { href: '/', label: 'Overview', group: 'Operate' },
  { href: '/transactions', label: 'Transactions', group: 'Operate' },
  { href: '/reconciliation', label: 'Reconciliation', group: 'Finance' },
  { href: '/settings', label: 'Settings', group: 'Admin' },
  { href: '/settings/users', label: 'Users', group: 'Admin' },
];

describe('groupNav', () => {
  it('keeps the job order and leaves out empty groups', () => {
    const groups = groupNav([items[3]!, items[0]!, items[2]!]);
    expect(groups.map((g) => g.name)).toEqual(['Operate', 'Finance', 'Admin']);
  });
});

describe('currentHref', () => {
  it('marks the overview only on the root', () => {
    expect(currentHref('/', items)).toBe('/');
    expect(currentHref('/transactions', items)).toBe('/transactions');
  });
  it('marks the parent item on a page below it, and the longest match wins', () => {
    expect(currentHref('/transactions/0193abc', items)).toBe('/transactions');
    expect(currentHref('/settings/users', items)).toBe('/settings/users');
    expect(currentHref('/settings/tokens', items)).toBe('/settings');
  });
  it('marks nothing for a page outside the navigation or a mere prefix', () => {
    expect(currentHref('/orders/1047', items)).toBeNull();
    expect(currentHref('/transactionsx', items)).toBeNull();
  });
});

describe('matchPages', () => {
  it('finds pages by part of their name or group, every word counting', () => {
    expect(matchPages('rec', items).map((i) => i.label)).toEqual(['Reconciliation']);
    expect(matchPages('admin users', items).map((i) => i.label)).toEqual(['Users']);
    expect(matchPages('TRANS', items).map((i) => i.label)).toEqual(['Transactions']);
  });
  it('offers nothing for an empty query or an order number', () => {
    expect(matchPages('  ', items)).toEqual([]);
    expect(matchPages('1047', items)).toEqual([]);
  });
});
