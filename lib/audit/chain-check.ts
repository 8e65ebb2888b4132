// The pure part of verify: walks stored audit rows in seq order and says which ones were modified,
// inserted or deleted, blaming only the tampered rows (never their untouched neighbours). It sees
// two rows ahead, so it can run over pages of any size without holding the whole log.
//
// How a tampered row looks, given that every genuine entry's prevHash is the hash of the entry
// written just before it and its hash is chainHash(prevHash, content):
// - modified: its content no longer hashes to its stored hash (the next entry still links to that
//   hash); or its hash was recomputed too, and then the next entry links to a hash no row has.
// - deleted: a gap in seq, and the entry after the gap links to a hash no row has.
// - inserted: the entry after it links past it to its predecessor, or its seq repeats or goes
//   back, or it neither links nor hashes and nothing links to it.
// Limits (said in the result too): deleting the newest entries, or rewriting an entry and
// recomputing every later hash, leaves a chain that checks out on its own. Only a head exported
// earlier (the anchor) reveals that.
import { GENESIS_HASH, chainHash, type ChainedContent } from './chain';

export interface StoredAuditRow extends ChainedContent {
  /** the row's primary key (bigint as text) */
  id: string;
  prevHash: string;
  hash: string;
}

export type ChainProblem =
  | { kind: 'modified'; seq: number; entryId: string; message: string }
  | { kind: 'inserted'; seq: number; entryId: string; message: string }
  | { kind: 'deleted'; range: { from: number; to: number }; message: string };

export interface ChainAnchor {
  seq: number;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface ChainCheckResult {
  ok: boolean;
  /** rows read */
  checked: number;
  /** the newest entry that belongs to the chain: export it to compare with later */
  head: ChainHead | null;
  problems: ChainProblem[];
  /** whether a head exported earlier was given and still matches */
  anchor: { seq: number; matched: boolean } | null;
}

/** Exactly the fields that were hashed (a row carries id, prevHash and hash besides). */
export function contentOf(row: StoredAuditRow): ChainedContent {
  return {
    tenantId: row.tenantId,
    seq: row.seq,
    actorUserId: row.actorUserId,
    actorTokenId: row.actorTokenId,
    actorLabel: row.actorLabel,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    reason: row.reason,
    requestId: row.requestId,
    before: row.before,
    after: row.after,
    createdAt: row.createdAt,
  };
}

const entries = (from: number, to: number) =>
  from === to ? `Entry #${from} is` : `Entries #${from} to #${to} (${to - from + 1}) are`;

export function createChainChecker(options: { anchor?: ChainAnchor | null } = {}) {
  const anchor = options.anchor ?? null;
  const problems: ChainProblem[] = [];
  const reported = new Set<string>();
  const window: StoredAuditRow[] = [];
  const selfHashes = new WeakMap<StoredAuditRow, boolean>();
  let prev: { seq: number; hash: string; id: string | null } = {
    seq: 0,
    hash: GENESIS_HASH,
    id: null,
  };
  let checked = 0;
  let anchored: { hash: string; id: string } | null = null;

  const report = (problem: ChainProblem) => {
    const key =
      problem.kind === 'deleted' ? `d:${problem.range.from}` : `${problem.kind}:${problem.entryId}`;
    if (reported.has(key)) return;
    reported.add(key);
    problems.push(problem);
  };
  const selfOk = (row: StoredAuditRow) => {
    let ok = selfHashes.get(row);
    if (ok === undefined) {
      ok = chainHash(row.prevHash, contentOf(row)) === row.hash;
      selfHashes.set(row, ok);
    }
    return ok;
  };
  const modified = (row: { seq: number; id: string }, message: string) =>
    report({ kind: 'modified', seq: row.seq, entryId: row.id, message });
  const inserted = (row: StoredAuditRow, message: string) =>
    report({ kind: 'inserted', seq: row.seq, entryId: row.id, message });
  const accept = (row: StoredAuditRow) => {
    prev = { seq: row.seq, hash: row.hash, id: row.id };
    if (anchor && row.seq === anchor.seq) anchored = { hash: row.hash, id: row.id };
  };

  function decide(r: StoredAuditRow, s: StoredAuditRow | undefined, t: StoredAuditRow | undefined) {
    const expected = prev.seq + 1;
    const links = (x: StoredAuditRow) => x.prevHash === prev.hash;
    const forward = s !== undefined && s.prevHash === r.hash;
    // 1. The next entry links straight to the last good one: one of the two is an intruder.
    if (s && links(s) && !forward) {
      // Both claim the same predecessor: the one the chain continues from, at the right number
      // and hashing correctly, is genuine; a tie keeps r.
      const score = (x: StoredAuditRow) =>
        (x.seq === expected ? 1 : 0) + (selfOk(x) ? 1 : 0) + (t?.prevHash === x.hash ? 4 : 0);
      if (!links(r) || score(s) > score(r)) {
        inserted(
          r,
          `Entry #${r.seq} was added outside the application: the entry after it is chained to ${
            prev.id ? `entry #${prev.seq}` : 'the start of the log'
          }, not to it.`,
        );
        return;
      }
    }
    if (links(r)) {
      if (r.seq !== expected)
        modified(r, `Entry #${r.seq} was renumbered: it was written as #${expected}.`);
      else if (!selfOk(r))
        modified(
          r,
          `Entry #${r.seq} was changed after it was written: its content no longer matches its hash.`,
        );
      accept(r);
      return;
    }
    if (r.seq < expected) {
      inserted(
        r,
        `Entry #${r.seq} was added outside the application: its number repeats or goes back (the log was at #${prev.seq}).`,
      );
      return;
    }
    if (r.seq > expected) {
      if (!selfOk(r) && !forward) {
        // Neither hashes nor is linked to by anything: not an entry of this chain.
        inserted(
          r,
          `Entry #${r.seq} was added outside the application: it is not chained to any entry.`,
        );
        return;
      }
      report({
        kind: 'deleted',
        range: { from: expected, to: r.seq - 1 },
        message: `${entries(expected, r.seq - 1)} missing: deleted from the database.`,
      });
      if (!selfOk(r))
        modified(
          r,
          `Entry #${r.seq} was changed after it was written: its content no longer matches its hash.`,
        );
      accept(r);
      return;
    }
    // Right number, wrong link.
    if (chainHash(prev.hash, contentOf(r)) === r.hash) {
      modified(
        r,
        `Entry #${r.seq} was changed after it was written: its link to the previous entry was altered.`,
      );
    } else if (selfOk(r)) {
      // r hashes over a predecessor we no longer have: that predecessor was rewritten, hash and all.
      if (prev.id === null)
        modified(
          r,
          `Entry #${r.seq} was rewritten: it is chained to an entry before the start of the log.`,
        );
      else
        modified(
          { seq: prev.seq, id: prev.id },
          `Entry #${prev.seq} was changed and its hash recomputed: entry #${r.seq} is chained to a different version of it.`,
        );
    } else if (forward) {
      modified(
        r,
        `Entry #${r.seq} was changed after it was written: neither its content nor its link match its hash.`,
      );
    } else {
      inserted(
        r,
        `Entry #${r.seq} was added outside the application: it is not chained to any entry.`,
      );
      return;
    }
    accept(r);
  }

  function step() {
    const [r, s, t] = window;
    if (!r) return;
    checked++;
    decide(r, s, t);
    window.shift();
  }

  return {
    /** rows in seq order (then id); any page size */
    push(row: StoredAuditRow) {
      window.push(row);
      while (window.length >= 3) step();
    },
    finish(): ChainCheckResult {
      while (window.length) step();
      let anchorResult: ChainCheckResult['anchor'] = null;
      if (anchor) {
        if (anchor.seq > prev.seq) {
          report({
            kind: 'deleted',
            range: { from: prev.seq + 1, to: anchor.seq },
            message: `${entries(prev.seq + 1, anchor.seq)} missing: the head you exported reached #${anchor.seq}, the log now ends at #${prev.seq}.`,
          });
          anchorResult = { seq: anchor.seq, matched: false };
        } else {
          const found = anchored;
          const matched = found?.hash === anchor.hash;
          anchorResult = { seq: anchor.seq, matched };
          if (found && !matched)
            report({
              kind: 'modified',
              seq: anchor.seq,
              entryId: found.id,
              message: `The log up to entry #${anchor.seq} was rewritten: its hash is no longer the one you exported (later hashes were recomputed to hide it).`,
            });
        }
      }
      return {
        ok: problems.length === 0,
        checked,
        head: prev.id === null ? null : { seq: prev.seq, hash: prev.hash },
        problems,
        anchor: anchorResult,
      };
    },
  };
}

/** The whole check over rows already in memory (tests, small logs). */
export function classifyChain(
  rows: readonly StoredAuditRow[],
  options: { anchor?: ChainAnchor | null } = {},
): ChainCheckResult {
  const checker = createChainChecker(options);
  for (const row of rows) checker.push(row);
  return checker.finish();
}
