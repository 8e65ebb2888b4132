// What the ledger keeps of each exchange with a provider (issue 18): the request as sent (method,
// URL, headers without the credential, body) and the answer (status, headers, body), stored on the
// attempt's facts by a real drain against the warehouse simulator, and read back by the
// Transaction screen's presenter with the connection's masking rules applied to the sent body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantDb, type Db } from '@/lib/db';
import { getTransactionDetail } from '@/lib/ledger/transaction-detail.presenter';
import { createLogger } from '@/lib/observability/logger';
import { startWarehouseSimulator } from '@/simulators/warehouse/server';
import type { RunningSim } from '@/simulators/shared-http';
import {
  FIXTURE_KEY_RING,
  insertTransaction,
  seededLedger,
  type SeededLedger,
} from '@/test/support/ledger-fixtures';
import { adminJson } from '@/test/support/sims';
import { sampleOrder } from '@/test/support/webhooks';
import { drainConnection, type DrainDeps } from './drain';

const TOKEN = 'wh-token-exchange-facts-0123456789';
let ledger: SeededLedger;
let db: Db;
let warehouse: RunningSim;
let deps: DrainDeps;

beforeAll(async () => {
  warehouse = await startWarehouseSimulator({ port: 0, apiToken: TOKEN, workflowStepMs: 0 });
  ledger = await seededLedger({
    warehouseUrl: warehouse.url,
    warehouseToken: TOKEN,
    retryPolicy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
  });
  db = ledger.db;
  deps = {
    db,
    keyRing: FIXTURE_KEY_RING,
    providerTimeoutMs: 1500,
    leaseMs: 5000,
    batchSize: 10,
    budgetMs: 20_000,
    lanes: 1,
    log: createLogger('silent', 'test'),
    random: () => 0.5,
  };
});
afterAll(async () => {
  await warehouse?.close();
  await ledger?.drop();
});

const drain = () =>
  drainConnection(deps, { tenantId: ledger.tenantId, connectionId: ledger.warehouseConnectionId });
const factsOf = (id: string) =>
  db.timelineEntry.findMany({ where: { transactionId: id }, orderBy: { id: 'asc' } });

describe('exchange facts', () => {
  it('keeps the request as sent and the answer, and never the credential', async () => {
    const id = await insertTransaction(ledger, { body: sampleOrder(7101) });
    await drain();
    const facts = await factsOf(id);
    const command = facts.find((f) => f.type === 'command.sent');
    const answer = facts.find((f) => f.type === 'provider.accepted');
    expect(command?.data).toMatchObject({
      method: 'POST',
      url: `${warehouse.url}/v1/fulfilments`,
      requestHeaders: {
        authorization: '[redacted]',
        'content-type': 'application/json',
        'idempotency-key': expect.any(String) as unknown,
      },
      // the warehouse's own shape, as it went out (the canonical command stays in `request`)
      requestBody: { order_number: '7101', ship_to: { city: 'Berlin', postal_code: '10115' } },
      request: { orderNumber: '7101' },
    });
    expect(answer?.data).toMatchObject({
      status: 201,
      responseHeaders: { 'content-type': expect.stringContaining('json') as unknown },
    });
    expect(JSON.stringify(facts.map((f) => f.data))).not.toContain(TOKEN);
  });

  it('shows each attempt with its request and answer, masked by the rules like every payload', async () => {
    await db.connection.update({
      where: { id: ledger.warehouseConnectionId },
      data: { maskingRules: ['$.ship_to.city'] },
    });
    try {
      const id = await insertTransaction(ledger, { body: sampleOrder(7102) });
      await drain();
      const detail = await getTransactionDetail(tenantDb(db, ledger.tenantId), id, {
        maskPersonalData: false,
      });
      const [row] = detail.attemptRows;
      expect(row?.request).toMatchObject({
        method: 'POST',
        headers: { authorization: '[redacted]' },
        body: { order_number: '7102', ship_to: { city: '•••' } },
      });
      expect(row?.response).toMatchObject({
        headers: { 'content-type': expect.any(String) as unknown },
      });
      expect(detail.payloads.outbound).toMatchObject({
        headers: { authorization: '[redacted]' },
        sentBody: { ship_to: { city: '•••' } },
      });
      expect(JSON.stringify(detail)).not.toContain(TOKEN);
    } finally {
      await db.connection.update({
        where: { id: ledger.warehouseConnectionId },
        data: { maskingRules: [] },
      });
    }
  });

  it('keeps the answer of a failed attempt with its headers', async () => {
    await adminJson(warehouse.url, 'chaos', { maintenance: true });
    try {
      const id = await insertTransaction(ledger, { body: sampleOrder(7103) });
      await drain();
      const failed = (await factsOf(id)).find((f) => f.type === 'provider.failed');
      expect(failed?.data).toMatchObject({
        status: 503,
        responseHeaders: expect.any(Object) as unknown,
      });
    } finally {
      await adminJson(warehouse.url, 'chaos', { maintenance: false, errorRate: 0 });
    }
  });
});
