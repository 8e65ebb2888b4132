import { describe, expect, expectTypeOf, it } from 'vitest';
import { Role } from '@/lib/db';
import { PERMISSIONS, ROLES, can, type Permission, type Role as BaseRole } from './permissions';

// The expected matrix, written out from the product spec: Y = allowed, - = refused.
//                                 admin support finance viewer
const TABLE: Record<Permission, readonly ['Y' | '-', 'Y' | '-', 'Y' | '-', 'Y' | '-']> = {
  'transactions.read': ['Y', 'Y', 'Y', 'Y'],
  'transactions.replay': ['Y', 'Y', '-', '-'],
  'transactions.resolve': ['Y', 'Y', '-', '-'],
  'transactions.cancel': ['Y', 'Y', '-', '-'],
  'transactions.note': ['Y', 'Y', 'Y', '-'],
  'inbound.read': ['Y', 'Y', 'Y', 'Y'],
  'personal_data.read': ['Y', 'Y', 'Y', '-'],
  'flows.pause': ['Y', 'Y', '-', '-'],
  'connections.pause': ['Y', 'Y', '-', '-'],
  'connections.manage': ['Y', '-', '-', '-'],
  'mappings.read': ['Y', 'Y', '-', '-'],
  'mappings.manage': ['Y', '-', '-', '-'],
  'reconciliation.run': ['Y', '-', 'Y', '-'],
  'drift.resolve': ['Y', '-', 'Y', '-'],
  'exports.download': ['Y', '-', 'Y', '-'],
  'audit.read': ['Y', '-', 'Y', '-'],
  'personal_data.reveal': ['Y', '-', '-', '-'],
  'personal_data.erase': ['Y', '-', '-', '-'],
  'members.manage': ['Y', '-', '-', '-'],
  'tokens.manage': ['Y', '-', '-', '-'],
  'settings.manage': ['Y', '-', '-', '-'],
};
const COLUMNS = ['admin', 'support', 'finance', 'viewer'] as const;

const cells = (Object.keys(TABLE) as Permission[]).flatMap((permission) =>
  COLUMNS.map((role, i) => ({ role, permission, allowed: TABLE[permission][i] === 'Y' })),
);

describe('permission matrix', () => {
  it('lists exactly the permissions of the expected table (a new permission must be added here)', () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(TABLE).sort());
  });

  it('covers exactly the database roles', () => {
    expectTypeOf<BaseRole>().toEqualTypeOf<Role>();
    expect([...ROLES].sort()).toEqual(Object.values(Role).sort());
    expect([...COLUMNS].sort()).toEqual(Object.values(Role).sort());
  });

  it.each(cells.filter((c) => c.allowed))('$role may $permission', ({ role, permission }) => {
    expect(can(role, permission)).toBe(true);
  });

  it.each(cells.filter((c) => !c.allowed))('$role may not $permission', ({ role, permission }) => {
    expect(can(role, permission)).toBe(false);
  });
});

describe('per role summary', () => {
  const granted = (role: Role) => PERMISSIONS.filter((p) => can(role, p)).sort();

  it('viewer only reads transactions and inbound events', () => {
    expect(granted('viewer')).toEqual(['inbound.read', 'transactions.read']);
  });

  it('finance reads, notes, reconciles and exports', () => {
    expect(granted('finance')).toEqual([
      'audit.read',
      'drift.resolve',
      'exports.download',
      'inbound.read',
      'personal_data.read',
      'reconciliation.run',
      'transactions.note',
      'transactions.read',
    ]);
  });

  it('support operates transactions, pauses flows and connections, reads mappings', () => {
    expect(granted('support')).toEqual([
      'connections.pause',
      'flows.pause',
      'inbound.read',
      'mappings.read',
      'personal_data.read',
      'transactions.cancel',
      'transactions.note',
      'transactions.read',
      'transactions.replay',
      'transactions.resolve',
    ]);
  });

  it('admin has every permission', () => {
    expect(granted('admin')).toEqual([...PERMISSIONS].sort());
  });
});
