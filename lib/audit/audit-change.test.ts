import { describe, expect, it } from 'vitest';
import { auditChanges, CHANGE_VALUE_LIMIT } from './audit-change';

describe('auditChanges', () => {
  it('lists each changed field with both values, following nested objects', () => {
    const before = { name: 'Warehouse', settings: { rateLimit: 5, region: 'eu' }, tags: ['a'] };
    const after = { name: 'Warehouse EU', settings: { rateLimit: 10, region: 'eu' }, tags: ['a'] };
    expect(auditChanges(before, after)).toEqual([
      { field: 'name', before: '"Warehouse"', after: '"Warehouse EU"' },
      { field: 'settings.rateLimit', before: '5', after: '10' },
    ]);
  });

  it('shows a created object as all after, a deleted one as all before', () => {
    expect(auditChanges(null, { name: 'Rule' })).toEqual([
      { field: 'name', before: null, after: '"Rule"' },
    ]);
    expect(auditChanges({ name: 'Rule' }, null)).toEqual([
      { field: 'name', before: '"Rule"', after: null },
    ]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it('cuts long values', () => {
    const [change] = auditChanges({ e: 'x' }, { e: 'y'.repeat(1000) });
    expect(change?.after).toHaveLength(CHANGE_VALUE_LIMIT);
    expect(change?.after?.endsWith('…')).toBe(true);
  });
});
