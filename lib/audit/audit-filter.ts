// The audit log's filter as it travels in a URL: one schema for the page, the API, the CSV export
// and the OpenAPI document. Strict for the API (a typo answers 422), lenient for the page (a stale
// link still opens, minus what it cannot mean). Also the API's result shapes, so the document is
// generated from the same zod schemas the code uses.
import { z } from 'zod';
import {
  instant,
  lenientFields,
  list,
  single,
  windowError,
  windowInOrder,
  type QueryRaw,
} from '@/lib/base/query-values';
import { AUDIT_ACTIONS, auditEventSchema, type AuditAction } from './events';

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 200;

/** The object types events name ('connection', 'flow', 'transaction', ...), each once. */
export const AUDIT_OBJECT_TYPES = [
  ...new Set(auditEventSchema.options.map((o) => o.shape.objectType.value)),
].sort();

export interface AuditFilter {
  /** part of the actor's label, any case (a person's name, a token's name, "system") */
  actor?: string;
  actions: AuditAction[];
  objectType?: string;
  objectId?: string;
  /** created_at window, inclusive */
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** A position in the log, newest first: entries with a smaller seq come next. */
export function encodeAuditCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string | undefined | null): number | null {
  if (!cursor) return null;
  const match = /^seq:(-?\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const seq = match?.[1] ? Number(match[1]) : NaN;
  return Number.isSafeInteger(seq) ? seq : null;
}

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} is too long`)
    .transform((s) => s || undefined)
    .optional();

const fields = {
  actor: z.preprocess(single, text(200, 'actor')),
  action: z.preprocess(list, z.array(z.enum(AUDIT_ACTIONS as [AuditAction], 'unknown action'))),
  objectType: z.preprocess(
    single,
    z.enum(AUDIT_OBJECT_TYPES as [string, ...string[]], 'unknown object type').optional(),
  ),
  objectId: z.preprocess(single, text(200, 'object id')),
  from: z.preprocess(single, instant.optional()),
  to: z.preprocess(single, instant.optional()),
  cursor: z.preprocess(
    single,
    z
      .string()
      .max(100)
      .refine((c) => decodeAuditCursor(c) !== null, 'invalid cursor')
      .optional(),
  ),
  limit: z.preprocess(
    single,
    z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).default(AUDIT_DEFAULT_LIMIT),
  ),
};

type Parsed = { [K in keyof typeof fields]?: z.output<(typeof fields)[K]> };

function normalise(p: Parsed): AuditFilter {
  return {
    ...(p.actor && { actor: p.actor }),
    actions: [...new Set(p.action ?? [])],
    ...(p.objectType && { objectType: p.objectType }),
    ...(p.objectId && { objectId: p.objectId }),
    ...(p.from && { from: p.from }),
    ...(p.to && { to: p.to }),
    ...(p.cursor && { cursor: p.cursor }),
    limit: p.limit ?? AUDIT_DEFAULT_LIMIT,
  };
}

/** Strict: any invalid value is a ZodError (the API's 422). */
export const auditFilterSchema = z
  .object(fields)
  .refine(windowInOrder, windowError)
  .transform(normalise);

/** Lenient: each unreadable value is dropped on its own, never throws. */
export const lenientAuditFilterSchema = z
  .object({
    ...lenientFields(fields),
    action: z.preprocess(
      (v) => list(v).filter((s) => (AUDIT_ACTIONS as string[]).includes(s)),
      fields.action,
    ),
  })
  .transform((p) => normalise(p as Parsed));

export const parseAuditFilter = (raw: QueryRaw): AuditFilter => auditFilterSchema.parse(raw);
export const readAuditFilter = (raw: QueryRaw): AuditFilter => lenientAuditFilterSchema.parse(raw);

/** The filter as URL pairs; the inverse of the parsers. `cursor: null` drops the position. */
export function auditFilterParams(
  filter: AuditFilter,
  override: { cursor?: string | null } = {},
): [string, string][] {
  const pairs: [string, string][] = [];
  if (filter.actor) pairs.push(['actor', filter.actor]);
  if (filter.actions.length) pairs.push(['action', filter.actions.join(',')]);
  if (filter.objectType) pairs.push(['objectType', filter.objectType]);
  if (filter.objectId) pairs.push(['objectId', filter.objectId]);
  if (filter.from) pairs.push(['from', filter.from.toISOString()]);
  if (filter.to) pairs.push(['to', filter.to.toISOString()]);
  const cursor = override.cursor === undefined ? filter.cursor : override.cursor;
  if (cursor) pairs.push(['cursor', cursor]);
  if (filter.limit !== AUDIT_DEFAULT_LIMIT) pairs.push(['limit', String(filter.limit)]);
  return pairs;
}

export function isAuditFiltered(filter: AuditFilter): boolean {
  return Boolean(
    filter.actor ||
    filter.actions.length ||
    filter.objectType ||
    filter.objectId ||
    filter.from ||
    filter.to,
  );
}

// ---- result shapes (the API's responses) ----

const json = z.record(z.string(), z.unknown()).nullable();

export const auditEntryDtoSchema = z.object({
  id: z.string().describe('the entry id (a number, as text)'),
  seq: z.number().int().describe('position in the tenant’s chain, from 1'),
  at: z.iso.datetime(),
  actor: z.object({
    label: z.string(),
    kind: z.enum(['user', 'token', 'system']),
    userId: z.string().nullable(),
    tokenId: z.string().nullable(),
  }),
  action: z.string(),
  object: z.object({ type: z.string(), id: z.string() }),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  before: json,
  after: json,
  hash: z.string(),
});

export const auditListSchema = z.object({
  entries: z.array(auditEntryDtoSchema),
  nextCursor: z.string().nullable(),
});

export const auditAnchorSchema = z.object({
  seq: z.coerce.number().int().min(1),
  hash: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, 'a head hash is 64 hexadecimal characters'),
});

/** POST /api/v1/audit/verify: optionally a head saved earlier, to detect a rewrite since. */
export const auditVerifyBodySchema = z.object({ anchor: auditAnchorSchema.optional() });

export const auditVerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  problems: z.array(
    z.object({
      kind: z.enum(['modified', 'inserted', 'deleted']),
      seq: z.number().int().optional(),
      entryId: z.string().optional(),
      range: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
      message: z.string(),
    }),
  ),
  anchor: z.object({ seq: z.number().int(), matched: z.boolean() }).nullable(),
  limits: z.string(),
});
