// What the console does with members, API tokens and mapping versions, done by a script with an
// API token: list members, invite and revoke, change a person's role, issue them a reset link,
// sign them out and remove them; issue a token (from an admin's session: a token may not issue
// one), use it, revoke it (401 from then on); create mapping versions for a flow, read them back,
// activate, roll back, test-run. The script's calls go through the typed client generated from the
// OpenAPI document (e2e/support/api), and the server checks each answer against that document
// (API_RESPONSE_CHECK in the test stack), so a status of success is also a contract check.
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { issuedApiTokenResponse } from '@/lib/api-tokens/api-tokens-api';
import { createDb, type Db } from '@/lib/db';
import { displayPrefixOf, generateApiTokenSecret, hashApiToken } from '@/lib/identity/api-token';
import type { Permission } from '@/lib/base/permissions';
import { expect, registerSecret, test } from '../../support';
import { apiClient, type ApiClient } from '../../support/api/client';
import { freshPerson } from '../../support/fresh-person';

const NAME = 'e2e configuration api';
const unique = () => randomBytes(4).toString('hex');

let db: Db;
let acmeId = '';
/** the script's token: what Users and roles, API tokens and the flow screens need */
let token = '';
let tokenId = '';
const createdFlows: string[] = [];

/** A token straight in the ledger, as `waybill token create` stores one (no member issuer). */
async function tokenWith(scopes: Permission[], label: string) {
  const secret = generateApiTokenSecret();
  registerSecret(secret, `e2e ${label} token`);
  const row = await db.apiToken.create({
    data: {
      tenantId: acmeId,
      name: `${NAME} ${label}`,
      prefix: displayPrefixOf(secret),
      tokenHash: hashApiToken(secret),
      scopes,
    },
    select: { id: true },
  });
  return { secret, id: row.id };
}

test.beforeAll(async () => {
  // e2e/global-setup.ts only hands out the suite's own database (it refuses any other).
  db = createDb({ connectionString: process.env.E2E_DATABASE_URL ?? '', poolSize: 2 });
  acmeId = (await db.tenant.findUniqueOrThrow({ where: { slug: 'acme' } })).id;
  ({ secret: token, id: tokenId } = await tokenWith(
    ['members.manage', 'tokens.manage', 'mappings.read', 'mappings.manage'],
    'script',
  ));
});

test.afterAll(async () => {
  // a spec that failed half-way leaves no flow of its own behind (no transactions: deletable)
  for (const id of createdFlows) {
    const where = { id, tenantId: acmeId, transactions: { none: {} } };
    await db.flow
      .updateMany({ where, data: { activeMappingVersionId: null } })
      .then(() => db.flow.deleteMany({ where }))
      .catch(() => undefined);
  }
  await db.apiToken.deleteMany({ where: { tenantId: acmeId, name: { startsWith: NAME } } });
  await db.$disconnect();
});

/**
 * Sends the typed client's requests through the test's `request` context. The leak scanner
 * (e2e/support/secret-scan.ts) reads what Playwright's request contexts answer; Node's own fetch,
 * which the client uses by default, it never sees.
 */
/** The typed client acting with `secret` (the script's token unless told), its answers scanned. */
function scriptAs(context: APIRequestContext, secret = token): ApiClient {
  return apiClient(context, secret);
}

/** The answer's body once its status is the expected one (else the error body says why). */
function answer<T>(result: { data?: T; error?: unknown; response: Response }, status: number): T {
  expect(result.response.status, JSON.stringify(result.error ?? result.data)).toBe(status);
  if (result.data === undefined) throw new Error(`a ${status} answer without a body`);
  return result.data;
}

test('a script lists members, invites and revokes, and manages a person from role to removal', async ({
  request,
  secretScan,
}) => {
  const api = scriptAs(request);
  const listed = answer(await api.GET('/api/v1/members'), 200);
  expect(listed.members).toEqual(
    expect.arrayContaining([expect.objectContaining({ email: 'admin@acme.test', role: 'admin' })]),
  );
  expect(listed.adminCount).toBeGreaterThanOrEqual(1);

  // invite: the link is answered this once, and not kept by any cache
  const email = `e2e-api-${unique()}@example.test`;
  const invitedResult = await api.POST('/api/v1/invitations', { body: { email, role: 'viewer' } });
  expect(invitedResult.response.headers.get('cache-control')).toContain('no-store');
  const invited = answer(invitedResult, 201);
  expect(invited).toMatchObject({ email, path: expect.stringMatching(/^\/invite\/[\w-]{43}$/) });
  // from here on no response may carry the link's secret (the scan of the answer above is done)
  await secretScan.settle();
  registerSecret(invited.path.split('/').pop() ?? '', 'e2e API invitation secret');

  const pending = answer(await api.GET('/api/v1/members'), 200);
  expect(pending.invitations).toContainEqual(
    expect.objectContaining({ id: invited.id, email, role: 'viewer', invitedBy: null }),
  );
  // already a member: refused in words
  const member = await api.POST('/api/v1/invitations', {
    body: { email: 'support@acme.test', role: 'viewer' },
  });
  expect(member.response.status).toBe(409);

  const invitation = { params: { path: { id: invited.id } } };
  const revoked = await api.DELETE('/api/v1/invitations/{id}', invitation);
  expect(answer(revoked, 200)).toEqual({ id: invited.id, revoked: true });
  expect((await api.DELETE('/api/v1/invitations/{id}', invitation)).response.status).toBe(409);
  const after = answer(await api.GET('/api/v1/members'), 200);
  expect(after.invitations.map((i) => i.id)).not.toContain(invited.id);

  const audit = await db.auditEntry.findMany({
    where: { tenantId: acmeId, objectId: invited.id },
    orderBy: { seq: 'asc' },
    select: { action: true, actorTokenId: true, actorUserId: true },
  });
  expect(audit).toEqual([
    { action: 'member.invited', actorTokenId: tokenId, actorUserId: null },
    { action: 'member.invitation_revoked', actorTokenId: tokenId, actorUserId: null },
  ]);

  // a person of this spec's own (changing a demo user would disturb the specs beside it)
  const person = await freshPerson(db, [{ tenantId: acmeId, role: 'viewer' }]);
  const personPath = { params: { path: { userId: person.id } } };
  const changed = await api.PATCH('/api/v1/members/{userId}', {
    ...personPath,
    body: { role: 'support' },
  });
  expect(answer(changed, 200)).toEqual({ changed: true, role: 'support' });
  const same = await api.PATCH('/api/v1/members/{userId}', {
    ...personPath,
    body: { role: 'support' },
  });
  expect(answer(same, 200)).toMatchObject({ changed: false });
  // a role the document does not name: the typed client would not send it, so by hand
  const badRole = await request.patch(`/api/v1/members/${person.id}`, {
    headers: { authorization: `Bearer ${token}` },
    data: { role: 'owner' },
  });
  expect(badRole.status()).toBe(422);

  const reset = answer(
    await api.POST('/api/v1/members/{userId}/password-reset', { ...personPath, body: {} }),
    201,
  );
  expect(reset).toMatchObject({
    email: person.email,
    path: expect.stringMatching(/^\/reset-password\/[\w-]{43}$/),
  });
  await secretScan.settle();
  registerSecret(reset.path.split('/').pop() ?? '', 'e2e API password reset secret');

  // where they are signed in: nowhere yet; an unknown session ends nothing, and says so
  const where = answer(await api.GET('/api/v1/members/{userId}/sessions', personPath), 200);
  expect(where.sessions).toEqual([]);
  const none = await api.DELETE('/api/v1/members/{userId}/sessions/{sessionId}', {
    params: { path: { userId: personPath.params.path.userId, sessionId: randomUUID() } },
  });
  expect(answer(none, 200)).toEqual({ ended: false });
  const ended = await api.DELETE('/api/v1/members/{userId}/sessions', personPath);
  expect(answer(ended, 200)).toEqual({ ended: 0 });

  const removed = await api.DELETE('/api/v1/members/{userId}', personPath);
  expect(answer(removed, 200)).toEqual({ userId: person.id, removed: true });
  expect((await api.DELETE('/api/v1/members/{userId}', personPath)).response.status).toBe(404);
  const gone = answer(await api.GET('/api/v1/members'), 200);
  expect(gone.members.map((m) => m.userId)).not.toContain(person.id);
});

test('an admin issues a token, a script revokes it, and the token answers 401 from then on', async ({
  request,
  page,
  login,
  baseURL,
  secretScan,
}) => {
  const api = scriptAs(request);
  const body = {
    name: `${NAME} issued ${unique()}`,
    scopes: ['transactions.read' as const],
    expiry: 30,
  };
  // A token never issues a token: no person would stand behind the new one.
  const byToken = await api.POST('/api/v1/tokens', { body });
  expect(byToken.response.status).toBe(403);
  expect(byToken.error).toMatchObject({
    error: 'FORBIDDEN',
    message: expect.stringContaining('may not issue'),
  });

  // The same operation from a signed-in admin's console session (same origin), within the
  // tenant's maximum lifetime ("never" is beyond every maximum).
  await login.signInAs('admin');
  const post = (data: unknown) =>
    page.request.post('/api/v1/tokens', { data, headers: { origin: baseURL ?? '' } });
  expect((await post({ ...body, expiry: 'never' })).status()).toBe(422);
  const issuedResponse = await post(body);
  expect(issuedResponse.headers()['cache-control']).toContain('no-store');
  expect(issuedResponse.status(), await issuedResponse.text()).toBe(201);
  const issued = issuedApiTokenResponse.parse(await issuedResponse.json());
  expect(issued.secret.startsWith(issued.prefix)).toBe(true);
  // the issuing answer is scanned; from now on nothing else may ever contain the secret
  await secretScan.settle();
  registerSecret(issued.secret, 'e2e API-issued token');

  const issuedApi = scriptAs(request, issued.secret);
  expect((await issuedApi.GET('/api/v1/error-groups')).response.status).toBe(200);
  // its scopes are its limit, whatever its issuer may do
  expect((await issuedApi.GET('/api/v1/members')).response.status).toBe(403);

  const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@acme.test' } });
  const listed = answer(await api.GET('/api/v1/tokens'), 200);
  expect(listed.tokens).toContainEqual(
    expect.objectContaining({
      id: issued.id,
      name: body.name,
      scopes: ['transactions.read'],
      createdBy: admin.name,
      state: 'active',
    }),
  );

  const issuedToken = { params: { path: { id: issued.id } } };
  const revoked = await api.DELETE('/api/v1/tokens/{id}', issuedToken);
  expect(answer(revoked, 200)).toMatchObject({ id: issued.id, alreadyRevoked: false });
  const again = await api.DELETE('/api/v1/tokens/{id}', issuedToken);
  expect(answer(again, 200)).toMatchObject({ alreadyRevoked: true });
  const refused = await issuedApi.GET('/api/v1/error-groups');
  expect(refused.response.status).toBe(401);
  expect(refused.response.headers.get('www-authenticate')).toMatch(/^Bearer/);

  const after = answer(await api.GET('/api/v1/tokens'), 200);
  expect(after.tokens.find((t) => t.id === issued.id)?.state).toBe('revoked');
});

test('a script creates mapping versions for a flow, reads them back, activates, rolls back and test-runs', async ({
  request,
  sendPaidOrder,
}) => {
  const api = scriptAs(request);
  const connections = Object.fromEntries(
    (
      await db.connection.findMany({ where: { tenantId: acmeId }, select: { key: true, id: true } })
    ).map((c) => [c.key, c.id]),
  );
  // A flow of its own: refunds to the CRM (no spec sends refunds, so it never gets transactions).
  const flow = await api.POST('/api/v1/flows', {
    body: {
      name: 'e2e mapping versions',
      key: `e2e-mapping-versions-${unique()}`,
      sourceConnectionId: connections.commerce ?? '',
      eventType: 'refund.created',
      targetConnectionId: connections.crm ?? '',
      operation: 'upsert_customer',
    },
  });
  const { id: flowId } = answer(flow, 201);
  createdFlows.push(flowId);
  const flowPath = { params: { path: { id: flowId } } };
  const versions = '/api/v1/flows/{id}/mapping-versions';

  const empty = answer(await api.GET(versions, flowPath), 200);
  expect(empty).toMatchObject({ id: flowId, activeVersion: null, rollBackTo: null, versions: [] });

  const v1 = {
    expression: '{ "email": email, "name": customer.first_name & " " & customer.last_name }',
    statusTable: { created: 'completed', updated: 'completed', rejected: 'failed' } as const,
    fieldOwnership: { email: 'commerce' },
    note: 'e2e: first version',
  };
  const created = await api.POST(versions, { ...flowPath, body: v1 });
  expect(answer(created, 201)).toMatchObject({ version: 1 });

  // refused for its content: per field, and nothing stored
  const refused = await api.POST(versions, {
    ...flowPath,
    body: { ...v1, expression: '{ "email": ', statusTable: { created: 'needs_review' } },
  });
  expect(refused.response.status).toBe(422);
  expect(refused.error).toMatchObject({
    error: 'VALIDATION_FAILED',
    issues: {
      fieldErrors: { expression: [expect.any(String)], statusTable: [expect.any(String)] },
    },
  });

  const one = answer(await api.GET(versions, flowPath), 200);
  expect(one.versions).toEqual([
    expect.objectContaining({ version: 1, note: v1.note, active: false }),
  ]);
  expect(one.draft.expression).toBe(v1.expression);

  // what GET answers as the draft (JSON fields as text) posts back as a new version
  const v2 = await api.POST(versions, {
    ...flowPath,
    body: { ...one.draft, note: 'e2e: round trip' },
  });
  expect(answer(v2, 201)).toMatchObject({ version: 2 });

  const activation = '/api/v1/flows/{id}/mapping-versions/{version}/activate';
  const versionPath = (version: number) => ({ params: { path: { id: flowId, version } } });
  const activate = async (version: number) =>
    answer(await api.POST(activation, versionPath(version)), 200);
  expect(await activate(2)).toEqual({ version: 2, previousVersion: null });
  expect(await activate(1)).toEqual({ version: 1, previousVersion: 2 });
  expect((await api.POST(activation, versionPath(1))).response.status).toBe(409);
  expect((await api.POST(activation, versionPath(9))).response.status).toBe(404);

  const before = answer(await api.GET(versions, flowPath), 200);
  expect(before).toMatchObject({ activeVersion: 1, rollBackTo: 2 });
  const rolledBack = await api.POST('/api/v1/flows/{id}/mapping-versions/roll-back', flowPath);
  expect(answer(rolledBack, 200)).toEqual({ version: 2, previousVersion: 1 });
  const listed = answer(await api.GET(versions, flowPath), 200);
  expect(listed.activeVersion).toBe(2);
  expect(listed.versions.map((v) => [v.version, v.active])).toEqual([
    [2, true],
    [1, false],
  ]);

  const audit = await db.auditEntry.findMany({
    where: { tenantId: acmeId, objectId: flowId, action: { startsWith: 'mapping.' } },
    orderBy: { seq: 'asc' },
    select: { action: true, actorTokenId: true },
  });
  expect(audit.map((a) => a.action)).toEqual([
    'mapping.version_created',
    'mapping.version_created',
    'mapping.activated',
    'mapping.activated',
    'mapping.rolled_back',
  ]);
  expect(new Set(audit.map((a) => a.actorTokenId))).toEqual(new Set([tokenId]));

  // A test run needs a stored payload: an order of this spec's own, on a demo flow.
  const orderNumber = await sendPaidOrder();
  const demo = await db.flow.findFirstOrThrow({
    where: { tenantId: acmeId, key: 'orders-paid-to-warehouse' },
    select: { id: true },
  });
  const demoPath = { params: { path: { id: demo.id } } };
  const payloads = answer(await api.GET(versions, demoPath), 200);
  const payload = payloads.testPayloads.find((p) => p.businessKey === String(orderNumber));
  expect(payload, `order ${orderNumber} among the test payloads`).toBeDefined();
  const inboundEventId = payload?.id ?? '';

  const testRun = '/api/v1/flows/{id}/mapping-versions/test-run';
  const ran = answer(await api.POST(testRun, { ...demoPath, body: { inboundEventId } }), 200);
  // the active version itself: nothing to compare it with
  expect(ran).toMatchObject({
    inboundEventId,
    ran: `version ${payloads.activeVersion}`,
    comparison: null,
  });
  // the script's token lacks personal_data.read: the buyer's email is masked at every step
  expect(JSON.stringify(ran)).not.toContain(`buyer${orderNumber}@example.com`);

  // A reader may test-run saved versions, not drafts (an editor's tool), and never writes.
  const { secret: reader } = await tokenWith(['mappings.read'], 'reader');
  const readerApi = scriptAs(request, reader);
  const saved = await readerApi.POST(testRun, { ...demoPath, body: { inboundEventId } });
  expect(saved.response.status).toBe(200);
  const draft = await readerApi.POST(testRun, {
    ...demoPath,
    body: { inboundEventId, expression: '$' },
  });
  expect(draft.response.status).toBe(403);
  expect(draft.error).toMatchObject({
    message: expect.stringContaining('mappings.manage'),
  });
  expect((await readerApi.POST(versions, { ...flowPath, body: v1 })).response.status).toBe(403);

  // the flow never carried anything: it goes, with its versions
  expect((await api.DELETE('/api/v1/flows/{id}', flowPath)).response.status).toBe(200);
  expect((await api.GET(versions, flowPath)).response.status).toBe(404);
});
