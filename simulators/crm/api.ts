// The CRM's contacts API (/crm/v3): upsert by email, read one, list changes since a time.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  HttpError,
  decodeCursor,
  encodeCursor,
  queryInt,
  queryTime,
  readJson,
  sendJson,
} from '../shared-http';
import type { Route, RouteContext } from '../shared-http';
import { answerWrite, applyChaos } from '../shared-chaos';
import type { ChaosRuntime, CommonChaos } from '../shared-chaos';
import { isPlainObject } from '../shared-runtime';
import { validateContact } from './contacts';
import type { Contact, ContactStore } from './contacts';

export interface CrmChaos extends CommonChaos {
  /** Probability of 409 "contact is being modified" (another writer holds the record). */
  conflictRate: number;
}

export interface CrmState {
  apiKey: string;
  store: ContactStore;
  chaos: CrmChaos;
  rt: ChaosRuntime;
}

export function gate(state: CrmState, req: IncomingMessage): Promise<void> {
  const authorized = (r: IncomingMessage): boolean => {
    const header = r.headers['x-api-key'];
    const given = Buffer.from(typeof header === 'string' ? header : '');
    const expected = Buffer.from(state.apiKey);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return applyChaos(state.chaos, state.rt, req, { authorized });
}

const seqOf = (c: Contact): number => Number(c.id.slice(2));

async function upsert(state: CrmState, ctx: RouteContext): Promise<void> {
  const body = await readJson(ctx.req, { error: 'invalid_json' });
  const input = validateContact(ctx.params[0] ?? '', body);
  if (!input.ok) throw new HttpError(422, { error: 'validation_failed', errors: input.errors });
  // After validation: a malformed request is refused the same way every time, a conflict is luck.
  if (state.rt.rng.chance(state.chaos.conflictRate)) {
    throw new HttpError(409, { error: 'conflict', message: 'contact is being modified' });
  }
  const { result, contact } = state.store.upsert(input.value);
  answerWrite(state.chaos, state.rt, ctx, result === 'created' ? 201 : 200, contact);
}

function getContact(state: CrmState, { res, params }: RouteContext): void {
  const contact = state.store.get(params[0] ?? '');
  if (!contact) throw new HttpError(404, { error: 'not_found' });
  sendJson(res, 200, contact);
}

/**
 * Changes since `updated_after` (inclusive, so a boundary write is seen twice rather than missed),
 * oldest first, keyset-paged over (updated_at, id).
 */
function listContacts(state: CrmState, { res, url }: RouteContext): void {
  const invalid = (path: string, message: string) =>
    new HttpError(422, { error: 'validation_failed', errors: [{ path, message }] });
  const limit = queryInt(url, 'limit', 100, 1, 500);
  if (limit === undefined) throw invalid('limit', 'must be an integer between 1 and 500');
  const after = queryTime(url, 'updated_after');
  if (after === null) throw invalid('updated_after', 'must be an ISO-8601 timestamp');
  let cursor: { u: number; n: number } | undefined;
  const raw = url.searchParams.get('cursor');
  if (raw) {
    const c = decodeCursor(raw);
    if (!isPlainObject(c) || typeof c.u !== 'number' || typeof c.n !== 'number') {
      throw invalid('cursor', 'invalid');
    }
    cursor = { u: c.u, n: c.n };
  }
  const rows = state.store
    .all()
    .map((c) => ({ c, u: Date.parse(c.updated_at), n: seqOf(c) }))
    .filter(({ u, n }) => {
      if (after !== undefined && u < after) return false;
      return !cursor || u > cursor.u || (u === cursor.u && n > cursor.n);
    })
    .sort((a, b) => a.u - b.u || a.n - b.n);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? encodeCursor({ u: last.u, n: last.n }) : null;
  sendJson(res, 200, { results: page.map((r) => r.c), next_cursor: next });
}

export function apiRoutes(state: CrmState): Route[] {
  const one = /^\/crm\/v3\/contacts\/([^/]+)$/;
  return [
    {
      method: 'PUT',
      path: one,
      name: 'PUT /crm/v3/contacts/:email',
      handle: (ctx) => upsert(state, ctx),
    },
    {
      method: 'GET',
      path: one,
      name: 'GET /crm/v3/contacts/:email',
      handle: (ctx) => getContact(state, ctx),
    },
    {
      method: 'GET',
      path: /^\/crm\/v3\/contacts$/,
      name: 'GET /crm/v3/contacts',
      handle: (ctx) => listContacts(state, ctx),
    },
  ];
}
