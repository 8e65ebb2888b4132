// Stripe's request conventions: bodies as JSON or form-encoded with bracket keys (what the official
// SDK sends), Stripe-shaped errors, and newest-first cursor lists.
import type { IncomingMessage } from 'node:http';
import { HttpError, readRawBody } from '../shared-http';
import { isPlainObject } from '../shared-runtime';

export function stripeError(
  status: number,
  message: string,
  extra: { type?: string; code?: string; param?: string } = {},
): HttpError {
  const { type = 'invalid_request_error', ...rest } = extra;
  return new HttpError(status, { error: { type, message, ...rest } });
}

/** `metadata[order_id]=1` -> { metadata: { order_id: '1' } }; values stay strings, as in Stripe. */
function parseForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parts = key.split(/\[|\]\[|\]$/).filter((p) => p !== '');
    let node = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = value;
        return;
      }
      const child = node[part];
      node = isPlainObject(child) ? child : (node[part] = {});
    });
  }
  return out;
}

export async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readRawBody(req)).toString('utf8');
  if (raw.trim() === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return parseForm(raw);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw stripeError(400, 'Invalid request body: expected JSON or form-encoded parameters.');
  }
  if (!isPlainObject(value)) throw stripeError(400, 'Invalid request body: expected an object.');
  return value;
}

/** Integer parameter; form bodies carry digits as strings. undefined when absent. */
export function intParam(
  params: Record<string, unknown>,
  name: string,
  min: number,
): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw stripeError(400, `Invalid integer: ${JSON.stringify(value)}`, {
      code: 'parameter_invalid_integer',
      param: name,
    });
  }
  return n;
}

export function stringParam(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw stripeError(400, `Invalid string: ${name}`, {
      code: 'parameter_invalid_string',
      param: name,
    });
  }
  return value;
}

export function metadataParam(params: Record<string, unknown>): Record<string, string> {
  const value = params.metadata;
  if (value === undefined || value === '') return {};
  if (!isPlainObject(value)) {
    throw stripeError(400, 'Invalid object', {
      code: 'parameter_invalid_object',
      param: 'metadata',
    });
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw stripeError(400, `Invalid metadata value for ${key}`, { param: `metadata[${key}]` });
    }
    out[key] = String(v);
  }
  return out;
}

export interface Listable {
  id: string;
  created: number;
}

/**
 * Stripe list semantics: newest first; `created[gte|gt|lt|lte]` filters; `starting_after` is the
 * id of the last object of the previous page. `items` is in creation order.
 */
export function listObjects<T extends Listable>(
  items: readonly T[],
  url: URL,
  keep: (item: T) => boolean = () => true,
): { object: 'list'; data: T[]; has_more: boolean; url: string } {
  const bound = (op: string): number | undefined => {
    const raw = url.searchParams.get(`created[${op}]`);
    if (raw === null) return undefined;
    if (!/^\d+$/.test(raw)) throw stripeError(400, `Invalid integer: ${raw}`, { param: 'created' });
    return Number(raw);
  };
  const [gte, gt, lt, lte] = [bound('gte'), bound('gt'), bound('lt'), bound('lte')];
  const rawLimit = url.searchParams.get('limit') ?? '10';
  const limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= 100)) {
    throw stripeError(400, 'This value must be between 1 and 100.', { param: 'limit' });
  }
  const matching = [...items]
    .reverse()
    .filter(
      (o) =>
        keep(o) &&
        (gte === undefined || o.created >= gte) &&
        (gt === undefined || o.created > gt) &&
        (lt === undefined || o.created < lt) &&
        (lte === undefined || o.created <= lte),
    );
  const after = url.searchParams.get('starting_after');
  let start = 0;
  if (after) {
    const index = matching.findIndex((o) => o.id === after);
    if (index < 0) {
      throw stripeError(400, `No such object: '${after}'`, {
        code: 'resource_missing',
        param: 'starting_after',
      });
    }
    start = index + 1;
  }
  const data = matching.slice(start, start + limit);
  return { object: 'list', data, has_more: start + limit < matching.length, url: url.pathname };
}
