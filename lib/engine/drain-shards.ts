// How a connection's concurrency is split between the shards of its drain and their lanes. A
// static split, exact by construction: shard s of S gets its share of maxConcurrency (the
// remainder goes to the first shards), and a shard's share is split the same way over at most
// DISPATCH_LANES lanes, each lane sending at most its cap at once. The caps of all lanes of all
// shards add up to maxConcurrency, never more, whichever workers run which shards, so no shared
// counter is needed. Chosen over a semaphore in Redis: that would let one busy shard borrow the
// slots of an idle one, but it needs leases (a killed worker's slots must come back), a round
// trip per batch and a way to wait for a slot; the split needs nothing. Its price: a shard whose
// share is 0 (more shards than maxConcurrency) idles, and while only some shards run, the
// connection runs below its limit. DRAIN_SHARDS is small (default 2) and every wake-up queues
// every shard, so both are rare.

/** Part `index` of `total` cut into `parts` as evenly as whole numbers allow (they add up). */
export function shareOf(total: number, parts: number, index: number): number {
  if (!Number.isInteger(total) || total < 0) throw new Error(`not a count: ${total}`);
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`not a number of parts: ${parts}`);
  if (!Number.isInteger(index) || index < 0 || index >= parts) return 0;
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

/**
 * The in-flight caps of the lanes shard `shard` (of `shards`) runs, for a connection that allows
 * `maxConcurrency` calls at once: one entry per lane, none 0, at most `lanes` of them. Empty when
 * the shard's share is 0 or the shard does not exist (a job left from a larger DRAIN_SHARDS): the
 * shard then does nothing.
 */
export function laneCaps(
  maxConcurrency: number,
  shards: number,
  shard: number,
  lanes: number,
): number[] {
  const share = shareOf(maxConcurrency, shards, shard);
  const used = Math.min(Math.max(1, Math.floor(lanes)), share);
  return Array.from({ length: used }, (_, lane) => shareOf(share, used, lane));
}
