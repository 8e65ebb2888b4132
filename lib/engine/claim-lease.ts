// A batch's hold on the rows it claimed, and the fence every provider request passes first.
//
// A claim is a lease: if the process holding it stalls past the lease (an event loop blocked, a
// renewal held up), the row comes due and another worker may claim it and send it. The claim count
// a claim returns is its token: every claim increments it, so a row claimed since carries a higher
// one. The lease is renewed only where the token still matches (claim.ts), and right before each
// request the batch checks its hold: within the lease as last renewed, nothing to ask; past it, the
// row is renewed under the token in one statement, and if another claim took it meanwhile the
// request is not sent (the new holder sends it). So a stalled worker never sends a row another
// has claimed, whatever its clock did meanwhile.
//
// Lanes of one process share one map of the rows being sent and their tokens: a lane that claims a
// row another lane of this process is still sending leaves it to that lane and hands it the new
// token, so the sending lane's hold stays valid (the process holds the row either way).
import { extendClaims, type Claim, type HeldClaim } from './claim';
import type { Db } from '@/lib/db';

/** Rows this process has claimed and not yet settled, over every drain and lane: their tokens. */
const sending = new Map<string, number>();

/** Whether a lane of this process is sending the row; if so it takes the newer token. */
export function adoptIfSending(claim: Claim): boolean {
  if (!sending.has(claim.transactionId)) return false;
  sending.set(claim.transactionId, claim.claims);
  return true;
}

/** A request past its lease renews the hold first; this far before the lease ends it is renewed too. */
const MARGIN_MS = 250;

export interface BatchHold {
  /** resolves true when this batch may send the row's request now (renewing the hold if needed) */
  fence(transactionId: string): Promise<boolean>;
  /** the row's token as it stands now (a lane of this process may have handed it a newer one) */
  token(transactionId: string): number;
  /**
   * Stops renewing the batch's rows, once a renewal already on its way has finished: called when
   * its requests are done, before it settles. The settle's statements lock the same outbox rows
   * in their own order; a renewal running beside them could deadlock with them, and PostgreSQL
   * would then cancel one, possibly the settle.
   */
  release(): Promise<void>;
}

interface HoldDeps {
  db: Db;
  leaseMs: number;
  log: { warn(details: Record<string, unknown>, message: string): void };
}

/**
 * Runs `work` holding `claims` (claimed by a statement sent at `claimedAt`): renews their lease
 * every third of it (fenced by token) and gives `work` the fence its requests pass. A row whose
 * renewal finds another token is lost to this batch: its fence answers false from then on.
 */
export async function holdClaims<T>(
  deps: HoldDeps,
  claims: readonly Claim[],
  claimedAt: number,
  work: (hold: BatchHold) => Promise<T>,
): Promise<T> {
  for (const c of claims) sending.set(c.transactionId, c.claims);
  // until when each row is known held (the clock read before the statement that set it was sent)
  const heldUntil = new Map(claims.map((c) => [c.transactionId, claimedAt + deps.leaseMs]));
  // every row of the batch is in `sending` until the hold ends
  const token = (transactionId: string) => sending.get(transactionId) ?? 0;
  const held = (transactionId: string): HeldClaim => ({
    transactionId,
    claims: token(transactionId),
  });
  const renew = async (rows: readonly HeldClaim[]) => {
    const at = Date.now();
    const kept = await extendClaims(deps.db, rows, deps.leaseMs);
    for (const h of rows)
      heldUntil.set(h.transactionId, kept.has(h.transactionId) ? at + deps.leaseMs : 0);
    return kept;
  };
  /** the periodic renewal on its way, if one is */
  let renewing: Promise<unknown> | undefined;
  const timer = setInterval(
    () => {
      if (renewing) return;
      const live = [...heldUntil].filter(([, until]) => until > 0).map(([id]) => held(id));
      renewing = renew(live)
        .catch((error: unknown) =>
          deps.log.warn({ err: error }, 'could not extend a dispatch lease'),
        )
        .finally(() => (renewing = undefined));
    },
    Math.max(250, Math.floor(deps.leaseMs / 3)),
  );
  const hold: BatchHold = {
    async fence(transactionId) {
      const until = heldUntil.get(transactionId) ?? 0;
      if (until === 0) return false;
      if (Date.now() < until - Math.min(MARGIN_MS, deps.leaseMs / 4)) return true;
      return (await renew([held(transactionId)])).has(transactionId);
    },
    token,
    async release() {
      clearInterval(timer);
      await renewing;
    },
  };
  try {
    return await work(hold);
  } finally {
    clearInterval(timer);
    for (const c of claims) sending.delete(c.transactionId);
  }
}
