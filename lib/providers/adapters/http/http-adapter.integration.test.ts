// The generic HTTP kind against Dockyard, the 3PL no coded adapter knows: everything below is
// configuration (settings like the console's example), nothing is Dockyard-specific code. OAuth
// tokens shared and renewed, idempotency by header or by look-up, failures in the engine's
// classes, records read back and listed, a dry run that writes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDockyardSimulator, type RunningSim } from '@/simulators/dockyard/server';
import type { OperationOutcome, ProviderAdapter, ProviderContext } from '../../port';
import { HTTP_SETTINGS_EXAMPLE } from './example';
import { clearTokenCache } from './oauth-token';
import { configuredHttpAdapter } from '.';

const CLIENT = { clientId: 'dock-generic-client', clientSecret: 'dock-generic-secret' };
const OP = 'create_shipment_order';

const SETTINGS = {
  ...HTTP_SETTINGS_EXAMPLE,
  read: {
    ...HTTP_SETTINGS_EXAMPLE.read,
    list: {
      path: '/v2/shipment-orders',
      fromParam: 'updated_from',
      toParam: 'updated_to',
      cursorParam: 'cursor',
      limitParam: 'limit',
      items: 'data',
      nextCursor: 'next_cursor',
    },
  },
};

/** A target without idempotency keys: a create that may repeat looks the reference up first. */
const LOOKUP_SETTINGS = {
  ...HTTP_SETTINGS_EXAMPLE,
  operations: {
    [OP]: {
      method: 'POST',
      path: '/v2/shipment-orders',
      idempotency: {
        type: 'lookup',
        path: '/v2/shipment-orders',
        query: { reference: '{reference}' },
        reference: 'data[0].id',
        status: 'data[0].state',
      },
      response: { reference: 'data.id', status: 'data.state' },
    },
  },
};

interface Tokens {
  issued: number;
  active: number;
}
interface LogEntry {
  id: string;
  reference: string;
  requestId: string | null;
}

function dockyard(sim: () => RunningSim) {
  return async <T>(path: string, payload?: unknown): Promise<T> => {
    const res = await fetch(`${sim().url}/_admin/${path}`, {
      method: payload === undefined ? 'GET' : 'POST',
      ...(payload !== undefined && {
        body: JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      }),
    });
    return (await res.json()) as T;
  };
}

const shipment = (reference: string, extra: Record<string, unknown> = {}) => ({
  reference,
  recipient: { name: 'Anna Jansen', email: 'anna@example.com' },
  lines: [{ sku: 'TENT-2P-GRN', quantity: 2 }],
  total: { amount: '498.00', currency: 'EUR' },
  ...extra,
});

function operationOf(adapter: ProviderAdapter) {
  const op = adapter.operations[OP];
  if (!op) throw new Error(`${OP} is not configured`);
  return op;
}

function success(outcome: OperationOutcome) {
  if (outcome.kind !== 'success')
    throw new Error(`expected success, got ${outcome.errorClass}: ${outcome.message}`);
  return outcome;
}

let sim: RunningSim;
let ctx: ProviderContext;
const admin = dockyard(() => sim);
const adapter = configuredHttpAdapter(SETTINGS);
const op = operationOf(adapter);
const execute = (command: unknown, idempotencyKey: string, mayHaveBeenSent = false) =>
  op.execute(ctx, op.input.parse(command), { idempotencyKey, mayHaveBeenSent });

beforeAll(async () => {
  sim = await startDockyardSimulator({ port: 0, ...CLIENT, seed: 17 });
  ctx = { baseUrl: sim.url, credentials: { ...CLIENT }, timeoutMs: 2000 };
});
afterAll(() => sim.close());
beforeEach(async () => {
  await admin('reset', {});
});

describe('generic HTTP adapter: OAuth client credentials', () => {
  it('fetches one token for many concurrent calls', async () => {
    clearTokenCache();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => execute(shipment(`C-${i}`), `key-c-${i}`)),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(Array(20).fill('success'));
    expect((await admin<Tokens>('tokens')).issued).toBe(1);
    expect(await admin<LogEntry[]>('log')).toHaveLength(20);
  });

  it('renews a token the target expired mid-run: one 401, one new token, the call succeeds', async () => {
    success(await execute(shipment('E-1'), 'key-e-1'));
    const before = (await admin<Tokens>('tokens')).issued;
    await admin('expire-tokens', {});
    const outcome = success(await execute(shipment('E-2'), 'key-e-2'));
    expect(outcome.providerStatus).toBe('booked');
    expect((await admin<Tokens>('tokens')).issued).toBe(before + 1);
    const requests = await admin<{ route: string; status: number; count: number }[]>('requests');
    expect(requests).toContainEqual({ route: 'POST /v2/shipment-orders', status: 401, count: 1 });
    expect((await admin<LogEntry[]>('log')).map((e) => e.reference)).toEqual(['E-1', 'E-2']);
  });

  it('tests the connection: ok with the right client, auth with a wrong secret', async () => {
    const test = adapter.testConnection;
    if (!test) throw new Error('no connection test');
    expect(await test(ctx)).toMatchObject({ ok: true });
    const wrong = await test({ ...ctx, credentials: { ...CLIENT, clientSecret: 'not-it' } });
    expect(wrong).toMatchObject({ ok: false, errorClass: 'auth' });
    expect(JSON.stringify(wrong)).not.toContain('not-it');
  });
});

describe('generic HTTP adapter: create', () => {
  it('creates the record, reading its reference and state from the answer', async () => {
    const outcome = success(await execute(shipment('1047'), 'key-1047'));
    expect(outcome).toMatchObject({
      externalRef: 'DY-000001',
      providerStatus: 'booked',
      alreadyApplied: false,
    });
    expect(await admin<LogEntry[]>('log')).toEqual([
      expect.objectContaining({ id: 'DY-000001', reference: '1047', requestId: 'key-1047' }),
    ]);
  });

  it('a repeated idempotency key is already applied and creates nothing new', async () => {
    const first = success(await execute(shipment('1048'), 'key-1048'));
    const again = success(await execute(shipment('1048'), 'key-1048', true));
    expect(again).toMatchObject({ externalRef: first.externalRef, alreadyApplied: true });
    expect(await admin<LogEntry[]>('log')).toHaveLength(1);
  });

  it('a 429 burst is rate_limited with Retry-After; the next call goes through', async () => {
    success(await execute(shipment('R-0'), 'key-r-0')); // a token in hand: the burst hits the create
    await admin('chaos', { rateLimitNext: { count: 1, retryAfterSeconds: 7 } });
    const limited = await execute(shipment('R-1'), 'key-r-1');
    expect(limited).toMatchObject({
      kind: 'failure',
      errorClass: 'rate_limited',
      retryAfterMs: 7000,
    });
    success(await execute(shipment('R-1'), 'key-r-1', true));
    expect((await admin<LogEntry[]>('log')).map((e) => e.reference)).toEqual(['R-0', 'R-1']);
  });

  it('a 422 is validation, naming the fields', async () => {
    const outcome = await execute(
      shipment('V-1', { recipient: { email: 'x@example.com' }, lines: [] }),
      'key-v-1',
    );
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'validation' });
    if (outcome.kind === 'failure') {
      expect(outcome.message).toContain('recipient.name');
      expect(outcome.message).toContain('lines');
      expect(outcome.exchange.status).toBe(422);
    }
    expect(await admin<LogEntry[]>('log')).toHaveLength(0);
  });

  it('a dry run validates at the target and creates nothing', async () => {
    if (!op.dryRun) throw new Error('no dry run configured');
    const dryRun = (command: unknown) =>
      op.dryRun?.(ctx, op.input.parse(command), { idempotencyKey: 'key-d' });
    const valid = await dryRun(shipment('D-1'));
    expect(valid).toMatchObject({
      kind: 'success',
      externalRef: '(dry run: nothing created)',
      providerStatus: 'booked',
    });
    const invalid = await dryRun(shipment('D-2', { lines: [] }));
    expect(invalid).toMatchObject({ kind: 'failure', errorClass: 'validation' });
    expect(await admin<LogEntry[]>('log')).toHaveLength(0);
    expect(await admin<unknown[]>('records')).toHaveLength(0);
  });

  it('a command without the value a path needs is a mapping failure, sent nowhere', async () => {
    const missing = configuredHttpAdapter({
      ...SETTINGS,
      operations: {
        [OP]: { ...SETTINGS.operations[OP], path: '/v2/shipment-orders/{nothing}' },
      },
    });
    const outcome = await operationOf(missing).execute(ctx, shipment('M-1'), {
      idempotencyKey: 'key-m',
      mayHaveBeenSent: false,
    });
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'mapping' });
    expect(await admin<LogEntry[]>('log')).toHaveLength(0);
  });
});

describe('generic HTTP adapter: reading back', () => {
  it('reads a record by its id and by its business key, and says when it is not there', async () => {
    const created = success(await execute(shipment('2001'), 'key-2001'));
    const read = adapter.recordReaders?.[OP];
    if (!read) throw new Error('no record reader');
    const expected = {
      ref: created.externalRef,
      businessKey: '2001',
      status: 'booked',
      fields: { reference: '2001' },
      updatedAt: expect.any(String) as unknown,
    };
    const byId = await read(ctx, { id: created.externalRef, businessKey: '2001', command: null });
    expect(byId).toMatchObject({ ok: true, record: expected });
    const byKey = await read(ctx, { id: null, businessKey: '2001', command: null });
    expect(byKey).toMatchObject({ ok: true, record: expected });
    expect(await read(ctx, { id: 'DY-999999', businessKey: '2001', command: null })).toMatchObject({
      ok: true,
      record: null,
    });
    expect(await read(ctx, { id: null, businessKey: 'nope', command: null })).toMatchObject({
      ok: true,
      record: null,
    });
  });

  it('lists a window page by page with the cursor', async () => {
    const references = ['L-1', 'L-2', 'L-3', 'L-4', 'L-5'];
    for (const reference of references)
      success(await execute(shipment(reference), `key-${reference}`));
    const listSource = adapter.reconcile?.listSource;
    if (!listSource) throw new Error('no listing');
    const window = {
      eventType: 'shipment.delivered',
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 3_600_000),
      limit: 2,
    };
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await listSource(ctx, { ...window, cursor });
      if (!page.ok) throw new Error(page.message);
      pages.push(page.records.length);
      seen.push(...page.records.map((r) => r.businessKey));
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 10);
    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual(references);
    const empty = await listSource(ctx, {
      ...window,
      from: new Date(Date.now() + 3_600_000),
      to: new Date(Date.now() + 7_200_000),
      cursor: null,
    });
    expect(empty).toEqual({ ok: true, records: [], nextCursor: null });
  });
});

describe('generic HTTP adapter: a target without idempotency keys (the acceptance check)', () => {
  let noKeys: RunningSim;
  const noKeysAdmin = dockyard(() => noKeys);
  const lookupOp = operationOf(configuredHttpAdapter(LOOKUP_SETTINGS));

  beforeAll(async () => {
    noKeys = await startDockyardSimulator({
      port: 0,
      ...CLIENT,
      honourIdempotency: false,
      seed: 23,
    });
  });
  afterAll(() => noKeys.close());

  it('a create that timed out after success is looked up on retry: exactly one record', async () => {
    const quick: ProviderContext = {
      baseUrl: noKeys.url,
      credentials: { ...CLIENT },
      timeoutMs: 300,
    };
    const command = lookupOp.input.parse(shipment('3001'));
    await noKeysAdmin('chaos', { timeoutAfterSuccessRate: 1, hangMs: 1500 });
    const first = await lookupOp.execute(quick, command, {
      idempotencyKey: 'key-3001',
      mayHaveBeenSent: false,
    });
    expect(first).toMatchObject({ kind: 'failure', errorClass: 'timeout' });
    await noKeysAdmin('chaos', { timeoutAfterSuccessRate: 0 });

    // the retry has the usual time budget: only the first call was meant to time out (a short
    // budget here made the look-up itself time out on a loaded machine)
    const retry = await lookupOp.execute({ ...quick, timeoutMs: 5000 }, command, {
      idempotencyKey: 'key-3001',
      mayHaveBeenSent: true,
    });
    expect(retry).toMatchObject({
      kind: 'success',
      externalRef: 'DY-000001',
      providerStatus: 'booked',
      alreadyApplied: true,
    });
    const log = await noKeysAdmin<LogEntry[]>('log');
    expect(log.filter((e) => e.reference === '3001')).toHaveLength(1);
  });

  it('a first attempt creates without a look-up; only a possible repeat looks first', async () => {
    const quick: ProviderContext = {
      baseUrl: noKeys.url,
      credentials: { ...CLIENT },
      timeoutMs: 2000,
    };
    const command = lookupOp.input.parse(shipment('3002'));
    const created = await lookupOp.execute(quick, command, {
      idempotencyKey: 'key-3002',
      mayHaveBeenSent: false,
    });
    expect(created).toMatchObject({ kind: 'success', alreadyApplied: false });
    // Dockyard ignores keys here: without the look-up a repeat is a second record.
    const repeated = await lookupOp.execute(quick, command, {
      idempotencyKey: 'key-3002',
      mayHaveBeenSent: false,
    });
    expect(repeated).toMatchObject({ kind: 'success', alreadyApplied: false });
    const log = await noKeysAdmin<LogEntry[]>('log');
    expect(log.filter((e) => e.reference === '3002')).toHaveLength(2);
  });
});
