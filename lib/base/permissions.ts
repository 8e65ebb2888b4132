// The permission matrix: the one place that says which role may do what. Pages, server actions
// and API routes all ask can(); tests walk it cell by cell.

/** The roles of a membership; the same set as the database's Role enum (permissions.test.ts). */
export const ROLES = ['admin', 'support', 'finance', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const MATRIX = {
  'transactions.read': ['admin', 'support', 'finance', 'viewer'],
  'transactions.replay': ['admin', 'support'],
  'transactions.resolve': ['admin', 'support'],
  'transactions.cancel': ['admin', 'support'],
  'transactions.note': ['admin', 'support', 'finance'],
  'inbound.read': ['admin', 'support', 'finance', 'viewer'],
  'personal_data.read': ['admin', 'support', 'finance'],
  'flows.pause': ['admin', 'support'],
  'connections.pause': ['admin', 'support'],
  'connections.manage': ['admin'],
  // flows and mapping versions: support reads them to explain a failure, only admins change them
  'mappings.read': ['admin', 'support'],
  'mappings.manage': ['admin'],
  'reconciliation.run': ['admin', 'finance'],
  'drift.resolve': ['admin', 'finance'],
  'exports.download': ['admin', 'finance'],
  'audit.read': ['admin', 'finance'],
  // an admin may see a payload unmasked, with a reason, and that reveal is audited
  'personal_data.reveal': ['admin'],
  // an admin may erase one customer's personal data on request (lib/erasure); irreversible, so it
  // is a scope of its own, not part of settings.manage
  'personal_data.erase': ['admin'],
  'members.manage': ['admin'],
  'tokens.manage': ['admin'],
  'settings.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof MATRIX;
export const PERMISSIONS = Object.keys(MATRIX) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (MATRIX[permission] as readonly Role[]).includes(role);
}
