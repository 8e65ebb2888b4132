// The audit log against a real PostgreSQL: concurrent appends stay one unbroken chain per tenant;
// rows edited, deleted and inserted behind the application's back (as a superuser) are reported,
// exactly those and nothing around them; the application's role cannot change or remove entries
// and the table owner is stopped by the trigger; filters and keyset pages select exactly what they
// name; the CSV export neutralises formulas and is itself audited.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditAlone, type AuditEvent } from '@/lib/audit';
import { parseAuditFilter, type AuditFilter } from '@/lib/audit/audit-filter';
import { listAuditActors, listAuditEntries } from '@/lib/audit/audit-list.presenter';
import { GENESIS_HASH, chainHash } from '@/lib/audit/chain';
import { contentOf, type StoredAuditRow } from '@/lib/audit/chain-check';
import { startAuditExport } from '@/lib/audit/export-audit';
import { verifyAuditChain } from '@/lib/audit/verify';
import { createDb, type Db } from '@/lib/db';
import { createTestDatabase } from '@/test/support/database';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let superuser: pg.Client;

const ADA = '0193a5c0-0000-7000-8000-00000000ada1';
const FAY_TOKEN = '0193a5c0-0000-7000-8000-00000000fa51';
/** Ada acts as a person, "Fay Finance" through an API token; anyone else as the system. */
const person = (label: string) => ({
  userId: label === 'Ada Admin' ? ADA : null,
  tokenId: label === 'Fay Finance' ? FAY_TOKEN : null,
  label,
});

function event(i: number): AuditEvent {
  return {
    action: 'connection.updated',
    objectType: 'connection',
    objectId: `conn-${i}`,
    before: { name: `before ${i}`, settings: { rate: i, apiKey: 'must not be stored' } },
    after: { name: `after ${i}`, settings: { rate: i + 1 } },
  };
}

async function newTenant(slug: string): Promise<string> {
  const tenant = await db.tenant.create({ data: { slug, name: slug }, select: { id: true } });
  return tenant.id;
}

async function appendMany(tenantId: string, count: number, actor = 'Ada Admin') {
  for (let i = 1; i <= count; i++)
    await recordAuditAlone(db, { tenantId, actor: person(actor), event: event(i) });
}

async function rowsOf(tenantId: string) {
  const { rows } = await superuser.query<{
    id: string;
    seq: number;
    prev_hash: string;
    hash: string;
  }>(`SELECT id::text, seq, prev_hash, hash FROM audit_entries WHERE tenant_id = $1 ORDER BY seq`, [
    tenantId,
  ]);
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb({ connectionString: database.url, poolSize: 12 });
  superuser = new pg.Client({ connectionString: database.url });
  await superuser.connect();
});

afterAll(async () => {
  await superuser?.end();
  await db?.$disconnect();
  await database?.drop();
});

describe('appending', () => {
  it('numbers 25 concurrent entries 1..25 in one valid chain; another tenant has its own', async () => {
    const [a, b] = [await newTenant('concurrent-a'), await newTenant('concurrent-b')];
    const results = await Promise.all([
      ...Array.from({ length: 25 }, (_, i) =>
        recordAuditAlone(db, { tenantId: a, actor: person('Ada Admin'), event: event(i) }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        recordAuditAlone(db, { tenantId: b, actor: person('Bob Admin'), event: event(i) }),
      ),
    ]);
    expect(
      results
        .slice(0, 25)
        .map((r) => r.seq)
        .sort((x, y) => x - y),
    ).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const rows = await rowsOf(a);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    rows.forEach((row, i) =>
      expect(row.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]?.hash),
    );

    const verdictA = await verifyAuditChain(db, a);
    expect(verdictA).toMatchObject({ ok: true, checked: 25, problems: [] });
    expect(verdictA.head).toEqual({ seq: 25, hash: rows[24]?.hash });
    const verdictB = await verifyAuditChain(db, b);
    expect(verdictB).toMatchObject({ ok: true, checked: 5, head: { seq: 5 } });
    expect((await rowsOf(b))[0]?.prev_hash).toBe(GENESIS_HASH);
  });

  it('stores snapshots with secret-named keys redacted, and they still verify', async () => {
    const tenantId = await newTenant('redacted');
    await appendMany(tenantId, 1);
    const { rows } = await superuser.query<{ before: { settings: { apiKey: string } } }>(
      `SELECT before FROM audit_entries WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(rows[0]?.before.settings.apiKey).toBe('[redacted]');
    expect((await verifyAuditChain(db, tenantId)).ok).toBe(true);
  });
});

describe('tampering as a superuser', () => {
  it('reports exactly the edited, deleted and inserted rows', async () => {
    const tenantId = await newTenant('tampered');
    const bystander = await newTenant('bystander');
    await appendMany(tenantId, 30);
    await appendMany(bystander, 3);
    const before = await rowsOf(tenantId);
    const anchor = { seq: 30, hash: before[29]?.hash ?? '' };
    const id = (seq: number) => before.find((r) => r.seq === seq)?.id;

    await superuser.query(`SET session_replication_role = replica`);
    await superuser.query(
      `UPDATE audit_entries SET after = '{"name": "nothing to see"}' WHERE tenant_id = $1 AND seq = 7`,
      [tenantId],
    );
    await superuser.query(`DELETE FROM audit_entries WHERE tenant_id = $1 AND seq = 15`, [
      tenantId,
    ]);
    const forged = await superuser.query<{ id: string }>(
      `INSERT INTO audit_entries (tenant_id, seq, actor_label, action, object_type, object_id,
         prev_hash, hash, created_at)
       VALUES ($1, 31, 'Ada Admin', 'member.role_changed', 'user', 'u-1', $2, $3, now())
       RETURNING id::text`,
      [tenantId, 'a'.repeat(64), 'b'.repeat(64)],
    );
    await superuser.query(`SET session_replication_role = origin`);

    const expected = [
      { kind: 'modified', seq: 7, entryId: id(7) },
      { kind: 'deleted', range: { from: 15, to: 15 } },
      { kind: 'inserted', seq: 31, entryId: forged.rows[0]?.id },
    ];
    for (const pageSize of [1000, 4]) {
      const verdict = await verifyAuditChain(db, tenantId, { pageSize });
      expect(verdict.ok).toBe(false);
      expect(verdict.checked).toBe(30);
      expect(verdict.problems).toMatchObject(expected);
      expect(verdict.problems).toHaveLength(3);
      expect(verdict.head).toEqual(anchor);
      for (const p of verdict.problems) expect(p.message.length).toBeGreaterThan(20);
    }
    // Against the head exported before the tampering: the same three, and the anchor still holds.
    const anchored = await verifyAuditChain(db, tenantId, { anchor });
    expect(anchored.problems).toHaveLength(3);
    expect(anchored.anchor).toEqual({ seq: 30, matched: true });
    expect(anchored.limits).toMatch(/outside Waybill/);
    // The other tenant's chain is untouched and says so.
    expect(await verifyAuditChain(db, bystander)).toMatchObject({ ok: true, checked: 3 });
  });

  it('reports a forged first entry even when its hash was computed correctly', async () => {
    const tenantId = await newTenant('forged-start');
    await appendMany(tenantId, 5);
    const forged: StoredAuditRow = {
      id: '0',
      tenantId,
      seq: 0,
      actorUserId: null,
      actorTokenId: null,
      actorLabel: 'Ada Admin',
      action: 'token.issued',
      objectType: 'api_token',
      objectId: 't-1',
      reason: null,
      requestId: null,
      before: null,
      after: null,
      prevHash: GENESIS_HASH,
      hash: '',
      createdAt: new Date('2026-01-01T00:00:00.000Z'),
    };
    const hash = chainHash(GENESIS_HASH, contentOf(forged));
    await superuser.query(`SET session_replication_role = replica`);
    const inserted = await superuser.query<{ id: string }>(
      `INSERT INTO audit_entries (tenant_id, seq, actor_label, action, object_type, object_id,
         prev_hash, hash, created_at)
       VALUES ($1, 0, 'Ada Admin', 'token.issued', 'api_token', 't-1', $2, $3, $4) RETURNING id::text`,
      [tenantId, GENESIS_HASH, hash, forged.createdAt],
    );
    await superuser.query(`SET session_replication_role = origin`);
    const verdict = await verifyAuditChain(db, tenantId);
    expect(verdict.problems).toMatchObject([
      { kind: 'inserted', seq: 0, entryId: inserted.rows[0]?.id },
    ]);
    expect(verdict.problems).toHaveLength(1);
  });

  it('verifies a log of 100,000 entries page by page', async () => {
    const tenantId = await newTenant('large');
    const count = 100_000;
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    const times: Date[] = [];
    let prevHash = GENESIS_HASH;
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    for (let seq = 1; seq <= count; seq++) {
      const createdAt = new Date(base + seq);
      const hash = chainHash(prevHash, {
        tenantId,
        seq,
        actorUserId: null,
        actorTokenId: null,
        actorLabel: 'bulk',
        action: 'connection.tested',
        objectType: 'connection',
        objectId: 'c',
        reason: null,
        requestId: null,
        before: null,
        after: { n: seq },
        createdAt,
      });
      seqs.push(seq);
      prevs.push(prevHash);
      hashes.push(hash);
      times.push(createdAt);
      prevHash = hash;
    }
    for (let i = 0; i < count; i += 20_000)
      await superuser.query(
        `INSERT INTO audit_entries (tenant_id, seq, actor_label, action, object_type, object_id,
           after, prev_hash, hash, created_at)
         SELECT $1, s, 'bulk', 'connection.tested', 'connection', 'c', jsonb_build_object('n', s),
           p, h, t
         FROM unnest($2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS u(s, p, h, t)`,
        [
          tenantId,
          seqs.slice(i, i + 20_000),
          prevs.slice(i, i + 20_000),
          hashes.slice(i, i + 20_000),
          times.slice(i, i + 20_000),
        ],
      );
    const started = Date.now();
    const verdict = await verifyAuditChain(db, tenantId);
    expect(verdict).toMatchObject({ ok: true, checked: count, head: { seq: count } });
    // measured ~13 s here (about 8,000 entries a second, most of it reading rows through Prisma)
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe('append-only', () => {
  it('lets the application role insert but never update, delete or truncate', async () => {
    const tenantId = await newTenant('app-role');
    const url = new URL(database.url);
    url.username = 'waybill_app';
    const appDb = createDb({ connectionString: url.toString(), poolSize: 2 });
    const app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
    try {
      const recorded = await recordAuditAlone(appDb, {
        tenantId,
        actor: person('Ada Admin'),
        event: event(1),
      });
      expect(recorded.seq).toBe(1);
      for (const sql of [
        `UPDATE audit_entries SET reason = 'x' WHERE tenant_id = $1`,
        `DELETE FROM audit_entries WHERE tenant_id = $1`,
      ])
        await expect(app.query(sql, [tenantId])).rejects.toMatchObject({ code: '42501' });
      await expect(app.query(`TRUNCATE audit_entries`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.end();
      await appDb.$disconnect();
    }
    // The owner (postgres) is stopped by the trigger unless it deliberately disables triggers.
    for (const sql of [
      `UPDATE audit_entries SET reason = 'x' WHERE tenant_id = '${tenantId}'`,
      `DELETE FROM audit_entries WHERE tenant_id = '${tenantId}'`,
      `TRUNCATE audit_entries`,
    ])
      await expect(superuser.query(sql)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db, tenantId)).toMatchObject({ ok: true, checked: 1 });
  });
});

describe('listing and exporting', () => {
  let tenantId: string;
  let otherTenant: string;
  const base = Date.parse('2026-11-20T09:00:00.000Z');

  beforeAll(async () => {
    tenantId = await newTenant('listing');
    otherTenant = await newTenant('listing-other');
    const events: [string, AuditEvent][] = [];
    for (let i = 1; i <= 12; i++) {
      const actor = i % 3 === 0 ? 'Fay Finance' : 'Ada Admin';
      events.push([
        actor,
        i % 2 === 0
          ? {
              action: 'transaction.replayed',
              objectType: 'transaction',
              objectId: `tx-${i % 4}`,
              reason: i === 4 ? '=HYPERLINK("http://evil.example","click")' : `replay ${i}`,
            }
          : event(i),
      ]);
    }
    for (const [i, [actor, e]] of events.entries())
      await recordAuditAlone(db, {
        tenantId,
        actor: person(actor),
        event: e,
        at: new Date(base + (i + 1) * 60_000),
      });
    await appendMany(otherTenant, 4, 'Ada Admin');
  });

  const filter = (raw: Record<string, string>): AuditFilter => parseAuditFilter(raw);
  const seqsOf = async (raw: Record<string, string>) =>
    (await listAuditEntries(db, tenantId, filter(raw), 100)).entries.map((e) => e.seq);

  it('filters by actor, action, object and time window, newest first', async () => {
    expect(await seqsOf({})).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await seqsOf({ actor: 'Fay Finance' })).toEqual([12, 9, 6, 3]);
    expect(await seqsOf({ action: 'transaction.replayed' })).toEqual([12, 10, 8, 6, 4, 2]);
    expect(await seqsOf({ action: 'transaction.replayed,connection.updated' })).toHaveLength(12);
    expect(await seqsOf({ objectType: 'transaction', objectId: 'tx-0' })).toEqual([12, 8, 4]);
    expect(
      await seqsOf({
        from: new Date(base + 3 * 60_000).toISOString(),
        to: new Date(base + 5 * 60_000).toISOString(),
      }),
    ).toEqual([5, 4, 3]);
    expect(await seqsOf({ actor: 'Nobody' })).toEqual([]);
  });

  it('answers DTOs with the actor kind, object, reason and snapshots', async () => {
    const { entries } = await listAuditEntries(db, tenantId, filter({ objectId: 'conn-1' }), 5);
    expect(entries).toEqual([
      expect.objectContaining({
        seq: 1,
        at: new Date(base + 60_000).toISOString(),
        actor: { label: 'Ada Admin', kind: 'user', userId: ADA, tokenId: null },
        action: 'connection.updated',
        object: { type: 'connection', id: 'conn-1' },
        reason: null,
        after: { name: 'after 1', settings: { rate: 2 } },
      }),
    ]);
    const byToken = await listAuditEntries(db, tenantId, filter({ actor: 'Fay Finance' }), 1);
    expect(byToken.entries[0]?.actor).toEqual({
      label: 'Fay Finance',
      kind: 'token',
      userId: null,
      tokenId: FAY_TOKEN,
    });
  });

  it('pages with a keyset cursor, covering every entry exactly once', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEntries(
        db,
        tenantId,
        filter(
          cursor ? { action: 'transaction.replayed', cursor } : { action: 'transaction.replayed' },
        ),
        4,
      );
      seen.push(...page.entries.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen).toEqual([12, 10, 8, 6, 4, 2]);
    expect(pages).toBe(2);
    expect(() => filter({ cursor: 'not-a-cursor' })).toThrow();
    expect(() => filter({ action: 'token.stolen' })).toThrow();
  });

  it('suggests the actors who acted, newest first, from this tenant only', async () => {
    expect(await listAuditActors(db, tenantId)).toEqual(['Fay Finance', 'Ada Admin']);
  });

  it('exports the filtered log as CSV with formulas neutralised, and records the export', async () => {
    const { filename, chunks } = await startAuditExport(db, tenantId, {
      filter: { actions: ['transaction.replayed', 'audit.exported'] },
      actor: { id: 'system', label: 'system' },
      requestId: 'req-export-1',
      pageSize: 2,
    });
    // Written after the export started: not part of its file.
    await recordAuditAlone(db, {
      tenantId,
      actor: person('Ada Admin'),
      event: {
        action: 'transaction.replayed',
        objectType: 'transaction',
        objectId: 'late',
        reason: 'late',
      },
    });
    let text = '';
    for await (const chunk of chunks) text += chunk;
    expect(filename).toMatch(/^audit-log-.*\.csv$/);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'seq,time,actor,actor_kind,action,object_type,object_id,reason,request_id,before,after,hash',
    );
    // the export itself (seq 13) is the newest line, then the six replays
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([13, 12, 10, 8, 6, 4, 2]);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

    const recorded = await listAuditEntries(db, tenantId, filter({ action: 'audit.exported' }), 5);
    expect(recorded.entries).toMatchObject([
      {
        seq: 13,
        action: 'audit.exported',
        object: { type: 'export', id: filename },
        requestId: 'req-export-1',
        after: { filter: { actions: ['transaction.replayed', 'audit.exported'] } },
      },
    ]);
    expect(await verifyAuditChain(db, tenantId)).toMatchObject({ ok: true, checked: 14 });
  });
});
