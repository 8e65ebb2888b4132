// The Transaction screen's read model against a real PostgreSQL: personal data is masked for
// roles without personal_data.read everywhere it can appear (header, inbound event, timeline
// summaries and data, payload views), another tenant's id is not found, and long timelines keep
// their latest entries and page through the API in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantDb, uuid7, type Db, type TenantDb } from '@/lib/db';
import {
  insertTransaction,
  seededLedger,
  type SeededLedger,
  seedFixtureTenant,
} from '@/test/support/ledger-fixtures';
import { addNote } from './add-note';
import { appendTimeline } from './timeline';
import { DETAIL_TIMELINE_LIMIT, getTransactionDetail } from './transaction-detail.presenter';
import { listTimeline } from './transaction-timeline.presenter';

const EMAIL = 'ada.lovelace@example.com';
const PERSONAL = [EMAIL, 'Lovelace', 'Analytical Street'];

let ledger: SeededLedger;
let db: Db;
let scoped: TenantDb;
let id: string;
let otherTenantId: string;

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  scoped = tenantDb(db, ledger.tenantId);
  const other = await seedFixtureTenant(db, 'globex');
  otherTenantId = other.tenantId;

  id = await insertTransaction(ledger, {
    status: 'needs_review',
    body: {
      order_number: 1047,
      email: EMAIL,
      customer: { first_name: 'Ada', last_name: 'Lovelace' },
      shipping_address: { address1: '12 Analytical Street' },
    },
  });
  const txn = await scoped.transaction.update({
    where: { id },
    data: {
      customerEmail: EMAIL,
      errorClass: 'validation',
      lastError: `CRM refused ${EMAIL}: invalid`,
      attempts: 1,
      externalRefs: { warehouse: 'FUL-000123' },
    },
    select: { inboundEventId: true },
  });
  await scoped.inboundEvent.update({
    where: { id: txn.inboundEventId },
    data: { headers: { 'content-type': 'application/json', 'x-customer': EMAIL } },
  });
  const at = (s: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, s));
  await appendTimeline(scoped, ledger.tenantId, id, [
    { kind: 'event', type: 'inbound.accepted', summary: 'orders/paid accepted', occurredAt: at(0) },
    {
      kind: 'command',
      type: 'command.sent',
      summary: `upsert_customer sent for ${EMAIL} (attempt 1)`,
      actor: 'worker',
      occurredAt: at(1),
      data: {
        attempt: 1,
        method: 'POST',
        url: 'http://crm.test/customers',
        idempotencyKey: 'k-1',
        request: { email: EMAIL, name: 'Ada Lovelace', order: '1047' },
      },
    },
    {
      kind: 'event',
      type: 'provider.failed',
      summary: `CRM failed (validation): ${EMAIL} is invalid`,
      actor: 'worker',
      occurredAt: at(2),
      data: {
        status: 422,
        durationMs: 48,
        errorClass: 'validation',
        response: { error: `invalid customer ${EMAIL}`, family_name: 'Lovelace' },
      },
    },
  ]);
  await addNote(scoped, ledger.tenantId, id, {
    actor: { id: uuid7(), label: 'Sam Support' },
    note: `called ${EMAIL}, will fix the name`,
  });
});
afterAll(async () => {
  await ledger?.drop();
});

const detailFor = (maskPersonalData: boolean) =>
  getTransactionDetail(scoped, id, { maskPersonalData });

describe('getTransactionDetail', () => {
  it('shows everything to roles that may read personal data', async () => {
    const detail = await detailFor(false);
    const json = JSON.stringify(detail);
    for (const value of PERSONAL) expect(json).toContain(value);
    expect(detail.customerEmail).toBe(EMAIL);
    expect(detail.externalRefs).toEqual({ warehouse: 'FUL-000123' });
    expect(detail.errorHelp?.label).toBe('Rejected data');
    expect(detail.payloads.canonical).toEqual({
      email: EMAIL,
      name: 'Ada Lovelace',
      order: '1047',
    });
    expect(detail.payloads.outbound).toMatchObject({
      method: 'POST',
      url: 'http://crm.test/customers',
    });
    expect(detail.payloads.response).toMatchObject({ status: 422, type: 'provider.failed' });
    expect(detail.attemptRows).toMatchObject([
      {
        attempt: 1,
        outcome: 'failed',
        answerStatus: 422,
        durationMs: 48,
        errorClass: 'validation',
      },
    ]);
    const note = detail.timeline.find((e) => e.type === 'note.added');
    expect(note).toMatchObject({
      actorLabel: 'Sam Support',
      note: `called ${EMAIL}, will fix the name`,
    });
  });

  it('masks personal data everywhere for roles that may not read it', async () => {
    const detail = await detailFor(true);
    const json = JSON.stringify(detail);
    for (const value of PERSONAL) expect(json).not.toContain(value);
    expect(detail.customerEmail).toBe('a***@example.com');
    expect(detail.lastError).toBe('CRM refused a***@example.com: invalid');
    expect(detail.inbound.payload).toMatchObject({ email: '•••' });
    expect(detail.inbound.headers).toMatchObject({ 'x-customer': 'a***@example.com' });
    // The payload views are derived from the masked facts, so Copy copies the masked value.
    expect(detail.payloads.inbound.body).toEqual(detail.inbound.payload);
    expect(detail.payloads.canonical).toEqual({ email: '•••', name: '•••', order: '1047' });
    expect(detail.payloads.outbound?.body).toEqual(detail.payloads.canonical);
    expect(detail.payloads.response?.body).toMatchObject({
      error: 'invalid customer a***@example.com',
    });
    const summaries = detail.timeline.map((e) => e.summary).join('\n');
    expect(summaries).toContain('a***@example.com');
    expect(detail.timeline.find((e) => e.type === 'note.added')?.note).toBe(
      'called a***@example.com, will fix the name',
    );
    // Non-personal facts stay readable.
    expect(detail.externalRefs).toEqual({ warehouse: 'FUL-000123' });
    expect(detail.idempotencyKey).toBe(`k-${id}`);
  });

  it("answers not found for another tenant's id, exactly like an unknown one", async () => {
    const foreign = tenantDb(db, otherTenantId);
    for (const [client, txnId] of [
      [foreign, id],
      [scoped, uuid7()],
      [scoped, 'not-a-uuid'],
    ] as const) {
      await expect(
        getTransactionDetail(client, txnId, { maskPersonalData: false }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(
      listTimeline(foreign, id, { limit: 10, maskPersonalData: false }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('long timelines', () => {
  let longId: string;
  beforeAll(async () => {
    longId = await insertTransaction(ledger, { status: 'waiting_retry' });
    const start = Date.UTC(2026, 0, 6);
    await appendTimeline(
      scoped,
      ledger.tenantId,
      longId,
      Array.from({ length: DETAIL_TIMELINE_LIMIT + 5 }, (_, n) => ({
        kind: 'event' as const,
        type: 'circuit.held',
        summary: `held ${n}`,
        // Pairs share a timestamp so the keyset has to break ties by id.
        occurredAt: new Date(start + Math.floor(n / 2) * 1000),
        data: { n, note: `mail ${EMAIL}` },
      })),
    );
  });

  it('keeps the latest entries on the screen, oldest of them first', async () => {
    const detail = await getTransactionDetail(scoped, longId, { maskPersonalData: false });
    expect(detail.timelineTruncated).toBe(true);
    expect(detail.timeline).toHaveLength(DETAIL_TIMELINE_LIMIT);
    expect(detail.timeline[0]?.summary).toBe('held 5');
    expect(detail.timeline.at(-1)?.summary).toBe(`held ${DETAIL_TIMELINE_LIMIT + 4}`);
  });

  it('pages through every entry in order through the API, masked by role', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const result = await listTimeline(scoped, longId, {
        cursor,
        limit: 200,
        maskPersonalData: true,
      });
      seen.push(...result.items.map((e) => e.summary));
      expect(JSON.stringify(result.items)).not.toContain(EMAIL);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: DETAIL_TIMELINE_LIMIT + 5 }, (_, n) => `held ${n}`));
  });
});
