// Masking rules and the audited reveal against a real PostgreSQL: the source connection's rules
// mask the inbound payload and (with the target's) the command; the target's mask the provider's
// answer; for every role, in the detail, the payload views and the API's timeline. Only an admin's
// reveal shows the values, recorded with the reason; others are refused and another tenant's
// transaction is not found, with nothing recorded.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/base/actor';
import { tenantDb, type Db, type Role, type TenantDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import {
  insertTransaction,
  seededLedger,
  seedFixtureTenant,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { MASK } from './masking-rules';
import { revealTransactionPayloads } from './reveal-payloads';
import { appendTimeline } from './timeline';
import { getTransactionDetail } from './transaction-detail.presenter';
import { listTimeline } from './transaction-timeline.presenter';

const PHONE = '+44 20 7946 0958';
const CARD = '4242';

let ledger: SeededLedger;
let db: Db;
let scoped: TenantDb;
let id: string;
let foreignId: string;

const actorAs = (role: Role): Pick<Actor, 'userId' | 'name' | 'role' | 'scopes'> => ({
  userId: '0193a000-0000-7000-8000-0000000000ad',
  name: `An ${role}`,
  role,
  scopes: null,
});

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  scoped = tenantDb(db, ledger.tenantId);
  await db.connection.update({
    where: { id: ledger.commerceConnectionId },
    // one rule the evaluator refuses: skipped with a warning, the others still apply
    data: { maskingRules: ['$.customer.phone', '$..card.last4', '$..[?(@.x)]'] },
  });
  await db.connection.update({
    where: { id: ledger.warehouseConnectionId },
    data: { maskingRules: ['$.recipient.mobile'] },
  });
  id = await insertTransaction(ledger, {
    status: 'failed',
    body: {
      order_number: 2001,
      customer: { phone: PHONE, tier: 'gold' },
      payment: { card: { brand: 'visa', last4: CARD } },
    },
  });
  await appendTimeline(scoped, ledger.tenantId, id, [
    {
      kind: 'command',
      type: 'command.sent',
      summary: 'create_fulfilment sent (attempt 1)',
      actor: 'worker',
      data: {
        attempt: 1,
        request: { recipient: { mobile: PHONE }, customer: { phone: PHONE }, order: '2001' },
      },
    },
    {
      kind: 'event',
      type: 'provider.failed',
      summary: 'warehouse failed (validation)',
      actor: 'worker',
      data: { status: 422, response: { recipient: { mobile: PHONE }, error: 'bad address' } },
    },
  ]);
  const other = await seedFixtureTenant(db, 'globex');
  foreignId = await insertTransaction(
    { ...ledger, ...other, db },
    { status: 'failed', body: { customer: { phone: PHONE } } },
  );
});
afterAll(async () => {
  await ledger?.drop();
});

const reveals = () =>
  db.auditEntry.findMany({ where: { tenantId: ledger.tenantId, action: 'payload.revealed' } });

describe('masking rules', () => {
  it('mask the marked paths for every role, even one that may read personal data', async () => {
    const onInvalidRule = vi.fn();
    const detail = await getTransactionDetail(scoped, id, {
      maskPersonalData: false,
      onInvalidRule,
    });
    expect(detail.maskingRulesApply).toBe(true);
    expect(detail.inbound.payload).toMatchObject({
      customer: { phone: MASK, tier: 'gold' },
      payment: { card: { brand: 'visa', last4: MASK } },
    });
    // The command carries the source's data: both connections' rules apply to it.
    expect(detail.payloads.canonical).toEqual({
      recipient: { mobile: MASK },
      customer: { phone: MASK },
      order: '2001',
    });
    expect(detail.payloads.response?.body).toEqual({
      recipient: { mobile: MASK },
      error: 'bad address',
    });
    expect(JSON.stringify(detail)).not.toContain(PHONE);
    expect(JSON.stringify(detail)).not.toContain(`"${CARD}"`);
    expect(onInvalidRule).toHaveBeenCalledWith(expect.objectContaining({ path: '$..[?(@.x)]' }));
  });

  it("apply to the API's timeline pages too", async () => {
    const page = await listTimeline(scoped, id, { limit: 100, maskPersonalData: false });
    expect(JSON.stringify(page)).not.toContain(PHONE);
    const command = page.items.find((i) => i.type === 'command.sent');
    expect(command?.data).toMatchObject({ request: { customer: { phone: MASK } } });
  });
});

describe('revealTransactionPayloads', () => {
  it('shows an admin the values and records who, why and the request id', async () => {
    const revealed = await revealTransactionPayloads(db, ledger.tenantId, id, {
      actor: actorAs('admin'),
      reason: 'customer asked to confirm their phone number',
      audit: { requestId: 'req-reveal-0001' },
    });
    expect(revealed.inbound.payload).toMatchObject({
      customer: { phone: PHONE },
      payment: { card: { last4: CARD } },
    });
    expect(revealed.payloads.canonical).toMatchObject({ recipient: { mobile: PHONE } });
    expect(revealed.payloads.response?.body).toMatchObject({ recipient: { mobile: PHONE } });
    expect(await reveals()).toMatchObject([
      {
        objectType: 'transaction',
        objectId: id,
        actorUserId: actorAs('admin').userId,
        actorLabel: 'An admin',
        reason: 'customer asked to confirm their phone number',
        requestId: 'req-reveal-0001',
      },
    ]);
    // Nothing unmasked was stored: the next read is masked again.
    const again = await getTransactionDetail(scoped, id, { maskPersonalData: false });
    expect(JSON.stringify(again)).not.toContain(PHONE);
  });

  it.each(['support', 'viewer', 'finance'] as const)(
    'refuses %s and records nothing',
    async (role) => {
      const before = (await reveals()).length;
      const error: unknown = await revealTransactionPayloads(db, ledger.tenantId, id, {
        actor: actorAs(role),
        reason: 'just curious about it',
      }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('FORBIDDEN');
      expect(await reveals()).toHaveLength(before);
    },
  );

  it('refuses an admin token without the reveal scope', async () => {
    const error: unknown = await revealTransactionPayloads(db, ledger.tenantId, id, {
      actor: { ...actorAs('admin'), scopes: ['transactions.read', 'personal_data.read'] },
      reason: 'automation wants the phone',
    }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('FORBIDDEN');
  });

  it("answers not found for another tenant's transaction, recording nothing", async () => {
    const before = (await reveals()).length;
    const error: unknown = await revealTransactionPayloads(db, ledger.tenantId, foreignId, {
      actor: actorAs('admin'),
      reason: 'probing another tenant',
    }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('NOT_FOUND');
    expect(await reveals()).toHaveLength(before);
  });

  it('wants a reason', async () => {
    await expect(
      revealTransactionPayloads(db, ledger.tenantId, id, { actor: actorAs('admin'), reason: ' ' }),
    ).rejects.toThrow(/say why/);
  });
});
