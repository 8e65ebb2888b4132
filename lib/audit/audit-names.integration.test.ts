// The audit screen's names against real PostgreSQL: objects and actors by name with their pages,
// one tenant's names never shown for another's ids, deleted objects named from their snapshot,
// partial case-insensitive actor search, and field-level changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { readAuditFilter } from './audit-filter';
import { listAuditEntries } from './audit-list.presenter';
import { nameAuditEntries } from './audit-names';
import { auditActorOf, recordAuditAlone, type AuditActor } from './index';
import { seededLedger, seedFixtureTenant, type SeededLedger } from '@/test/support/ledger-fixtures';

let ledger: SeededLedger;
let db: Db;
let admin: AuditActor;
let warehouseName: string;
let otherConnection: string;

const GONE = '01a24686-748a-7000-8000-00000000dead';

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
  const user = await db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
  admin = auditActorOf({ id: user.id, label: user.name });
  warehouseName = (
    await db.connection.findUniqueOrThrow({
      where: { id: ledger.warehouseConnectionId },
      select: { name: true },
    })
  ).name;
  const other = await seedFixtureTenant(db, 'globex-audit');
  otherConnection = other.warehouseConnectionId;
  const record = (event: Parameters<typeof recordAuditAlone>[1]['event'], actor = admin) =>
    recordAuditAlone(db, { tenantId: ledger.tenantId, actor, event });
  await record({
    action: 'connection.paused',
    objectType: 'connection',
    objectId: ledger.warehouseConnectionId,
    reason: 'carrier maintenance',
  });
  await record({
    action: 'flow.updated',
    objectType: 'flow',
    objectId: ledger.flowId,
    before: { name: 'Orders', retryPolicy: { maxAttempts: 5 } },
    after: { name: 'Orders', retryPolicy: { maxAttempts: 8 } },
  });
  await record({
    action: 'connection.deleted',
    objectType: 'connection',
    objectId: GONE,
    before: { name: 'Old CRM' },
    after: null,
  });
  // another tenant's id recorded here (it cannot happen, but names must never cross tenants)
  await record(
    { action: 'connection.tested', objectType: 'connection', objectId: otherConnection },
    { userId: null, tokenId: null, label: 'Nightly 100% token_job' },
  );
});
afterAll(async () => {
  await ledger?.drop();
});

const page = async (raw: Record<string, string> = {}) => {
  const { limit: _limit, ...filter } = readAuditFilter(raw);
  return (await listAuditEntries(db, ledger.tenantId, filter, 50)).entries;
};

describe('audit names', () => {
  it('names connections, flows and actors with links, the ids kept', async () => {
    const named = await nameAuditEntries(db, ledger.tenantId, await page());
    const paused = named.find((e) => e.action === 'connection.paused');
    expect(paused?.objectName).toEqual({
      type: 'connection',
      id: ledger.warehouseConnectionId,
      name: warehouseName,
      href: `/connections/${ledger.warehouseConnectionId}`,
      gone: false,
    });
    expect(paused?.actorHref).toBe('/settings/users');
    const flow = named.find((e) => e.action === 'flow.updated');
    expect(flow?.objectName.href).toBe(`/flows/${ledger.flowId}`);
    expect(flow?.changes).toEqual([{ field: 'retryPolicy.maxAttempts', before: '5', after: '8' }]);
  });

  it('names a deleted object from its snapshot and never another tenant’s object', async () => {
    const named = await nameAuditEntries(db, ledger.tenantId, await page());
    expect(named.find((e) => e.action === 'connection.deleted')?.objectName).toMatchObject({
      name: 'Old CRM',
      href: null,
      gone: true,
    });
    const foreign = named.find((e) => e.action === 'connection.tested');
    expect(foreign?.objectName).toMatchObject({ name: null, href: null });
    expect(foreign?.actorHref).toBeNull();
  });

  it('finds actors by part of their name in any case; wildcards are characters', async () => {
    expect((await page({ actor: 'admin' })).length).toBe(3);
    expect((await page({ actor: 'ACME' })).every((e) => e.actor.label === admin.label)).toBe(true);
    expect((await page({ actor: '100%' })).map((e) => e.action)).toEqual(['connection.tested']);
    expect(await page({ actor: '1_0' })).toEqual([]);
    expect(await page({ actor: 'nobody' })).toEqual([]);
  });
});
