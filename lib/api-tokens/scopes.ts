// What a token may be issued with: a non-empty subset of the permission matrix, no repeats. The
// console groups them by their area ("transactions", "connections", ...) for the checkboxes.
import { z } from 'zod';
import { PERMISSIONS, type Permission } from '@/lib/base/permissions';

export const scopesSchema = z
  .array(z.enum(PERMISSIONS as [Permission, ...Permission[]], 'unknown scope'))
  .min(1, 'choose at least one scope')
  .transform((scopes) => PERMISSIONS.filter((p) => scopes.includes(p)));

export interface ScopeGroup {
  area: string;
  scopes: Permission[];
}

/** Permissions grouped by the part before the dot, in the matrix's order. */
export function scopeGroups(): ScopeGroup[] {
  const groups = new Map<string, Permission[]>();
  for (const permission of PERMISSIONS) {
    const area = permission.split('.')[0] ?? permission;
    groups.set(area, [...(groups.get(area) ?? []), permission]);
  }
  return [...groups].map(([area, scopes]) => ({ area, scopes }));
}
