// Masking everywhere a person reads, against a real PostgreSQL: the values a transaction's payloads
// hold at personal fields (for the viewer) and at the connections' masking-rule paths (for every
// role) are masked in the outbound URL, headers, timeline summaries, error texts, the order journey
// and the error queues' samples, in every spelling; the admin's audited reveal shows them again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/base/actor';
import { tenantDb, type TenantDb } from '@/lib/db';
import { insertTransaction, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { listErrorGroups } from './error-groups.presenter';
import { getOrderJourney } from './order-journey.presenter';
import { revealTransactionPayloads } from './reveal-payloads';
import { appendTimeline } from './timeline';
import { getTransactionDetail } from './transaction-detail.presenter';
import { listTimeline } from './transaction-timeline.presenter';

const ORDER = 993727;
const EMAIL = `lars.jansen+${ORDER}@example.com`;
const ENCODED = encodeURIComponent(EMAIL); // lars.jansen%2B993727%40example.com
const NAME = 'Lars Jansen';
const STREET = 'Prinsengracht 263';
const ZIP = '1016 GV';
const URL = `http://crm.test/crm/v3/contacts/${ENCODED}?name=${encodeURIComponent(NAME).replace(/%20/g, '+')}`;
/** every spelling of the customer a page could carry */
const PERSONAL = [
  EMAIL,
  ENCODED,
  ENCODED.toLowerCase(),
  NAME,
  'Lars+Jansen',
  'Jansen',
  STREET,
  ZIP,
];

let ledger: SeededLedger;
let scoped: TenantDb;
let id: string;

const admin: Pick<Actor, 'userId' | 'name' | 'role' | 'scopes'> = {
  userId: '0193a000-0000-7000-8000-0000000000ad',
  name: 'An admin',
  role: 'admin',
  scopes: null,
};

function leaks(value: unknown): string[] {
  const text = JSON.stringify(value);
  return PERSONAL.filter((p) => text.toLowerCase().includes(p.toLowerCase()));
}

beforeAll(async () => {
  ledger = await seededLedger();
  scoped = tenantDb(ledger.db, ledger.tenantId);
  id = await insertTransaction(ledger, {
    status: 'needs_review',
    body: {
      order_number: ORDER,
      email: EMAIL,
      customer: { first_name: 'Lars', last_name: 'Jansen', full_name: NAME },
      shipping_address: { name: NAME, address1: STREET, zip: ZIP, city: 'Amsterdam' },
    },
  });
  const { inboundEventId } = await scoped.transaction.update({
    where: { id },
    data: {
      customerEmail: EMAIL,
      errorClass: 'validation',
      // a provider quoting the request, as providers do
      lastError: `422 from PUT ${URL}: ${NAME} at ${STREET}, ${ZIP} is not deliverable`,
      attempts: 1,
    },
    select: { inboundEventId: true },
  });
  await scoped.inboundEvent.update({
    where: { id: inboundEventId },
    data: { headers: { 'x-forwarded-for-customer': ENCODED, 'content-type': 'application/json' } },
  });
  const at = (s: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, s));
  await appendTimeline(scoped, ledger.tenantId, id, [
    {
      kind: 'command',
      type: 'command.sent',
      summary: `upsert_customer sent to PUT ${URL} (attempt 1)`,
      actor: 'worker',
      occurredAt: at(1),
      data: {
        attempt: 1,
        method: 'PUT',
        url: URL,
        idempotencyKey: 'k-1',
        request: { email: EMAIL, givenName: 'Lars', familyName: 'Jansen' },
      },
    },
    {
      kind: 'event',
      type: 'provider.failed',
      summary: `CRM failed (validation): ${NAME.toUpperCase()} at ${STREET} rejected`,
      actor: 'worker',
      occurredAt: at(2),
      data: {
        status: 422,
        errorClass: 'validation',
        message: `contact ${ENCODED.toLowerCase()} refused`,
        response: { error: `invalid contact "${NAME}"`, path: `/contacts/${ENCODED}` },
      },
    },
  ]);
});
afterAll(async () => {
  await ledger?.drop();
});

async function setRules(connectionId: string, rules: string[]) {
  await scoped.connection.update({ where: { id: connectionId }, data: { maskingRules: rules } });
}

describe('for the viewer (no personal_data.read)', () => {
  it('the Transaction screen carries none of the customer in any spelling', async () => {
    const detail = await getTransactionDetail(scoped, id, { maskPersonalData: true });
    expect(leaks(detail)).toEqual([]);
    expect(detail.payloads.outbound?.url).toBe(
      'http://crm.test/crm/v3/contacts/l***%40example.com?name=•••',
    );
    expect(detail.lastError).toBe(
      '422 from PUT http://crm.test/crm/v3/contacts/l***%40example.com?name=•••: ••• at •••, ••• is not deliverable',
    );
    expect(detail.inbound.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('the timeline pages of the API carry none of it either', async () => {
    const page = await listTimeline(scoped, id, { limit: 50, maskPersonalData: true });
    expect(page.items.length).toBeGreaterThan(1);
    expect(leaks(page)).toEqual([]);
  });

  it('the order journey and the error queues carry none of it', async () => {
    const journey = await getOrderJourney(ledger.db, ledger.tenantId, String(ORDER), {
      maskPersonalData: true,
    });
    expect(journey.steps[0]?.lastError).toContain('•••');
    expect(leaks(journey)).toEqual([]);
    const groups = await listErrorGroups(ledger.db, ledger.tenantId, { maskPersonalData: true });
    expect(groups.groups.some((g) => g.sampleTransactionId === id)).toBe(true);
    expect(leaks(groups)).toEqual([]);
  });

  it('the scan itself finds the customer when nothing is masked (it can fail)', async () => {
    const detail = await getTransactionDetail(scoped, id, { maskPersonalData: false });
    expect(leaks(detail)).toEqual(PERSONAL);
    const journey = await getOrderJourney(ledger.db, ledger.tenantId, String(ORDER), {
      maskPersonalData: false,
    });
    expect(leaks(journey)).toEqual(expect.arrayContaining([EMAIL, NAME, STREET, ZIP]));
  });
});

describe("a connection's masking rule, for every role", () => {
  beforeAll(() => setRules(ledger.commerceConnectionId, ['$.email', '$..address1']));
  afterAll(() => setRules(ledger.commerceConnectionId, []));

  it("masks the rule's values in the admin's URL, texts and journey; the rest stays readable", async () => {
    const detail = await getTransactionDetail(scoped, id, { maskPersonalData: false });
    const text = JSON.stringify(detail);
    for (const hidden of [EMAIL, ENCODED, STREET]) expect(text).not.toContain(hidden);
    expect(detail.payloads.outbound?.url).toBe(
      'http://crm.test/crm/v3/contacts/•••?name=Lars+Jansen',
    );
    expect(detail.lastError).toContain(`${NAME} at •••, ${ZIP}`);
    const journey = await getOrderJourney(ledger.db, ledger.tenantId, String(ORDER), {
      maskPersonalData: false,
    });
    expect(JSON.stringify(journey)).not.toContain(STREET);
    expect(journey.customerEmail).toBe('•••');
  });

  it("the admin's audited reveal shows the payloads unmasked again", async () => {
    const revealed = await revealTransactionPayloads(ledger.db, ledger.tenantId, id, {
      actor: admin,
      reason: 'customer asked what we sent',
    });
    expect(revealed.payloads.outbound?.url).toBe(URL);
    expect(revealed.payloads.canonical).toMatchObject({ email: EMAIL });
    expect(JSON.stringify(revealed.inbound)).toContain(STREET);
  });
});
