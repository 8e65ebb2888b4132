/**
 * A lookup in a constant table by a key that came from outside. `table[key]` would find
 * Object.prototype's members for keys like "constructor" or "valueOf" (a provider topic or status is
 * any string a sender chooses); only the table's own entries count.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
