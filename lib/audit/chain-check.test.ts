import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, chainHash } from './chain';
import { classifyChain, contentOf, createChainChecker, type StoredAuditRow } from './chain-check';

const TENANT = '0193a5c0-0000-7000-8000-000000000001';
const BOGUS = 'f'.repeat(64);
const BASE = Date.parse('2026-11-20T10:00:00.000Z');

/** A genuine chain of `n` entries, as recordAudit writes them. */
function chain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const row: StoredAuditRow = {
      id: String(100 + seq),
      tenantId: TENANT,
      seq,
      actorUserId: null,
      actorTokenId: null,
      actorLabel: `person ${seq % 3}`,
      action: 'connection.updated',
      objectType: 'connection',
      objectId: `c-${seq}`,
      reason: null,
      requestId: `req-${seq}`,
      before: { name: `old ${seq}` },
      after: { name: `new ${seq}`, nested: { b: 1, a: [seq] } },
      prevHash,
      hash: '',
      createdAt: new Date(BASE + seq * 1000),
    };
    row.hash = chainHash(prevHash, contentOf(row));
    rows.push(row);
    prevHash = row.hash;
  }
  return rows;
}

const at = (rows: StoredAuditRow[], seq: number) => {
  const row = rows.find((r) => r.seq === seq);
  if (!row) throw new Error(`no entry ${seq}`);
  return row;
};

/** Content edited in place, the stored hash left as it was. */
function edit(rows: StoredAuditRow[], seq: number) {
  at(rows, seq).after = { name: 'tampered' };
}

function remove(rows: StoredAuditRow[], ...seqs: number[]) {
  return rows.filter((r) => !seqs.includes(r.seq));
}

let nextForgedId = 900;

/** A forged row appended in storage order (a new, larger id), sorted into seq order like SQL. */
function insert(rows: StoredAuditRow[], fields: Partial<StoredAuditRow> & { seq: number }) {
  const forged: StoredAuditRow = {
    ...contentOf(at(chain(1), 1)),
    actorLabel: 'mallory',
    objectId: 'forged',
    id: String(nextForgedId++),
    prevHash: BOGUS,
    hash: BOGUS,
    ...fields,
  };
  return [...rows, forged].sort((a, b) => a.seq - b.seq || Number(a.id) - Number(b.id));
}

/** The problems as short strings, easy to compare exactly. */
function findings(rows: StoredAuditRow[], options?: Parameters<typeof classifyChain>[1]) {
  return classifyChain(rows, options).problems.map((p) =>
    p.kind === 'deleted' ? `deleted ${p.range.from}-${p.range.to}` : `${p.kind} ${p.seq}`,
  );
}

describe('classifyChain', () => {
  it('accepts an untouched chain and names its head', () => {
    const rows = chain(12);
    const result = classifyChain(rows);
    expect(result).toMatchObject({ ok: true, checked: 12, problems: [], anchor: null });
    expect(result.head).toEqual({ seq: 12, hash: at(rows, 12).hash });
    expect(classifyChain([])).toMatchObject({ ok: true, checked: 0, head: null });
  });

  it.each([1, 6, 12])('reports an edit of entry %i and nothing else', (seq) => {
    const rows = chain(12);
    edit(rows, seq);
    expect(findings(rows)).toEqual([`modified ${seq}`]);
  });

  it('reports an edited entry whose hash was recomputed (the next entry no longer links to it)', () => {
    const rows = chain(12);
    const row = at(rows, 5);
    row.reason = 'rewritten';
    row.hash = chainHash(row.prevHash, contentOf(row));
    expect(findings(rows)).toEqual(['modified 5']);
  });

  it('reports an edited link (prev_hash) as a modification of that entry', () => {
    const rows = chain(12);
    at(rows, 7).prevHash = BOGUS;
    expect(findings(rows)).toEqual(['modified 7']);
  });

  it('reports a renumbered entry', () => {
    const rows = chain(12);
    at(rows, 12).seq = 40;
    expect(findings(rows)).toEqual(['modified 40']);
  });

  it.each([
    [[1], 'deleted 1-1'],
    [[6], 'deleted 6-6'],
    [[6, 7], 'deleted 6-7'],
    [[11], 'deleted 11-11'],
  ])('reports deletion of %j', (seqs, expected) => {
    expect(findings(remove(chain(12), ...seqs))).toEqual([expected]);
  });

  it('cannot see the newest entry deleted without an anchor, and does with one', () => {
    const rows = chain(12);
    const anchor = { seq: 12, hash: at(rows, 12).hash };
    expect(findings(remove(rows, 12))).toEqual([]);
    const result = classifyChain(remove(rows, 11, 12), { anchor });
    expect(result.problems.map((p) => p.kind === 'deleted' && p.range)).toEqual([
      { from: 11, to: 12 },
    ]);
    expect(result.anchor).toEqual({ seq: 12, matched: false });
    expect(classifyChain(rows, { anchor }).anchor).toEqual({ seq: 12, matched: true });
  });

  it('detects a rewrite with every later hash recomputed only against an anchor', () => {
    const rows = chain(12);
    const anchor = { seq: 10, hash: at(rows, 10).hash };
    at(rows, 4).objectId = 'rewritten';
    let prevHash = at(rows, 3).hash;
    for (const row of rows.slice(3)) {
      row.prevHash = prevHash;
      row.hash = chainHash(prevHash, contentOf(row));
      prevHash = row.hash;
    }
    expect(findings(rows)).toEqual([]);
    const result = classifyChain(rows, { anchor });
    expect(result.ok).toBe(false);
    expect(findings(rows, { anchor })).toEqual(['modified 10']);
    expect(result.problems[0]?.message).toMatch(/rewritten/);
  });

  it('reports a row added at the end with a made-up link and hash', () => {
    expect(findings(insert(chain(12), { seq: 13 }))).toEqual(['inserted 13']);
  });

  it('reports a row added before the first entry, even with a correct-looking hash', () => {
    const rows = chain(12);
    const forged = insert(rows, { seq: 0, prevHash: GENESIS_HASH });
    const row = at(forged, 0);
    row.hash = chainHash(GENESIS_HASH, contentOf(row));
    expect(findings(forged)).toEqual(['inserted 0']);
  });

  it.each([
    ['a made-up link', BOGUS],
    ['the link of the entry it sits beside', 'copy'],
  ])('reports a row added in the middle (repeating a number) with %s', (_label, link) => {
    const rows = chain(12);
    const prevHash = link === 'copy' ? at(rows, 6).prevHash : link;
    expect(findings(insert(rows, { seq: 6, prevHash }))).toEqual(['inserted 6']);
    // sorted before the genuine entry (a smaller id) it is still the one reported
    const before = insert(rows, { seq: 6, prevHash, id: '1' });
    expect(classifyChain(before).problems).toMatchObject([
      { kind: 'inserted', seq: 6, entryId: '1' },
    ]);
  });

  it('reports a row put into the hole of a deleted one as inserted plus the deletion', () => {
    const rows = insert(remove(chain(12), 6), { seq: 6 });
    expect(findings(rows)).toEqual(['inserted 6', 'deleted 6-6']);
  });

  it('reports exactly the three rows of a combined edit, deletion and insertion', () => {
    const rows = insert(remove(chain(30), 15), { seq: 31 });
    edit(rows, 7);
    const result = classifyChain(rows);
    expect(findings(rows)).toEqual(['modified 7', 'deleted 15-15', 'inserted 31']);
    expect(result.ok).toBe(false);
    expect(result.head?.seq).toBe(30);
    for (const p of result.problems) expect(p.message).toMatch(/#\d+/);
  });

  it('gives the same answer whatever the page size', () => {
    const rows = insert(remove(chain(30), 15, 16), { seq: 31 });
    edit(rows, 2);
    edit(rows, 29);
    const expected = findings(rows);
    for (const size of [1, 2, 3, 7]) {
      const checker = createChainChecker();
      for (let i = 0; i < rows.length; i += size)
        for (const row of rows.slice(i, i + size)) checker.push(row);
      const got = checker
        .finish()
        .problems.map((p) =>
          p.kind === 'deleted' ? `deleted ${p.range.from}-${p.range.to}` : `${p.kind} ${p.seq}`,
        );
      expect(got).toEqual(expected);
    }
  });

  it('reports exactly the tampered rows for random, spaced-out tampering', () => {
    // A deterministic generator: the failing case can be replayed from its seed.
    for (let seed = 1; seed <= 200; seed++) {
      let state = seed;
      const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const n = 30;
      let rows = chain(n);
      const expected: string[] = [];
      // Operations at least two entries apart (one untouched neighbour between): no two overlap.
      for (let seq = 1 + Math.floor(random() * 3); seq < n; seq += 2 + Math.floor(random() * 4)) {
        const op = Math.floor(random() * 3);
        if (op === 0) {
          edit(rows, seq);
          expected.push(`modified ${seq}`);
        } else if (op === 1) {
          rows = remove(rows, seq);
          expected.push(`deleted ${seq}-${seq}`);
        } else {
          rows = insert(rows, { seq });
          expected.push(`inserted ${seq}`);
        }
      }
      if (random() < 0.5) {
        rows = insert(rows, { seq: n + 1 });
        expected.push(`inserted ${n + 1}`);
      }
      expect({ seed, found: findings(rows) }).toEqual({ seed, found: expected });
    }
  });
});
