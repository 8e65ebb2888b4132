// Which version a rollback returns to: the one that was active before the current one. The audit
// log is the record of activations (append-only, written in the same transaction as each switch),
// so the history is replayed from it: an activation pushes a version, a rollback pops one. Pure.

export interface ActivationRecord {
  action: 'mapping.activated' | 'mapping.rolled_back';
  before: number | null;
  after: number | null;
}

/**
 * The version to roll back to, or null when nothing was active before the current one. When the
 * log does not end at the current version (it was set outside the console, e.g. by the seed), the
 * highest existing version below the current one is the best honest answer.
 */
export function rollbackTarget(
  history: readonly ActivationRecord[],
  current: number,
  existing: readonly number[],
): number | null {
  const stack: number[] = [];
  for (const record of history) {
    // The first switch names what was active before the log began (the seeded version 1).
    if (stack.length === 0 && record.before !== null) stack.push(record.before);
    if (record.action === 'mapping.activated') {
      if (record.after !== null) stack.push(record.after);
    } else {
      stack.pop();
      if (record.after !== null && stack.at(-1) !== record.after) stack.push(record.after);
    }
  }
  if (stack.at(-1) === current) {
    const previous = stack.at(-2);
    return previous !== undefined && existing.includes(previous) ? previous : null;
  }
  const lower = existing.filter((v) => v < current);
  return lower.length === 0 ? null : Math.max(...lower);
}
