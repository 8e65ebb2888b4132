// The CRM adapter against the real CRM simulator: split names land in the contact, a repeat
// changes nothing, and conflicts, refusals and bad keys get the engine's classes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCrmSimulator, type RunningSim } from '@/simulators/crm/server';
import type { ProviderContext } from '../../port';
import { crmAdapter } from '.';

const KEY = 'crm-integration-key';
let sim: RunningSim;
let ctx: ProviderContext;

async function admin<T>(path: string, payload?: unknown): Promise<T> {
  const res = await fetch(`${sim.url}/_admin/${path}`, {
    method: payload === undefined ? 'GET' : 'POST',
    ...(payload !== undefined && { body: JSON.stringify(payload) }),
  });
  return (await res.json()) as T;
}
async function upsert(command: unknown, credentials = ctx.credentials) {
  const op = crmAdapter.operations.upsert_customer!;
  return op.execute({ ...ctx, credentials }, op.input.parse(command), {
    idempotencyKey: 'k',
    mayHaveBeenSent: true,
  });
}
const lars = { email: 'Lars+Shop@Example.com', fullName: ' Lars  de Vries ', externalRef: '1047' };

beforeAll(async () => {
  sim = await startCrmSimulator({ apiKey: KEY });
  ctx = { baseUrl: sim.url, credentials: { apiKey: KEY }, timeoutMs: 1000 };
});
afterAll(() => sim.close());
beforeEach(() => admin('reset', {}));

describe('CRM adapter against the simulator', () => {
  it('creates the contact with the split name, and an identical repeat changes nothing', async () => {
    const created = await upsert(lars);
    expect(created).toMatchObject({ kind: 'success', providerStatus: 'CREATED' });
    const again = await upsert(lars);
    expect(again).toMatchObject({ kind: 'success', providerStatus: 'UPDATED' });
    expect(again.kind === 'success' && again.externalRef).toBe(
      created.kind === 'success' && created.externalRef,
    );
    const res = await fetch(`${sim.url}/crm/v3/contacts/lars%2Bshop%40example.com`, {
      headers: { 'x-api-key': KEY },
    });
    expect(await res.json()).toMatchObject({ given_name: 'Lars', family_name: 'de Vries' });
    expect(await admin<unknown[]>('side-effects')).toHaveLength(1);
  });

  it('a conflict is retried as rate_limited and writes nothing', async () => {
    await admin('chaos', { conflictRate: 1 });
    const outcome = await upsert(lars);
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'rate_limited' });
    expect(await admin<unknown[]>('side-effects')).toHaveLength(0);
  });

  it('a name the CRM refuses is validation, with the field path', async () => {
    const outcome = await upsert({
      email: 'a@example.com',
      givenName: 'A',
      familyName: 'x'.repeat(101),
    });
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'validation' });
    if (outcome.kind === 'failure') expect(outcome.message).toContain('family_name');
  });

  it('a wrong key is auth and does not leak; an outage is provider_outage', async () => {
    const wrong = await upsert(lars, { apiKey: 'not-the-crm-key' });
    expect(wrong).toMatchObject({ kind: 'failure', errorClass: 'auth' });
    expect(JSON.stringify(wrong)).not.toContain('not-the-crm-key');
    await admin('chaos', { maintenance: true });
    expect(await upsert(lars)).toMatchObject({ kind: 'failure', errorClass: 'provider_outage' });
  });
});
