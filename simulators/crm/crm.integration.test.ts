import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminClient, sleep } from '../shared-testing';
import { startCrmSimulator } from './server';
import type { RunningSim } from './server';

const KEY = 'crm-test-key';
let sim: RunningSim;
const admin = adminClient(() => sim.url);

interface Contact {
  id: string;
  email: string;
  given_name: string;
  family_name: string;
  external_ref: string | null;
  version: number;
  updated_at: string;
}

const EMAIL = 'anna.jansen+1001@example.com';
const person = (extra: Record<string, unknown> = {}) => ({
  email: EMAIL,
  given_name: 'Anna',
  family_name: 'Jansen',
  external_ref: '1001',
  ...extra,
});

function put(email: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.url}/crm/v3/contacts/${encodeURIComponent(email)}`, {
    method: 'PUT',
    headers: { 'X-Api-Key': KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}
const get = (path: string) => fetch(`${sim.url}${path}`, { headers: { 'X-Api-Key': KEY } });
const effects = async () =>
  (await admin<{ kind: string; version?: number }[]>('side-effects')).json;

beforeAll(async () => {
  sim = await startCrmSimulator({ port: 0, apiKey: KEY, seed: 9 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await admin('reset', {});
});

describe('crm simulator', () => {
  it('refuses calls without the X-Api-Key header', async () => {
    const res = await fetch(`${sim.url}/crm/v3/contacts/${EMAIL}`, {
      method: 'PUT',
      body: JSON.stringify(person()),
    });
    expect(res.status).toBe(401);
    const wrong = await fetch(`${sim.url}/crm/v3/contacts`, { headers: { 'X-Api-Key': 'nope' } });
    expect(wrong.status).toBe(401);
    expect(await effects()).toEqual([]);
  });

  it('creates, updates and ignores an identical repeat', async () => {
    const created = await put(EMAIL, person());
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: 'C-000001',
      version: 1,
      external_ref: '1001',
    });
    const repeat = await put(EMAIL.toUpperCase(), { ...person(), email: EMAIL.toUpperCase() });
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as Contact).version).toBe(1);
    // Omitted optional fields keep their value, so an upsert without external_ref changes nothing.
    const { external_ref: _omit, ...withoutRef } = person();
    expect(((await (await put(EMAIL, withoutRef)).json()) as Contact).version).toBe(1);
    const renamed = await put(EMAIL, person({ family_name: 'Jansen-Berg' }));
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ version: 2, family_name: 'Jansen-Berg' });
    expect(await (await get(`/crm/v3/contacts/${EMAIL}`)).json()).toMatchObject({ version: 2 });
    expect((await get('/crm/v3/contacts/nobody@example.com')).status).toBe(404);
    expect(await effects()).toEqual([
      expect.objectContaining({ kind: 'contact.created', id: 'C-000001', email: EMAIL }),
      expect.objectContaining({ kind: 'contact.updated', id: 'C-000001', external_ref: '1001' }),
    ]);
  });

  it('requires both names and an email matching the path', async () => {
    const res = await put(EMAIL, person({ given_name: '', family_name: undefined }));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: 'validation_failed',
      errors: [
        { path: 'given_name', message: 'required' },
        { path: 'family_name', message: 'required' },
      ],
    });
    const mismatch = await put('other@example.com', person());
    expect(((await mismatch.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'email',
    );
    expect(await effects()).toEqual([]);
  });

  it('answers 409 under conflictRate without writing', async () => {
    await admin('chaos', { conflictRate: 1 });
    const res = await put(EMAIL, person());
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'conflict', message: 'contact is being modified' });
    expect(await effects()).toEqual([]);
    expect((await admin('chaos', { conflictRate: 2 })).status).toBe(400);
  });

  it('lists changes since a time with a cursor', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 5; i++)
      await put(`p${i}@example.com`, person({ email: `p${i}@example.com` }));
    const ids: string[] = [];
    let cursor = '';
    do {
      const page = (await (
        await get(`/crm/v3/contacts?updated_after=${since}&limit=2${cursor && `&cursor=${cursor}`}`)
      ).json()) as { results: Contact[]; next_cursor: string | null };
      ids.push(...page.results.map((c) => c.id));
      cursor = page.next_cursor ?? '';
    } while (cursor);
    expect(ids).toEqual(['C-000001', 'C-000002', 'C-000003', 'C-000004', 'C-000005']);
  });

  it('throttles with Retry-After, survives an outage, and a lost answer still wrote once', async () => {
    await admin('chaos', { rateLimit: { perSecond: 1, burst: 1 } });
    expect((await get('/crm/v3/contacts')).status).toBe(200);
    const limited = await get('/crm/v3/contacts');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    await admin('chaos', { rateLimit: null, outage: { forMs: 150 } });
    expect((await put(EMAIL, person())).status).toBe(503);
    await sleep(200);
    await admin('chaos', { timeoutAfterSuccessRate: 1 });
    await expect(put(EMAIL, person(), { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await admin('chaos', { timeoutAfterSuccessRate: 0 });
    expect((await put(EMAIL, person())).status).toBe(200);
    expect((await effects()).map((e) => e.kind)).toEqual(['contact.created']);
  });
});
