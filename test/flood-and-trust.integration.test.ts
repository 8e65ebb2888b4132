// Acceptance (issue 16, parts 5 and 6) against the real web app, PostgreSQL and Redis:
// - a flood of 10,000 badly signed deliveries to one connection is answered 429 once past its
//   refused budget, its stored rows stay bounded, and valid deliveries of another connection, sent
//   at the same time, are all accepted;
// - rotating X-Forwarded-For does not get round the per-address sign-in limit and never reaches
//   the audit log (no proxy is trusted: TRUSTED_PROXY_HOPS=0), nor does a client's x-request-id;
// - an API token acts with its issuer's current role (403 beyond it), stops with its issuer's
//   removal (401), and lives no longer than the tenant's maximum;
// - with Redis gone, deliveries are still recorded (the limits fail open).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '@/lib/api-tokens/issue-api-token';
import { startStack, TEST_SECRETS, type Stack } from './support/stack';
import { sampleOrder, signedOrderWebhook } from './support/webhooks';

const FLOOD = 10_000;
const REFUSED_PER_CONNECTION = 200;
const FLOOD_WINDOW_SECONDS = 300;
/** How many fixed windows of `seconds` the span from `fromMs` to `toMs` touches. */
const windowsTouched = (fromMs: number, toMs: number, seconds: number) =>
  Math.floor(toMs / (seconds * 1000)) - Math.floor(fromMs / (seconds * 1000)) + 1;
const KEEP = 50;
const SIGN_IN_LIMIT = 5;

let stack: Stack;
let floodConnectionId: string;
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

beforeAll(async () => {
  stack = await startStack({
    worker: false,
    webEnv: {
      TRUSTED_PROXY_HOPS: '0',
      INGEST_LIMIT_WINDOW_SECONDS: String(FLOOD_WINDOW_SECONDS),
      INGEST_REFUSED_PER_CONNECTION: String(REFUSED_PER_CONNECTION),
      // both senders are on loopback here: the per-address budget is covered by
      // lib/ingest/ingest-limits.integration.test.ts
      INGEST_REFUSED_PER_ADDRESS: '1000000',
      INGEST_REFUSED_KEEP: String(KEEP),
      SIGN_IN_IP_MAX_ATTEMPTS: String(SIGN_IN_LIMIT),
      SIGN_IN_IP_WINDOW_SECONDS: '600',
      // 10,000 requests on 2 cores beside other suites: a refusal's row may wait past the default
      // ledger-write deadline, and (the refusals of one connection take turns on its count row)
      // past the pool's connect timeout for a connection, either answered 503 (tested in
      // ledger-unavailable); not what this tests. A CI run of a loaded box saw one such 503.
      INGEST_DEADLINE_MS: '30000',
      DB_CONNECT_TIMEOUT_MS: '30000',
    },
  });
  // a second storefront connection of the same tenant: the flood's target
  const columns = (
    await stack.db.$queryRaw<{ name: string }[]>`
      SELECT column_name AS name FROM information_schema.columns
      WHERE table_name = 'connections' AND table_schema = current_schema()`
  ).map((c) => c.name);
  const pick = columns.map((c) =>
    c === 'id'
      ? 'gen_random_uuid()'
      : c === 'key'
        ? `'shop-eu'`
        : c === 'name'
          ? `'Shop EU'`
          : `"${c}"`,
  );
  await stack.db.$executeRawUnsafe(
    `INSERT INTO connections (${columns.map((c) => `"${c}"`).join(', ')})
     SELECT ${pick.join(', ')} FROM connections WHERE id = $1::uuid`,
    stack.connectionIds.commerce,
  );
  floodConnectionId = (
    await stack.db.connection.findFirstOrThrow({ where: { key: 'shop-eu' }, select: { id: true } })
  ).id;
});
afterAll(async () => {
  agent.destroy();
  await stack?.stop();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(
  url: string,
  method: string,
  body: string,
  headers: Record<string, string>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.on('timeout', () => request.destroy(new Error('request timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

/** Runs `count` calls of `one` with at most `width` in flight. */
async function pool<T>(count: number, width: number, one: (i: number) => Promise<T>) {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await one(i);
      }
    }),
  );
  return results;
}

const ingestUrl = (connection: string) => `${stack.web.url}/api/ingest/acme/${connection}`;

describe('a flood of badly signed deliveries', () => {
  it('is rate-limited, stores bounded rows, and leaves another connection unaffected', async () => {
    const started = Date.now();
    const forged = signedOrderWebhook(sampleOrder(7001), 'not-the-secret');
    const flood = pool(FLOOD, 24, () =>
      send(ingestUrl('shop-eu'), 'POST', forged.body, forged.headers),
    );
    const valid = pool(40, 4, async (i) => {
      const hook = signedOrderWebhook(sampleOrder(8000 + i), TEST_SECRETS.webhookSecret);
      return send(stack.ingestUrl, 'POST', hook.body, hook.headers);
    });
    const [flooded, accepted] = await Promise.all([flood, valid]);
    const elapsed = Date.now() - started;

    const statuses = new Map<number, number>();
    for (const a of flooded) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    console.info('flood statuses', Object.fromEntries(statuses), `${elapsed} ms`);
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
    // The limit is a fixed window (lib/queue/fixed-window.ts): a flood that crosses a window's edge
    // (about one run in twelve: 25 s of a 300 s window) gets a second window's refusals, no more.
    const windows = windowsTouched(started, Date.now(), FLOOD_WINDOW_SECONDS);
    expect(statuses.get(401)).toBeGreaterThanOrEqual(REFUSED_PER_CONNECTION);
    expect(statuses.get(401)).toBeLessThanOrEqual(REFUSED_PER_CONNECTION * windows);
    const limited = flooded.find((a) => a.status === 429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited?.body ?? '{}')).toMatchObject({ error: 'RATE_LIMITED' });

    // every valid delivery of the other connection was accepted and recorded
    expect(accepted.map((a) => a.status)).toEqual(Array.from({ length: 40 }, () => 202));
    expect(
      await stack.db.inboundEvent.count({
        where: { connectionId: stack.connectionIds.commerce, status: 'accepted' },
      }),
    ).toBe(40);

    // bounded: the latest KEEP refused rows, and the count of every refused one
    expect(await stack.db.inboundEvent.count({ where: { connectionId: floodConnectionId } })).toBe(
      KEEP,
    );
    const counted = await stack.db.inboundRefusalCount.findUniqueOrThrow({
      where: { connectionId: floodConnectionId },
    });
    expect(Number(counted.refused)).toBe(statuses.get(401));
  }, 180_000);

  it('answers unknown tenants and connections exactly as a wrong signature', async () => {
    // the flood's target is past its budget; commerce is not
    const forged = signedOrderWebhook(sampleOrder(7002), 'not-the-secret');
    const wrong = await send(stack.ingestUrl, 'POST', forged.body, forged.headers);
    const hook = signedOrderWebhook(sampleOrder(7003), TEST_SECRETS.webhookSecret);
    for (const path of ['nobody/commerce', 'acme/nothing']) {
      const answer = await send(
        `${stack.web.url}/api/ingest/${path}`,
        'POST',
        hook.body,
        hook.headers,
      );
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: wrong.status,
        body: wrong.body,
      });
    }
    expect(wrong.status).toBe(401);
  });
});

describe('client-chosen addresses and request ids (no trusted proxy)', () => {
  async function attemptSignIn(email: string, password: string, headers: Record<string, string>) {
    const csrf = await fetch(`${stack.web.url}/api/auth/csrf`);
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const answer = await fetch(`${stack.web.url}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
      body: new URLSearchParams({ csrfToken, email, password }),
    });
    const location = answer.headers.get('location') ?? '';
    return location.includes('error=THROTTLED')
      ? 'throttled'
      : location.includes('error=')
        ? 'refused'
        : 'signed in';
  }

  it("writes neither a client's x-request-id nor its X-Forwarded-For into the audit log", async () => {
    const finance = await stack.db.user.findUniqueOrThrow({
      where: { email: 'finance@acme.test' },
      select: { id: true },
    });
    expect(
      await attemptSignIn('finance@acme.test', 'wrong password', {
        'x-request-id': 'client-chosen-request-0001',
        'x-forwarded-for': '198.51.100.77',
      }),
    ).toBe('refused');
    const [entry] = await stack.db.auditEntry.findMany({
      where: { action: 'auth.sign_in_failed', objectId: finance.id },
      orderBy: { seq: 'desc' },
      take: 1,
    });
    expect(entry?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry?.requestId).not.toBe('client-chosen-request-0001');
    expect(entry?.after).toMatchObject({ ip: '127.0.0.1' });
    expect(entry?.actorLabel).toBe('sign-in from 127.0.0.1');
  });

  it('does not let X-Forwarded-For rotation get round the per-address limit', async () => {
    // one attempt was made above; the limit counts them per socket address, whatever is claimed
    // (a real account, so the refused attempts are audited with the address they came from)
    const verdicts: string[] = [];
    for (let i = 1; i <= SIGN_IN_LIMIT + 2; i++)
      verdicts.push(
        await attemptSignIn('viewer@acme.test', `wrong password ${i}`, {
          'x-forwarded-for': `203.0.113.${i}`,
        }),
      );
    expect(verdicts).toEqual([
      ...Array.from({ length: SIGN_IN_LIMIT - 1 }, () => 'refused'),
      'throttled',
      'throttled',
      'throttled',
    ]);
    const invented = await stack.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM audit_entries
      WHERE row_to_json(audit_entries)::text LIKE '%203.0.113.%'
         OR row_to_json(audit_entries)::text LIKE '%198.51.100.77%'`;
    expect(Number(invented[0]?.n)).toBe(0);
    const audited = await stack.db.auditEntry.count({
      where: { action: 'auth.sign_in_failed', actorLabel: 'sign-in from 127.0.0.1' },
    });
    expect(audited).toBe(SIGN_IN_LIMIT);
  });
});

describe("API tokens within their issuer's bounds", () => {
  const get = (path: string, secret: string) =>
    fetch(`${stack.web.url}${path}`, { headers: { authorization: `Bearer ${secret}` } });

  it("answers 403 beyond the issuer's current role and 401 once the issuer is removed", async () => {
    const support = await stack.db.user.findUniqueOrThrow({
      where: { email: 'support@acme.test' },
      select: { id: true, name: true },
    });
    const token = await issueApiToken(stack.db, stack.tenantId, {
      name: 'support script',
      scopes: ['transactions.read', 'audit.read'],
      expiry: '30',
      actor: { kind: 'user', userId: support.id, name: support.name },
    });
    expect((await get('/api/v1/transactions', token.secret)).status).toBe(200);
    const beyond = await get('/api/v1/audit', token.secret);
    expect(beyond.status).toBe(403);
    expect(await beyond.text()).toContain("issuer's role (support)");

    await stack.db.membership.delete({
      where: { tenantId_userId: { tenantId: stack.tenantId, userId: support.id } },
    });
    expect((await get('/api/v1/transactions', token.secret)).status).toBe(401);
  });

  it("refuses a token older than the tenant's maximum lifetime", async () => {
    const admin = await stack.db.user.findUniqueOrThrow({
      where: { email: 'admin@acme.test' },
      select: { id: true, name: true },
    });
    const token = await issueApiToken(stack.db, stack.tenantId, {
      name: 'old script',
      scopes: ['transactions.read'],
      expiry: '90',
      actor: { kind: 'user', userId: admin.id, name: admin.name },
      now: new Date(Date.now() - 40 * 86_400_000),
    });
    expect((await get('/api/v1/transactions', token.secret)).status).toBe(200);
    await stack.db.tenant.update({
      where: { id: stack.tenantId },
      data: { maxTokenLifetimeDays: 30 },
    });
    expect((await get('/api/v1/transactions', token.secret)).status).toBe(401);
    await expect(
      issueApiToken(stack.db, stack.tenantId, {
        name: 'too long',
        scopes: ['transactions.read'],
        expiry: '90',
        actor: { kind: 'user', userId: admin.id, name: admin.name },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('without Redis', () => {
  it('still records deliveries: the limits fail open', async () => {
    await stack.redis.proc.stop();
    const hook = signedOrderWebhook(sampleOrder(9001), TEST_SECRETS.webhookSecret);
    const answer = await send(stack.ingestUrl, 'POST', hook.body, hook.headers);
    expect(answer.status).toBe(202);
    const forged = signedOrderWebhook(sampleOrder(9002), 'not-the-secret');
    // the refused budget of commerce is not reached; without Redis it is not counted at all
    expect((await send(stack.ingestUrl, 'POST', forged.body, forged.headers)).status).toBe(401);
  });
});
